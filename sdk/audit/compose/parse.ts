/**
 * Read a compose file (compose-spec, v2/v3 files too) into ComposeProject: YAML with the
 * `yaml` package, variable interpolation, then every short and long syntax normalized.
 * Collects every problem before throwing a SpecError naming the field path, value and fix.
 */
import * as path from "path";
import YAML from "yaml";
import { show, SpecError, SpecIssue } from "../../spec/errors";
import { interpolate } from "./interpolate";
import type { ComposeGpu, ComposeHealthcheck, ComposeMount, ComposeNetwork, ComposePort, ComposeProject, ComposeService, ComposeVolume } from "./model";
import { shellSplit } from "./shell-split";
import { parseDockerBytes, parseGoDuration } from "./units";

export interface ParseComposeOptions {
  /** Shown in error messages. @default "compose file" */
  readonly file?: string;
  /** Directory that relative bind paths resolve against. @default process.cwd() */
  readonly baseDir?: string;
  /** Variables for interpolation. @default {} (pass process.env to mimic `docker compose`) */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

export function parseCompose(text: string, opts: ParseComposeOptions = {}): ComposeProject {
  const file = opts.file ?? "compose file";
  let doc: unknown;
  try {
    doc = YAML.parse(text, { merge: true, maxAliasCount: 1000 });
  } catch (e) {
    throw new SpecError(file, [{ path: "", message: `is not valid YAML: ${(e as Error).message.split("\n")[0]}. Fix the syntax (check indentation and quotes).` }]);
  }
  if (!isObj(doc)) throw new SpecError(file, [{ path: "", message: `must be a mapping with a "services" key (got ${show(doc)}).` }]);
  const { value: tree, missing } = interpolate(doc, opts.env ?? {});
  const issues: SpecIssue[] = [];
  if (!isObj(tree.services) || Object.keys(tree.services).length === 0) {
    issues.push({ path: "services", message: `must be a mapping of service names to services (got ${show(tree.services)}); add at least one service.` });
    throw new SpecError(file, issues);
  }
  const baseDir = opts.baseDir ?? process.cwd();
  const services: ComposeService[] = [];
  for (const [name, raw] of Object.entries(tree.services)) {
    if (!isObj(raw)) {
      issues.push({ path: `services.${name}`, message: `must be a mapping (got ${show(raw)}).` });
      continue;
    }
    services.push(parseService(name, raw, baseDir, (p, m) => issues.push({ path: `services.${name}${p ? `.${p}` : ""}`, message: m })));
  }
  const networks: ComposeNetwork[] = Object.entries(isObj(tree.networks) ? tree.networks : {}).map(([name, n]) => ({
    name,
    internal: isObj(n) && n.internal === true,
    external: isObj(n) && (n.external === true || isObj(n.external)),
    ...(isObj(n) && typeof n.driver === "string" ? { driver: n.driver } : {}),
  }));
  const volumes: ComposeVolume[] = Object.entries(isObj(tree.volumes) ? tree.volumes : {}).map(([name, v]) => ({ name, external: isObj(v) && (v.external === true || isObj(v.external)) }));
  if (issues.length) throw new SpecError(file, issues);
  return { ...(typeof tree.name === "string" ? { name: tree.name } : {}), services, networks, volumes, missingVariables: missing };
}

type Report = (fieldPath: string, message: string) => void;

function parseService(name: string, s: Obj, baseDir: string, report: Report): ComposeService {
  const strList = (key: string): string[] => {
    const v = s[key];
    if (v === undefined || v === null) return [];
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.map(String);
    report(key, `must be a list of strings (got ${show(v)}).`);
    return [];
  };
  const deploy = isObj(s.deploy) ? s.deploy : {};
  const resources = isObj(deploy.resources) ? deploy.resources : {};
  const limits = isObj(resources.limits) ? resources.limits : {};

  const bytes = (key: string, v: unknown): number | undefined => {
    if (v === undefined || v === null) return undefined;
    const b = parseDockerBytes(v);
    if (b === undefined) report(key, `${show(v)} is not a size; write it as "512m", "1g" or a number of bytes.`);
    return b;
  };
  const memoryBytes = bytes("deploy.resources.limits.memory", limits.memory) ?? bytes("mem_limit", s.mem_limit);
  const memswapBytes = bytes("memswap_limit", s.memswap_limit);
  let cpus: number | undefined;
  for (const [key, v] of [["deploy.resources.limits.cpus", limits.cpus], ["cpus", s.cpus]] as const) {
    if (v === undefined || v === null || cpus !== undefined) continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) report(key, `${show(v)} is not a number of CPUs; write e.g. 0.5.`);
    else if (n > 0) cpus = n;
  }
  if (cpus === undefined && typeof s.cpu_quota === "number" && s.cpu_quota > 0) cpus = s.cpu_quota / (typeof s.cpu_period === "number" ? s.cpu_period : 100000);
  let pidsLimit: number | undefined;
  for (const [key, v] of [["deploy.resources.limits.pids", limits.pids], ["pids_limit", s.pids_limit]] as const) {
    if (v === undefined || v === null || pidsLimit !== undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n)) report(key, `${show(v)} is not a whole number of processes; write e.g. 256.`);
    else if (n > 0) pidsLimit = n; // -1 and 0 mean unlimited
  }

  const networks: string[] = Array.isArray(s.networks) ? s.networks.map(String) : isObj(s.networks) ? Object.keys(s.networks) : [];
  const networkMode = typeof s.network_mode === "string" ? s.network_mode : undefined;
  const replicas = typeof deploy.replicas === "number" ? deploy.replicas : typeof s.scale === "number" ? s.scale : undefined;
  const restart = typeof s.restart === "string" ? s.restart : isObj(deploy.restart_policy) ? deployRestart(deploy.restart_policy) : undefined;

  return {
    name,
    ...(typeof s.image === "string" ? { image: s.image } : {}),
    ...(s.build !== undefined ? { build: s.build } : {}),
    ...(typeof s.container_name === "string" ? { containerName: s.container_name } : {}),
    ...(s.user !== undefined && s.user !== null ? { user: String(s.user) } : {}),
    privileged: s.privileged === true,
    readOnly: s.read_only === true,
    capAdd: strList("cap_add").map(normCap),
    capDrop: strList("cap_drop").map(normCap),
    securityOpt: strList("security_opt"),
    ports: parsePorts(s.ports, report),
    expose: strList("expose").flatMap((e) => expandRange(e.replace(/\/(tcp|udp)$/, ""), "expose", report)),
    publishAll: s.publish_all === true,
    mounts: [...parseVolumes(s.volumes, baseDir, report), ...parseTmpfs(s.tmpfs, report)],
    environment: keyValues(s.environment, "environment", report),
    envFile: Array.isArray(s.env_file) ? s.env_file.map((e) => (isObj(e) ? String(e.path) : String(e))) : typeof s.env_file === "string" ? [s.env_file] : [],
    ...(s.healthcheck !== undefined ? { healthcheck: parseHealthcheck(s.healthcheck, report) } : {}),
    ...(memoryBytes !== undefined && memoryBytes > 0 ? { memoryBytes } : {}),
    ...(memswapBytes !== undefined ? { memswapBytes } : {}),
    ...(cpus !== undefined ? { cpus } : {}),
    ...(pidsLimit !== undefined ? { pidsLimit } : {}),
    ...(restart !== undefined ? { restart } : {}),
    ...(networkMode ? { networkMode } : {}),
    networks: networks.length ? networks : networkMode ? [] : ["default"],
    ...(typeof s.pid === "string" ? { pid: s.pid } : {}),
    ...(typeof s.ipc === "string" ? { ipc: s.ipc } : {}),
    ...(typeof s.uts === "string" ? { uts: s.uts } : {}),
    ...(typeof s.userns_mode === "string" ? { usernsMode: s.userns_mode } : {}),
    ...(typeof s.cgroup_parent === "string" ? { cgroupParent: s.cgroup_parent } : {}),
    ...(typeof s.cgroup === "string" ? { cgroup: s.cgroup } : {}),
    devices: Array.isArray(s.devices) ? s.devices.map((d) => (isObj(d) ? `${d.source}:${d.target ?? d.source}` : String(d))) : [],
    sysctls: keyValues(s.sysctls, "sysctls", report),
    ...gpuOf(s, resources),
    dependsOn: Array.isArray(s.depends_on) ? s.depends_on.map(String) : isObj(s.depends_on) ? Object.keys(s.depends_on) : [],
    ...(s.command !== undefined && s.command !== null ? { command: argv(s.command, "command", report) } : {}),
    ...(s.entrypoint !== undefined && s.entrypoint !== null ? { entrypoint: argv(s.entrypoint, "entrypoint", report) } : {}),
    ...(typeof s.working_dir === "string" ? { workingDir: s.working_dir } : {}),
    labels: keyValues(s.labels, "labels", report),
    ...(replicas !== undefined ? { replicas } : {}),
    ...(typeof s.init === "boolean" ? { init: s.init } : {}),
    secrets: Array.isArray(s.secrets) ? s.secrets.map((x) => (isObj(x) ? String(x.source) : String(x))) : [],
    raw: s,
  };
}

