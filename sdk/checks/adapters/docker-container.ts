/**
 * `@pulumi/docker` Container inputs (as Pulumi mocks and CrossGuard see them: resolved,
 * secrets unwrapped) → ContainerPosture. Docker provider quirks are handled here:
 * `memory`/`memorySwap` are MB, `cpus` is a string, there is no `pidsLimit` (the `nproc`
 * ulimit is the substitute), a port without `ip` binds 0.0.0.0 and one without `external`
 * gets a random host port.
 */
import { ContainerPosture, normalizeCapability, parseUser, PostureMount, PosturePort, PostureTmpfs, relaxationsFromLabels } from "../posture";
import { parseDockerSize, tmpfsSize } from "./units";

type Obj = Record<string, unknown>;
const MB = 2 ** 20;

const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === "number" && Number.isFinite(x) ? x : typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x)) ? Number(x) : undefined);
const bool = (x: unknown): boolean | undefined => (typeof x === "boolean" ? x : undefined);

/** Parse Docker `--security-opt` entries (either `key=value` or legacy `key:value`). */
export function parseSecurityOpts(opts: readonly string[]): Pick<ContainerPosture, "noNewPrivileges" | "seccomp" | "apparmor" | "selinux" | "systemPaths"> {
  const out: { noNewPrivileges?: boolean; seccomp?: string; apparmor?: string; selinux?: { disabled?: boolean; user?: string; role?: string; type?: string; level?: string }; systemPaths?: "default" | "unconfined" } = {};
  for (const raw of opts) {
    const o = raw.trim();
    const m = /^([a-z-]+)(?:[=:](.*))?$/i.exec(o);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2];
    if (key === "no-new-privileges") out.noNewPrivileges = value === undefined || value === "" || value === "true";
    else if (key === "seccomp") out.seccomp = value;
    else if (key === "apparmor") out.apparmor = value;
    else if (key === "systempaths") out.systemPaths = value === "unconfined" ? "unconfined" : "default";
    else if (key === "label" && value !== undefined) {
      const sel = { ...(out.selinux ?? {}) };
      if (value === "disable") sel.disabled = true;
      else {
        const lm = /^(user|role|type|level)[:=](.*)$/.exec(value);
        if (lm) sel[lm[1] as "user" | "role" | "type" | "level"] = lm[2];
      }
      out.selinux = sel;
    }
  }
  return out;
}

/** Which posture fields an unknown (preview) Container input hides. */
const UNKNOWN_FIELDS: Record<string, string[]> = {
  image: ["image"],
  user: ["user"],
  securityOpts: ["noNewPrivileges"],
  capabilities: ["capDrop"],
  readOnly: ["readOnlyRootFilesystem", "ephemeralStorageBytes"],
  memory: ["memoryBytes"],
  memorySwap: ["memorySwapBytes"],
  cpus: ["cpus"],
  ulimits: ["pidsLimit"],
  healthcheck: ["healthcheck"],
  networksAdvanced: ["networks"],
  networkMode: ["networks"],
  init: ["init"],
};

/**
 * The posture of one `docker:index/container:Container` from its resolved inputs.
 * @param unknownInputs dotted input paths unknown during preview (see sdk/policy/unknowns.ts)
 */
