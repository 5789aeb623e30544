/**
 * `defineService`: validate user input and return a normalized, hardened ServiceSpec.
 * Pure: never mutates its argument, collects every problem before throwing.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Collector } from "./collector";
import { DEFAULTS, FORBIDDEN_CAPABILITIES, isPlaceholderReason, LIMITS, SECRET_ENV_NAME } from "./defaults";
import { show, SpecError, SpecIssue } from "./errors";
import { normalizeHealthcheck } from "./healthcheck";
import { imagePin, parseImageRef } from "./image-ref";
import { ParsedService, RELAXATIONS, RelaxationKey, serviceSchema, ServiceInput } from "./schema";
import { normalizeResources } from "./resources";
import type { PortSpec, Relaxation, ServiceSpec } from "./types";
import { SPEC_KIND } from "./types";
import { parseBytes } from "./units";
import { normalizeVolumes } from "./volumes";
import { fromZod } from "./zod-issues";

const KNOWN_CAPS = new Set(
  "AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW PERFMON SETFCAP SETGID SETPCAP SETUID SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM ALL".split(" "),
);

export function isServiceSpec(x: unknown): x is ServiceSpec {
  return typeof x === "object" && x !== null && (x as ServiceSpec).kind === SPEC_KIND;
}

/** Validate and harden one service. Throws SpecError listing every problem. */
export function defineService(input: ServiceInput | ServiceSpec): ServiceSpec {
  if (isServiceSpec(input)) return input;
  const { spec, issues } = checkService(input);
  if (!spec) throw new SpecError(`service ${nameOf(input)}`, issues);
  return spec;
}

/** Like defineService but returns the issues instead of throwing (for stacks and tools). */
export function checkService(input: unknown): { spec?: ServiceSpec; issues: SpecIssue[] } {
  if (isServiceSpec(input)) return { spec: input, issues: [] };
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { issues: [{ path: "", message: `a service must be an object with at least name, image and healthcheck (got ${show(input)}).` }] };
  }
  // Parse field by field so a type error in one field does not hide the rule checks of the
  // others: every problem is reported at once.
  const issues: SpecIssue[] = [];
  const partial: Record<string, unknown> = {};
  const failed = new Set<string>();
  const shape = serviceSchema.shape as Record<string, z.ZodType>;
  const obj = input as Record<string, unknown>;
  for (const key of Object.keys(shape)) {
    const r = shape[key].safeParse(obj[key], { reportInput: true });
    if (r.success) {
      if (r.data !== undefined) partial[key] = r.data;
    } else {
      failed.add(key);
      issues.push(...fromZod(prefixIssues(r.error, key), serviceSchema, input));
    }
  }
  const unknown = Object.keys(obj).filter((k) => !(k in shape));
  if (unknown.length) issues.push(...fromZod(new z.ZodError([{ code: "unrecognized_keys", keys: unknown, path: [], message: "", input: obj } as z.core.$ZodIssue]), serviceSchema, input));
  const result = normalize(partial as ParsedService, failed);
  return issues.length ? { issues: [...issues, ...result.issues] } : result;
}

function prefixIssues(error: z.ZodError, key: string): z.ZodError {
  return new z.ZodError(error.issues.map((i) => ({ ...i, path: [key, ...i.path] })));
}

function nameOf(input: unknown): string {
  const n = (input as { name?: unknown } | null)?.name;
  return typeof n === "string" ? `"${n}"` : "(unnamed)";
}