const normCap = (c: string) => c.toUpperCase().replace(/^CAP_/, "");

function deployRestart(p: Obj): string {
  const cond = typeof p.condition === "string" ? p.condition : "any";
  if (cond === "none") return "no";
  if (cond === "on-failure") return typeof p.max_attempts === "number" ? `on-failure:${p.max_attempts}` : "on-failure";
  return typeof p.max_attempts === "number" ? `on-failure:${p.max_attempts}` : "always";
}

function gpuOf(s: Obj, resources: Obj): { gpus?: ComposeGpu } {
  const reservations = isObj(resources.reservations) ? resources.reservations : {};
  const devices = Array.isArray(reservations.devices) ? reservations.devices.filter(isObj) : [];
  const gpu = devices.find((d) => Array.isArray(d.capabilities) && d.capabilities.includes("gpu")) ?? devices.find((d) => d.driver === "nvidia");
  if (gpu) {
    const count = gpu.count === "all" ? "all" : typeof gpu.count === "number" ? gpu.count : Array.isArray(gpu.device_ids) ? gpu.device_ids.length : "all";
    return { gpus: { count, ...(typeof gpu.driver === "string" ? { driver: gpu.driver } : {}), capabilities: Array.isArray(gpu.capabilities) ? gpu.capabilities.map(String) : ["gpu"] } };
  }
  if (s.gpus === "all" || typeof s.gpus === "number") return { gpus: { count: s.gpus as number | "all", capabilities: ["gpu"] } };
  if (s.runtime === "nvidia") return { gpus: { count: "all", driver: "nvidia", capabilities: ["gpu"] } };
  return {};
}