export function fromDockerContainerArgs(name: string, inputs: Readonly<Record<string, unknown>>, at?: string, unknownInputs: readonly string[] = []): ContainerPosture {
  const unknown = [...new Set(unknownInputs.flatMap((path) => UNKNOWN_FIELDS[path.split(".")[0]] ?? []))];
  const i = inputs as Obj;
  const user = str(i.user);
  const caps = isObj(i.capabilities) ? i.capabilities : {};
  const sec = parseSecurityOpts(arr(i.securityOpts).filter((x): x is string => typeof x === "string"));

  const tmpfs: PostureTmpfs[] = isObj(i.tmpfs) ? Object.entries(i.tmpfs).map(([target, opts]) => ({ target, sizeBytes: tmpfsSize(opts) })) : [];
  const mounts: PostureMount[] = [];
  for (const m of arr(i.mounts).filter(isObj)) {
    const type = str(m.type);
    const bindOptions = isObj(m.bindOptions) ? m.bindOptions : {};
    const tmpfsOptions = isObj(m.tmpfsOptions) ? m.tmpfsOptions : {};
    mounts.push({
      type: type === "bind" ? "bind" : type === "volume" ? "volume" : type === "tmpfs" ? "tmpfs" : type === "npipe" ? "npipe" : "other",
      ...(str(m.source) !== undefined ? { source: str(m.source) } : {}),
      target: str(m.target) ?? "",
      ...(bool(m.readOnly) !== undefined ? { readOnly: bool(m.readOnly) } : {}),
      ...(str(bindOptions.propagation) ? { propagation: str(bindOptions.propagation) } : {}),
      ...(num(tmpfsOptions.sizeBytes) ? { sizeBytes: num(tmpfsOptions.sizeBytes) } : {}),
    });
  }
  for (const v of arr(i.volumes).filter(isObj)) {
    const target = str(v.containerPath) ?? "";
    const ro = bool(v.readOnly);
    if (str(v.hostPath) !== undefined) mounts.push({ type: "bind", source: str(v.hostPath), target, ...(ro !== undefined ? { readOnly: ro } : {}) });
    else if (str(v.volumeName) !== undefined) mounts.push({ type: "volume", source: str(v.volumeName), target, ...(ro !== undefined ? { readOnly: ro } : {}) });
    else if (str(v.fromContainer) !== undefined) mounts.push({ type: "other", source: `container:${str(v.fromContainer)}`, target, ...(ro !== undefined ? { readOnly: ro } : {}) });
    else mounts.push({ type: "volume", target, ...(ro !== undefined ? { readOnly: ro } : {}) });
  }

  const ports: PosturePort[] = arr(i.ports).filter(isObj).map((p) => {
    const external = num(p.external);
    const protocol = str(p.protocol) as PosturePort["protocol"] | undefined;
    return {
      container: num(p.internal) ?? 0,
      ...(external !== undefined ? { published: external } : { publishedRandom: true }),
      ...(str(p.ip) !== undefined ? { hostIp: str(p.ip) } : {}),
      ...(protocol ? { protocol } : {}),
    };
  });

  const networkMode = str(i.networkMode);
  const networks = arr(i.networksAdvanced).filter(isObj).map((n) => str(n.name)).filter((n): n is string => !!n);
  const nproc = arr(i.ulimits).filter(isObj).find((u) => str(u.name) === "nproc");
  const tests = isObj(i.healthcheck) ? arr(i.healthcheck.tests).filter((x): x is string => typeof x === "string") : undefined;
  const env: Record<string, string> = {};
  for (const e of arr(i.envs)) {
    if (typeof e !== "string") continue;
    const eq = e.indexOf("=");
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
    else env[e] = "";
  }
  const labels: Record<string, string> = {};
  for (const l of arr(i.labels).filter(isObj)) if (str(l.label)) labels[str(l.label)!] = str(l.value) ?? "";
  const memory = num(i.memory);
  const memorySwap = num(i.memorySwap);
  const cpus = num(i.cpus);
  const restart = str(i.restart);
  const relaxations = relaxationsFromLabels(labels);
  const uploads = arr(i.uploads).filter(isObj).map((u) => str(u.file)).filter((f): f is string => !!f);

  return {
    name,
    ...(at ? { at } : {}),
    source: "docker",
    ...(str(i.image) !== undefined ? { image: str(i.image) } : {}),
    ...(user !== undefined ? { user, ...parseUser(user) } : {}),
    ...(bool(i.privileged) !== undefined ? { privileged: bool(i.privileged) } : {}),
    ...sec,
    capDrop: arr(caps.drops).filter((x): x is string => typeof x === "string").map(normalizeCapability),
    capAdd: arr(caps.adds).filter((x): x is string => typeof x === "string").map(normalizeCapability),
    ...(bool(i.readOnly) !== undefined ? { readOnlyRootFilesystem: bool(i.readOnly) } : {}),
    tmpfs,
    ...(networkMode === "host" ? { hostNetwork: true } : {}),
    ...(str(i.pidMode) === "host" ? { hostPid: true } : {}),
    ...(str(i.ipcMode) === "host" ? { hostIpc: true } : {}),
    ...(str(i.utsMode) === "host" ? { hostUts: true } : {}),
    ...(str(i.usernsMode) === "host" ? { hostUserns: true } : {}),
    ...(str(i.cgroupnsMode) === "host" ? { hostCgroupns: true } : {}),
    ...(networkMode !== undefined ? { networkMode } : {}),
    mounts,
    devices: arr(i.devices).filter(isObj).map((d) => str(d.hostPath) ?? "").filter((d) => d),
    ...(isObj(i.sysctls) ? { sysctls: Object.fromEntries(Object.entries(i.sysctls).map(([k, v]) => [k, String(v)])) } : {}),
    ...(str(i.cgroupParent) ? { cgroupParent: str(i.cgroupParent) } : {}),
    ports,
    ...(bool(i.publishAllPorts) !== undefined ? { publishAll: bool(i.publishAllPorts) } : {}),
    networks,
    ...(memory !== undefined && memory > 0 ? { memoryBytes: memory * MB } : {}),
    ...(memorySwap !== undefined && memorySwap !== 0 ? { memorySwapBytes: memorySwap < 0 ? -1 : memorySwap * MB } : {}),
    ...(cpus !== undefined && cpus > 0 ? { cpus } : {}),
    ...(nproc && num(nproc.soft) !== undefined ? { nprocLimit: num(nproc.soft) } : {}),
    ...(isObj(i.storageOpts) && parseDockerSize(i.storageOpts.size) ? { ephemeralStorageBytes: parseDockerSize(i.storageOpts.size) } : {}),
    healthcheck: tests === undefined || tests.length === 0 ? { present: false } : tests[0] === "NONE" ? { present: false, disabled: true } : { present: true },
    ...(restart !== undefined ? { restart: { policy: restart, ...(num(i.maxRetryCount) !== undefined ? { maxRetries: num(i.maxRetryCount) } : {}) } } : {}),
    env,
    ...(bool(i.init) !== undefined ? { init: bool(i.init) } : {}),
    secretFiles: uploads.filter((f) => f.startsWith("/run/secrets/")),
    ...(relaxations ? { relaxations } : {}),
    ...(unknown.length ? { unknown } : {}),
  };
}