function normalize(s: ParsedService, failed: ReadonlySet<string> = new Set()): { spec?: ServiceSpec; issues: SpecIssue[] } {
  const relax = (s.relax ?? {}) as Partial<Record<RelaxationKey, string>>;
  const c = new Collector(relax);

  // Image (RULES.md SS035): a known string must be pinned; an Output is judged at deploy time.
  let image: string | pulumi.Output<string>;
  let imagePinned: ServiceSpec["imagePin"] = "unknown";
  if (failed.has("image")) image = "";
  else if (typeof s.image === "string" || pulumi.Output.isInstance(s.image)) image = s.image as string | pulumi.Output<string>;
  else {
    const obj = s.image as { ref: string | pulumi.Output<string>; pinnedByDigest?: unknown };
    image = obj.ref;
    // A SecureImage's ref is always repo@sha256:… even though it is unknown until deploy.
    if (obj.pinnedByDigest === true) imagePinned = "digest";
  }
  if (typeof image === "string" && !failed.has("image")) {
    const ref = parseImageRef(image);
    if (!ref) c.error(["image"], `${show(image)} is not an image reference; write it as "registry/team/app:1.2.3" (optionally "@sha256:<digest>").`);
    else {
      imagePinned = imagePin(ref);
      if (imagePinned === "unknown") c.needs("unpinnedImage", ["image"], `${show(image)} is not pinned (no tag, or "latest")`, 'Pin a version tag such as ":1.4.2", better a digest "@sha256:…"');
      else if (imagePinned === "tag") c.warn("SS035", ["image"], `${show(image)} is pinned by tag only; a tag can move.`, "Deploy by digest (repo@sha256:…), e.g. from a SecureImage's ref.");
    }
  }

  // User (SS001, SS002).
  let user: { uid: number; gid: number } = DEFAULTS.user;
  if (typeof s.user === "string") {
    const m = /^(\d+)(?::(\d+))?$/.exec(s.user);
    if (!m) c.error(["user"], `${show(s.user)} is not numeric; names resolve differently per image. Use "UID:GID" such as "10001:10001".`);
    else user = { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) };
  } else if (s.user) user = s.user;
  if (user.uid < 0 || user.gid < 0 || user.uid > 2 ** 31 - 1 || user.gid > 2 ** 31 - 1) c.error(["user"], `uid/gid ${user.uid}:${user.gid} is out of range; use 10000..2147483647.`);
  else if (user.uid === 0 || user.gid === 0) c.needs("rootUser", ["user"], `user ${user.uid}:${user.gid} runs as root`, 'Use a numeric non-root user such as "10001:10001"');
  else if (user.uid < DEFAULTS.minUid || user.gid < DEFAULTS.minUid) c.needs("lowUid", ["user"], `user ${user.uid}:${user.gid} is below ${DEFAULTS.minUid} and may map to a host account`, 'Use a UID and GID of 10000 or more, e.g. "10001:10001"');

  // Root filesystem (SS011).
  const readOnlyRootFilesystem = s.readOnlyRootFilesystem ?? true;
  if (!readOnlyRootFilesystem) c.needs("writableRootFilesystem", ["readOnlyRootFilesystem"], "a writable root filesystem lets a compromise persist in the container", "Keep it read-only and add a scratch volume for the path the service writes");

  // Capabilities (SS005, SS006): ALL are dropped; adding back is explicit.
  const capAdd: string[] = [];
  (s.capAdd ?? []).forEach((raw, i) => {
    const cap = raw.toUpperCase().replace(/^CAP_/, "");
    if (!KNOWN_CAPS.has(cap)) c.error(["capAdd", i], `${show(raw)} is not a Linux capability; check the spelling (e.g. "NET_BIND_SERVICE").`);
    else if ((FORBIDDEN_CAPABILITIES as readonly string[]).includes(cap)) c.error(["capAdd", i], `${cap} is never added back: it lets a container escape or sniff the host. Remove it and use a narrower capability or a sidecar.`);
    else if (capAdd.includes(cap)) c.error(["capAdd", i], `${cap} is listed twice; remove the duplicate.`);
    else capAdd.push(cap);
  });
  if (capAdd.length) c.needs("addedCapabilities", ["capAdd"], `adding ${capAdd.join(", ")} weakens "drop ALL"`, "Remove the capability (bind a port >= 1024 instead of NET_BIND_SERVICE)");

  // Ports (SS024, SS025).
  const ports: PortSpec[] = [];
  (s.ports ?? []).forEach((p, i) => {
    const port = typeof p === "number" ? { container: p, protocol: "tcp" as const } : p;
    const path = ["ports", i];
    if (port.hostIp !== undefined && port.published === undefined) c.error([...path, "hostIp"], `hostIp ${show(port.hostIp)} is set but the port is not published; set published or remove hostIp.`);
    const hostIp = port.published !== undefined ? (port.hostIp ?? DEFAULTS.hostIp) : undefined;
    if (hostIp && hostIp !== "127.0.0.1" && hostIp !== "::1") c.needs("publicPorts", [...path, "hostIp"], `port ${port.published} would listen on ${hostIp}, reachable from other hosts`, 'Bind 127.0.0.1 and put a reverse proxy in front');
    if (port.published !== undefined && port.published < 1024) c.needs("privilegedPorts", [...path, "published"], `host port ${port.published} is below 1024`, "Publish on a port >= 1024");
    if (ports.some((q) => q.container === port.container && q.protocol === port.protocol)) c.error([...path, "container"], `container port ${port.container}/${port.protocol} is listed twice; remove the duplicate.`);
    if (port.published !== undefined && ports.some((q) => q.published === port.published && q.protocol === port.protocol)) c.error([...path, "published"], `host port ${port.published}/${port.protocol} is published twice; choose another host port.`);
    if (port.name && ports.some((q) => q.name === port.name)) c.error([...path, "name"], `port name ${show(port.name)} is used twice; names must be unique.`);
    ports.push({ ...(port.name ? { name: port.name } : {}), container: port.container, protocol: port.protocol, ...(port.published !== undefined ? { published: port.published, hostIp } : {}) });
  });

  // Healthcheck (SS032).
  const healthcheck = failed.has("healthcheck") ? undefined : normalizeHealthcheck(s, c);

  // Resources (SS028-SS031).
  const resources = normalizeResources(s, c);

  // Volumes (SS012, SS018-SS020) and the default /tmp.
  const { volumes, tmpfs } = normalizeVolumes(s, c);

  // Secrets (SS037): files under /run/secrets, never env.
  const secrets = (s.secrets ?? []).map((sec, i) => {
    if ((s.secrets ?? []).findIndex((o) => o.name === sec.name) !== i) c.error(["secrets", i, "name"], `secret ${show(sec.name)} is listed twice; remove the duplicate.`);
    return { name: sec.name, configKey: sec.configKey ?? sec.name, target: `/run/secrets/${sec.name}`, ...(sec.fileEnv ? { fileEnv: sec.fileEnv } : {}), uid: user.uid, gid: user.gid, mode: sec.mode ?? DEFAULTS.secretMode };
  });
  secrets.forEach((sec, i) => {
    if (sec.mode & 0o077 && sec.mode !== DEFAULTS.secretMode) c.warn("SS037", ["secrets", i, "mode"], `secret file mode ${sec.mode.toString(8)} lets other users read it.`, "Use mode 0o400.");
  });

  // Env (SS037): plain values only, and nothing that looks like a secret.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) c.error(["env", k], `${show(k)} is not a valid variable name; use letters, digits and "_", not starting with a digit.`);
    const value = String(v);
    if (SECRET_ENV_NAME.test(k) && value !== "" && !value.startsWith("/run/secrets/")) {
      c.error(["env", k], `${k} looks like a secret and must not be an environment variable (env is visible in inspect output and logs). Move it to secrets: [{ name: "${k.toLowerCase()}", fileEnv: "${k}_FILE" }] and read the file.`);
    }
    env[k] = value;
  }
  secrets.forEach((sec, i) => {
    if (!sec.fileEnv) return;
    if (sec.fileEnv in env) c.error(["secrets", i, "fileEnv"], `${sec.fileEnv} is also set in env; remove it from env (the secret's file path is set for you).`);
    else env[sec.fileEnv] = sec.target;
  });

  // Restart (SS033).
  let restart: ServiceSpec["restart"] = DEFAULTS.restart;
  if (typeof s.restart === "object") restart = s.restart;
  else if (s.restart === "on-failure") restart = DEFAULTS.restart;
  else if (s.restart === "no") restart = { policy: "no" };
  else if (s.restart) {
    if (c.needs("unboundedRestart", ["restart"], `restart "${s.restart}" retries forever and hides crash loops`, 'Use "on-failure" (5 retries)')) restart = { policy: s.restart };
  }

  // Logging.
  const maxSizeBytes = s.logging?.maxSize !== undefined ? parseBytes(s.logging.maxSize) : DEFAULTS.logging.maxSizeBytes;
  if (maxSizeBytes === undefined || maxSizeBytes < LIMITS.logBytes.min || maxSizeBytes > LIMITS.logBytes.max)
    c.error(["logging", "maxSize"], `${show(s.logging?.maxSize)} is not a log size between 1Mi and 1Gi; use e.g. "10Mi".`);

  // Relax entries that relax nothing are probably stale: say so, don't fail.
  const relaxations: Relaxation[] = [];
  const egress = !!relax.egress;
  if (egress) c.used.add("egress");
  for (const key of Object.keys(relax) as RelaxationKey[]) {
    if (!relax[key]) continue;
    if (c.used.has(key)) {
      relaxations.push({ key, ruleId: RELAXATIONS[key], reason: relax[key] as string });
      if (isPlaceholderReason(relax[key] as string)) c.warn(RELAXATIONS[key], ["relax", key], `relax.${key} still has a placeholder reason (${show(relax[key])}); policies and audits treat it as not relaxed.`, "Write the real reason a reviewer can judge.");
    }
    else c.warn(RELAXATIONS[key], ["relax", key], `relax.${key} is set but nothing in the spec needs it.`, `Remove relax.${key}.`);
  }

  if (s.dependsOn?.includes(s.name)) c.error(["dependsOn"], `a service cannot depend on itself ("${s.name}"); remove it.`);
  for (const k of Object.keys(s.labels ?? {})) if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(k)) c.error(["labels", k], `${show(k)} is not a valid label key; use reverse-DNS keys such as "com.example.team".`);
  const resourceName = s.gpus?.resourceName ?? (s.gpus?.driver === "nvidia" ? "nvidia.com/gpu" : undefined);
  const gpus = s.gpus ? { count: s.gpus.count, driver: s.gpus.driver, capabilities: [...s.gpus.capabilities], ...(resourceName ? { resourceName } : {}) } : undefined;

  if (c.issues.length) return { issues: c.issues };
  const spec: ServiceSpec = {
    kind: SPEC_KIND,
    name: s.name,
    image,
    imagePin: imagePinned,
    ...(s.command ? { command: [...s.command] } : {}),
    ...(s.entrypoint ? { entrypoint: [...s.entrypoint] } : {}),
    ...(s.workdir ? { workdir: s.workdir } : {}),
    env,
    secrets,
    ports,
    ...(healthcheck ? { healthcheck } : {}),
    resources: resources!,
    volumes,
    tmpfs,
    user,
    security: { readOnlyRootFilesystem, noNewPrivileges: true, capDrop: ["ALL"], capAdd, seccomp: "RuntimeDefault", privileged: false, init: s.init ?? DEFAULTS.init },
    restart,
    logging: { driver: "json-file", maxSizeBytes: maxSizeBytes!, maxFiles: s.logging?.maxFiles ?? DEFAULTS.logging.maxFiles },
    ...(gpus ? { gpus } : {}),
    labels: { ...(s.labels ?? {}) },
    networks: s.networks?.length ? [...new Set(s.networks)] : ["default"],
    egress,
    dependsOn: [...new Set(s.dependsOn ?? [])],
    replicas: s.replicas ?? 1,
    relaxations,
    warnings: c.warnings,
    raw: structuredCloneRaw(s.raw),
  };
  return { spec, issues: [] };
}

function structuredCloneRaw(raw: ParsedService["raw"]): ServiceSpec["raw"] {
  if (!raw) return {};
  return {
    ...(raw.docker ? { docker: { ...raw.docker } } : {}),
    ...(raw.compose ? { compose: { ...raw.compose } } : {}),
    ...(raw.kubernetes ? { kubernetes: { ...raw.kubernetes } } : {}),
  };
}