function keyValues(v: unknown, key: string, report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = String(item);
      const eq = text.indexOf("=");
      if (eq === -1) out[text] = "";
      else out[text.slice(0, eq)] = text.slice(eq + 1);
    }
  } else if (isObj(v)) {
    for (const [k, val] of Object.entries(v)) out[k] = val === null || val === undefined ? "" : String(val);
  } else report(key, `must be a mapping or a list of KEY=VALUE strings (got ${show(v)}).`);
  return out;
}

function argv(v: unknown, key: string, report: Report): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string") {
    try {
      return shellSplit(v);
    } catch (e) {
      report(key, `${(e as Error).message}; close the quote or write ${key} as a list.`);
      return [v];
    }
  }
  report(key, `must be a string or a list of strings (got ${show(v)}).`);
  return [];
}

function expandRange(text: string, key: string, report: Report): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) {
    report(key, `${show(text)} is not a port or port range; write e.g. "8080" or "8000-8010".`);
    return [];
  }
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b > 65535 || b < a) {
    report(key, `${show(text)} is not a port range within 1..65535.`);
    return [];
  }
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Short syntax `[[ip:]host[-range]:]container[-range][/proto]` and the long syntax. */
export function parsePorts(v: unknown, report: Report = () => undefined): ComposePort[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    report("ports", `must be a list (got ${show(v)}); write e.g. ["127.0.0.1:8080:8080"].`);
    return [];
  }
  const out: ComposePort[] = [];
  v.forEach((p, i) => {
    const key = `ports[${i}]`;
    if (isObj(p)) {
      const protocol = p.protocol === "udp" ? "udp" : "tcp";
      const targets = expandRange(String(p.target ?? ""), `${key}.target`, report);
      const published = p.published === undefined || p.published === null || p.published === "" ? [] : expandRange(String(p.published), `${key}.published`, report);
      const hostIp = typeof p.host_ip === "string" && p.host_ip ? p.host_ip : undefined;
      targets.forEach((t, j) => out.push({ ...(hostIp ? { hostIp } : {}), ...(published.length ? { published: published[Math.min(j, published.length - 1)] } : {}), target: t, protocol, text: JSON.stringify(p) }));
      return;
    }
    const text = String(p);
    let rest = text;
    let protocol: "tcp" | "udp" = "tcp";
    const proto = /\/(tcp|udp|sctp)$/i.exec(rest);
    if (proto) {
      protocol = proto[1].toLowerCase() === "udp" ? "udp" : "tcp";
      rest = rest.slice(0, proto.index);
    }
    let hostIp: string | undefined;
    const v6 = /^\[([0-9a-fA-F:.]+)\]:/.exec(rest);
    if (v6) {
      hostIp = v6[1];
      rest = rest.slice(v6[0].length);
    }
    const parts = rest.split(":");
    if (!hostIp && parts.length === 3) hostIp = parts.shift();
    if (parts.length > 2 || parts.length === 0) {
      report(key, `${show(text)} is not a port mapping; write "HOST_IP:HOST:CONTAINER", e.g. "127.0.0.1:8080:80".`);
      return;
    }
    const targets = expandRange(parts[parts.length - 1], key, report);
    const published = parts.length === 2 && parts[0] !== "" ? expandRange(parts[0], key, report) : [];
    if (published.length > 1 && published.length !== targets.length && targets.length !== 1) report(key, `${show(text)} maps ${published.length} host ports to ${targets.length} container ports; make the ranges the same length.`);
    targets.forEach((t, j) => out.push({ ...(hostIp ? { hostIp } : {}), ...(published.length ? { published: published[Math.min(j, published.length - 1)] } : {}), target: t, protocol, text }));
  });
  return out;
}

const isPathLike = (s: string) => /^(\/|\.\.?(\/|$)|~)/.test(s);

function resolveBind(source: string, baseDir: string): string {
  if (source.startsWith("~")) return path.join(process.env.HOME ?? "/root", source.slice(1));
  return path.resolve(baseDir, source);
}

export function parseVolumes(v: unknown, baseDir: string, report: Report = () => undefined): ComposeMount[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    report("volumes", `must be a list (got ${show(v)}); write e.g. ["data:/data", "./conf:/etc/app:ro"].`);
    return [];
  }
  const out: ComposeMount[] = [];
  v.forEach((m, i) => {
    const key = `volumes[${i}]`;
    if (isObj(m)) {
      const type = (typeof m.type === "string" ? m.type : "volume") as ComposeMount["type"];
      if (typeof m.target !== "string") {
        report(`${key}.target`, `is required: the path inside the container, e.g. "/data".`);
        return;
      }
      const sourceText = typeof m.source === "string" && m.source ? m.source : undefined;
      const bind = isObj(m.bind) ? m.bind : {};
      const tmpfs = isObj(m.tmpfs) ? m.tmpfs : {};
      const sizeBytes = tmpfs.size !== undefined ? parseDockerBytes(tmpfs.size) : undefined;
      out.push({
        type,
        ...(sourceText ? { source: type === "bind" ? resolveBind(sourceText, baseDir) : sourceText, sourceText } : {}),
        target: m.target,
        readOnly: m.read_only === true,
        ...(typeof bind.propagation === "string" ? { propagation: bind.propagation } : {}),
        ...(sizeBytes !== undefined ? { sizeBytes } : {}),
        text: JSON.stringify(m),
      });
      return;
    }
    const text = String(m);
    // Windows drive letters are out of scope; split on ":" from the left.
    const parts = text.split(":");
    if (parts.length === 1) {
      out.push({ type: "volume", target: parts[0], readOnly: false, text });
      return;
    }
    if (parts.length > 3) {
      report(key, `${show(text)} is not a volume; write "SOURCE:TARGET[:ro]", e.g. "./conf:/etc/app:ro".`);
      return;
    }
    const [source, target, mode = ""] = parts;
    const flags = mode.split(",").filter(Boolean);
    const bad = flags.filter((f) => !["ro", "rw", "z", "Z", "cached", "delegated", "consistent", "nocopy", "shared", "rshared", "slave", "rslave", "private", "rprivate"].includes(f));
    if (bad.length) report(key, `${show(text)} has unknown mode ${show(bad.join(","))}; use "ro" or "rw".`);
    const propagation = flags.find((f) => /shared|slave|private/.test(f));
    const bindLike = isPathLike(source);
    out.push({
      type: bindLike ? "bind" : "volume",
      source: bindLike ? resolveBind(source, baseDir) : source,
      sourceText: source,
      target,
      readOnly: flags.includes("ro"),
      ...(propagation ? { propagation } : {}),
      text,
    });
  });
  return out;
}

function parseTmpfs(v: unknown, report: Report): ComposeMount[] {
  const list = v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : null;
  if (!list) {
    report("tmpfs", `must be a path or a list of paths (got ${show(v)}).`);
    return [];
  }
  return list.map((text) => {
    const [target, opts = ""] = text.split(":");
    const size = /(?:^|,)size=([^,]+)/.exec(opts)?.[1];
    const sizeBytes = size !== undefined ? parseDockerBytes(size) : undefined;
    return { type: "tmpfs" as const, target, readOnly: false, ...(sizeBytes !== undefined ? { sizeBytes } : {}), text };
  });
}

function parseHealthcheck(v: unknown, report: Report): ComposeHealthcheck {
  if (!isObj(v)) {
    report("healthcheck", `must be a mapping with "test" (got ${show(v)}).`);
    return { disabled: false };
  }
  let test: string[] | undefined;
  if (typeof v.test === "string") test = ["CMD-SHELL", v.test];
  else if (Array.isArray(v.test)) test = v.test.map(String);
  else if (v.test !== undefined) report("healthcheck.test", `must be a string or a list such as ["CMD", "curl", "-f", "http://localhost/"] (got ${show(v.test)}).`);
  if (test && !["CMD", "CMD-SHELL", "NONE"].includes(test[0])) report("healthcheck.test", `${show(test[0])} must be "CMD", "CMD-SHELL" or "NONE" as the first element.`);
  const dur = (key: string): number | undefined => {
    if (v[key] === undefined) return undefined;
    const d = parseGoDuration(v[key]);
    if (d === undefined) report(`healthcheck.${key}`, `${show(v[key])} is not a duration; write e.g. "30s" or "1m30s".`);
    return d;
  };
  const disabled = v.disable === true || test?.[0] === "NONE";
  const interval = dur("interval");
  const timeout = dur("timeout");
  const startPeriod = dur("start_period");
  return {
    disabled,
    ...(test && !disabled ? { test } : {}),
    ...(interval !== undefined ? { intervalSeconds: interval } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
    ...(typeof v.retries === "number" ? { retries: v.retries } : {}),
    ...(startPeriod !== undefined ? { startPeriodSeconds: startPeriod } : {}),
  };
}
