/**
 * One compose service → the fields of a `defineService` call. Hardened defaults are left to
 * the spec (they are not written out); every compose setting that weakens one becomes that
 * field plus a `relax` entry whose reason is a TODO saying what to justify; settings the spec
 * refuses (privileged, host namespaces, the engine socket …) become ERROR comments and are left
 * out. The result is data; ./emit.ts prints it.
 */
import { DEFAULTS, FORBIDDEN_CAPABILITIES, SECRET_ENV_NAME, ENGINE_SOCKET, ENGINE_SOCKET_DIRS, SENSITIVE_HOST_PATHS } from "../../spec/defaults";
import { imagePin, parseImageRef } from "../../spec/image-ref";
import type { RelaxationKey } from "../../spec/schema";
import { formatBytes } from "../../spec/units";
import type { ComposeMount, ComposePort, ComposeService } from "../compose/model";
import { parseDockerBytes } from "../compose/units";

export interface PlannedField {
  readonly key: string;
  readonly value: unknown;
  /** Comment lines printed above the field. */
  readonly comment?: string;
}

export interface PlannedError {
  /** Rule the setting breaks, when there is one. */
  readonly ruleId?: string;
  /** The compose setting as written, e.g. `privileged: true`. */
  readonly setting: string;
  readonly message: string;
}

export interface ServicePlan {
  readonly name: string;
  readonly composeName: string;
  readonly fields: PlannedField[];
  readonly relax: Array<{ key: RelaxationKey; reason: string }>;
  readonly errors: PlannedError[];
  readonly notes: string[];
  /** Secrets moved out of `environment`, with the variable they came from. */
  readonly movedSecrets: Array<{ env: string; name: string; fileEnv: string }>;
}

/** Project-wide facts a single service needs (sanitized names, volume kinds). */
export interface PlanContext {
  readonly serviceName: (composeName: string) => string;
  readonly networkName: (composeName: string) => string;
  readonly volumeName: (composeName: string) => string;
  /** Named volumes mounted read-only everywhere and named like models: `models` volumes. */
  readonly modelVolumes: ReadonlySet<string>;
}

/** Compose names allow `_`, `.` and capitals; the spec takes DNS labels. */
export function dnsLabel(name: string, max = 63): string {
  const out = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+|-+$/g, "").slice(0, max).replace(/-+$/, "");
  return out || "x";
}

const KNOWN_CAPS = new Set(
  "AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW PERFMON SETFCAP SETGID SETPCAP SETUID SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM".split(" "),
);
/** Compose keys that change nothing the rules judge; carried over through `raw.compose`. */
const PASS_THROUGH = ["hostname", "domainname", "extra_hosts", "dns", "dns_search", "dns_opt", "shm_size", "stop_grace_period", "stop_signal", "stdin_open", "tty", "mac_address", "platform", "pull_policy"];
/** Keys handled field by field below (everything else gets a "not converted" note). */
const HANDLED = new Set([
  "image", "build", "container_name", "user", "privileged", "read_only", "cap_add", "cap_drop", "security_opt", "ports", "expose", "volumes", "tmpfs", "environment", "env_file",
  "healthcheck", "mem_limit", "memswap_limit", "mem_reservation", "cpus", "cpu_quota", "cpu_period", "cpu_shares", "pids_limit", "restart", "network_mode", "networks", "pid", "ipc", "uts",
  "userns_mode", "cgroup_parent", "cgroup", "devices", "sysctls", "deploy", "depends_on", "command", "entrypoint", "working_dir", "labels", "init", "secrets", "logging", "runtime", "gpus",
  "scale", "publish_all", ...PASS_THROUGH,
]);

export function planService(svc: ComposeService, ctx: PlanContext): ServicePlan {
  const name = ctx.serviceName(svc.name);
  const plan: ServicePlan = { name, composeName: svc.name, fields: [], relax: [], errors: [], notes: [], movedSecrets: [] };
  const field = (key: string, value: unknown, comment?: string) => plan.fields.push({ key, value, ...(comment ? { comment } : {}) });
  const relax = (key: RelaxationKey, reason: string) => {
    if (!plan.relax.some((r) => r.key === key)) plan.relax.push({ key, reason: `TODO: ${reason}` });
  };
  const error = (setting: string, message: string, ruleId?: string) => plan.errors.push({ setting, message, ...(ruleId ? { ruleId } : {}) });
  const raw = svc.raw;

  field("name", name, name !== svc.name ? `compose service "${svc.name}" (renamed: names are DNS labels)` : undefined);

  // Image (SS035).
  if (svc.image) {
    const ref = parseImageRef(svc.image);
    if (!ref) {
      field("image", `${name}:TODO-image`, `"${svc.image}" is not an image reference the spec accepts; write "registry/team/app:1.2.3".`);
      error(`image: ${svc.image}`, "is not a valid image reference; replace the placeholder.", "SS035");
    } else {
      field("image", svc.image);
      if (imagePin(ref) === "unknown") relax("unpinnedImage", `pin ${svc.image} to a version tag or a digest, or say why ${name} may run whatever "${ref.tag ?? "latest"}" points to`);
    }
  } else {
    field("image", `${name}:TODO-build`, "compose builds this image (build:). Build it with SecureImage (lint, scan, sign) and pass its digest ref here.");
  }
  if (svc.build !== undefined && svc.image) plan.notes.push(`build: is not converted; build ${svc.image} with SecureImage and deploy its digest ref.`);

  if (svc.entrypoint) field("entrypoint", [...svc.entrypoint]);
  if (svc.command) field("command", [...svc.command]);
  if (svc.workingDir) {
    if (svc.workingDir.startsWith("/")) field("workdir", svc.workingDir);
    else plan.notes.push(`working_dir "${svc.workingDir}" is not absolute and was left out; write it as an absolute path.`);
  }

  // User (SS001, SS002).
  if (svc.user !== undefined) {
    const m = /^(\d+)(?::(\d+))?$/.exec(svc.user) ?? (/^root(?::root)?$/.test(svc.user) ? ["", "0", "0"] : null);
    if (!m) {
      plan.notes.push(`user "${svc.user}" is a name; the spec takes numeric "UID:GID" (names resolve differently per image). The default ${DEFAULTS.user.uid}:${DEFAULTS.user.gid} applies — look the numbers up with \`docker run --rm --entrypoint id ${svc.image ?? "<image>"} ${svc.user}\`.`);
    } else {
      const uid = Number(m[1]);
      const gid = Number(m[2] ?? m[1]);
      field("user", `${uid}:${gid}`);
      if (uid === 0 || gid === 0) relax("rootUser", `say why ${name} must run as root (${svc.user}), or give the image a non-root user`);
      else if (uid < DEFAULTS.minUid || gid < DEFAULTS.minUid) relax("lowUid", `say why ${name} needs UID/GID ${uid}:${gid} (below ${DEFAULTS.minUid}, may map to a host account) instead of e.g. 10001:10001`);
    }
  } else {
    plan.notes.push(`compose sets no user, so the image's user (often root) ran; the spec runs ${DEFAULTS.user.uid}:${DEFAULTS.user.gid}. If the image needs root, set user: "0:0" and relax.rootUser.`);
  }

  // Privileges the spec never grants (SS003, SS006-SS010).
  if (svc.privileged) error("privileged: true", "Shipshape never runs privileged containers. Give the service only the capability or device it needs.", "SS003");
  for (const opt of svc.securityOpt) {
    if (/^no-new-privileges([:=]true)?$/.test(opt)) continue;
    if (/unconfined|label[:=]disable|label[:=](user|role)/.test(opt)) error(`security_opt: ${opt}`, "weakens the kernel confinement; the spec always keeps seccomp, AppArmor, SELinux and /proc masking.", /seccomp/.test(opt) ? "SS007" : /apparmor/.test(opt) ? "SS008" : /label/.test(opt) ? "SS009" : "SS010");
    else if (/^no-new-privileges[:=]false$/.test(opt)) error(`security_opt: ${opt}`, "the spec always sets no-new-privileges.", "SS004");
    else plan.notes.push(`security_opt "${opt}" is not converted.`);
  }
  const caps: string[] = [];
  for (const cap of svc.capAdd) {
    if (cap === "ALL" || (FORBIDDEN_CAPABILITIES as readonly string[]).includes(cap)) error(`cap_add: ${cap}`, `${cap} is never added back: it lets a container escape or sniff the host. Use a narrower capability or a sidecar.`, "SS006");
    else if (!KNOWN_CAPS.has(cap)) error(`cap_add: ${cap}`, "is not a Linux capability.", "SS006");
    else if (!caps.includes(cap)) caps.push(cap);
  }
  if (caps.length) {
    field("capAdd", caps);
    relax("addedCapabilities", `say why ${name} needs ${caps.join(", ")} (everything else stays dropped)`);
  }
  if (svc.readOnly) {
    /* read-only root is the default */
  } else plan.notes.push(`the root filesystem was writable; it is read-only now. If ${name} writes outside /tmp and its volumes, add a { kind: "scratch" } volume for that path, or set readOnlyRootFilesystem: false with relax.writableRootFilesystem.`);

  // Namespaces, devices, sysctls, cgroups (SS013-SS017, SS021-SS023).
  const hostNs: Array<[string | undefined, string, string]> = [[svc.pid, "pid", "SS014"], [svc.ipc, "ipc", "SS015"], [svc.uts, "uts", "SS016"], [svc.usernsMode, "userns_mode", "SS017"], [svc.cgroup, "cgroup", "SS023"]];
  for (const [v, key, ruleId] of hostNs) if (v === "host") error(`${key}: host`, "sharing a host namespace cannot be expressed.", ruleId);
  if (svc.cgroupParent) error(`cgroup_parent: ${svc.cgroupParent}`, "a cgroup-parent override cannot be expressed.", "SS023");
  for (const d of svc.devices) error(`devices: ${d}`, "host devices cannot be passed through; GPUs go through `gpus`.", "SS021");
  for (const [k, v] of Object.entries(svc.sysctls)) error(`sysctls: ${k}=${v}`, "sysctls cannot be expressed; set it on the host or drop it.", "SS022");
  if (svc.networkMode === "host") error("network_mode: host", "the host network cannot be expressed; the service joins the stack's networks and publishes its ports instead.", "SS013");
  else if (svc.networkMode && /^(service|container):/.test(svc.networkMode)) error(`network_mode: ${svc.networkMode}`, "sharing another container's network cannot be expressed; give the service its own ports on a shared network.");
  else if (svc.networkMode === "none") plan.notes.push("network_mode: none — the service still joins an internal network here; nothing reaches the internet from it.");
  else if (svc.networkMode && svc.networkMode !== "bridge" && svc.networkMode !== "default") plan.notes.push(`network_mode "${svc.networkMode}" is not converted; list the network under networks.`);

  // Environment and secrets (SS037).
  const env: Record<string, string> = {};
  const secrets: Array<{ name: string; fileEnv?: string }> = [];
  for (const [k, v] of Object.entries(svc.environment)) {
    if (SECRET_ENV_NAME.test(k) && v !== "" && !v.startsWith("/run/secrets/")) {
      const secretName = k.toLowerCase().replace(/^[^a-z0-9]+/, "") || "secret";
      const fileEnv = `${k}_FILE`;
      if (fileEnv in svc.environment) secrets.push({ name: secretName });
      else secrets.push({ name: secretName, fileEnv });
      plan.movedSecrets.push({ env: k, name: secretName, fileEnv });
    } else env[k] = v;
  }
  for (const s of svc.secrets) {
    const sn = s.replace(/[^A-Za-z0-9_.-]/g, "_");
    if (!secrets.some((x) => x.name === sn)) secrets.push({ name: sn });
  }
  if (Object.keys(env).length) field("env", env, Object.values(svc.environment).some((v) => v === "") ? "variables without a value were passed through from the host in compose; give them values here." : undefined);
  if (secrets.length) {
    const moved = plan.movedSecrets.map((m) => `${m.env} (now the file named by $${m.fileEnv}; set it with \`pulumi config set --secret ${m.name} <value>\`)`);
    field(
      "secrets",
      secrets,
      [
        moved.length ? `moved out of environment, where \`docker inspect\` and logs show them: ${moved.join("; ")}. The app must read the file (many images support *_FILE variables).` : "",
        svc.secrets.length ? `compose secrets ${svc.secrets.join(", ")}: set each with \`pulumi config set --secret <name>\`.` : "",
      ].filter(Boolean).join(" "),
    );
  }
  if (svc.envFile.length) plan.notes.push(`env_file ${svc.envFile.join(", ")} is not converted: move its variables into env (plain values) or secrets (anything secret).`);

  // Ports (SS024, SS025, SS026).
  const ports: unknown[] = [];
  const seenContainer = new Set<string>();
  const publicPorts: number[] = [];
  const lowPorts: number[] = [];
  const random: number[] = [];
  for (const p of svc.ports) {
    const key = `${p.target}/${p.protocol}`;
    if (seenContainer.has(key)) {
      error(`ports: ${p.text}`, `container port ${key} is already published once; the spec publishes each container port once. Put a proxy in front for a second host port.`);
      continue;
    }
    seenContainer.add(key);
    ports.push(portValue(p, publicPorts, lowPorts, random));
  }
  for (const e of svc.expose) if (!seenContainer.has(`${e}/tcp`)) {
    seenContainer.add(`${e}/tcp`);
    ports.push(e);
  }
  if (ports.length) field("ports", ports, random.length ? `compose published ${random.join(", ")} on a random host port; here ${random.length === 1 ? "it is" : "they are"} reachable from the stack's networks only. Add published: <port> to publish.` : undefined);
  if (publicPorts.length) relax("publicPorts", `say why port${publicPorts.length > 1 ? "s" : ""} ${publicPorts.join(", ")} must listen on every interface (0.0.0.0) rather than 127.0.0.1 behind a reverse proxy`);
  if (lowPorts.length) relax("privilegedPorts", `say why ${name} must publish host port${lowPorts.length > 1 ? "s" : ""} ${lowPorts.join(", ")} (below 1024) rather than a high port behind a proxy`);
  if (svc.publishAll) error("publish_all: true", "publishing every exposed port cannot be expressed; list the ports.", "SS026");

  // Healthcheck (SS032).
  const hc = svc.healthcheck;
  if (hc?.test && !hc.disabled) {
    const cmd = hc.test[0] === "CMD-SHELL" ? ["sh", "-c", hc.test.slice(1).join(" ")] : hc.test.slice(1);
    const clamp = (v: number | undefined, min: number, max: number) => (v === undefined ? undefined : Math.min(max, Math.max(min, v)));
    const interval = clamp(hc.intervalSeconds, 1, 3600);
    let timeout = clamp(hc.timeoutSeconds, 1, 3600);
    const effInterval = interval ?? DEFAULTS.healthcheck.intervalSeconds;
    if (timeout !== undefined && timeout > effInterval) timeout = effInterval;
    const h: Record<string, unknown> = { cmd };
    if (interval !== undefined) h.interval = `${interval}s`;
    if (timeout !== undefined) h.timeout = `${timeout}s`;
    if (hc.retries !== undefined) h.retries = Math.min(20, Math.max(1, hc.retries));
    if (hc.startPeriodSeconds !== undefined) h.startPeriod = `${clamp(hc.startPeriodSeconds, 0, 3600)}s`;
    field("healthcheck", h);
  } else {
    relax("noHealthcheck", hc?.disabled ? `compose disabled the healthcheck of ${name}: add one (cmd, http or tcp) or say why it cannot have one` : `add a healthcheck to ${name} (cmd, http or tcp; the image's own HEALTHCHECK is not used here) or say why it cannot have one`);
  }

  // Resources (SS028-SS030) and GPUs.
  const resources: Record<string, unknown> = {};
  if (svc.memoryBytes !== undefined) resources.memory = formatBytes(Math.max(svc.memoryBytes, 6 * 2 ** 20));
  if (svc.cpus !== undefined) resources.cpus = Math.min(256, Math.max(0.01, Math.round(svc.cpus * 100) / 100));
  if (svc.pidsLimit !== undefined) resources.pids = Math.min(1_000_000, Math.max(8, svc.pidsLimit));
  const reservations = isObj(raw.deploy) && isObj(raw.deploy.resources) && isObj(raw.deploy.resources.reservations) ? raw.deploy.resources.reservations : undefined;
  const reqMem = reservations?.memory !== undefined ? parseDockerBytes(reservations.memory) : raw.mem_reservation !== undefined ? parseDockerBytes(raw.mem_reservation) : undefined;
  const memLimit = svc.memoryBytes ?? DEFAULTS.memoryBytes;
  if (reqMem !== undefined && reqMem >= 6 * 2 ** 20) resources.requests = { memory: formatBytes(Math.min(reqMem, memLimit)) };
  const missing = [svc.memoryBytes === undefined ? `memory ${formatBytes(DEFAULTS.memoryBytes)}` : "", svc.cpus === undefined ? `${DEFAULTS.cpus} CPU` : "", svc.pidsLimit === undefined ? `${DEFAULTS.pids} PIDs` : ""].filter(Boolean);
  if (Object.keys(resources).length) field("resources", resources, missing.length ? `defaults apply for what compose left unbounded: ${missing.join(", ")}.` : undefined);
  else plan.notes.push(`compose set no limits; the defaults apply (${missing.join(", ")}). Size them for ${name}${svc.gpus ? " (a GPU service usually needs far more memory)" : ""}.`);
  if (svc.gpus) field("gpus", { count: svc.gpus.count, ...(svc.gpus.driver ? { driver: svc.gpus.driver } : {}) });

  // Volumes and tmpfs (SS012, SS018-SS020).
  const volumes: unknown[] = [];
  const writable: string[] = [];
  const usedPaths = new Set<string>();
  svc.mounts.forEach((m, i) => {
    const target = m.target.replace(/\/+$/, "") || "/";
    if (usedPaths.has(target)) {
      error(`volumes: ${m.text}`, `${target} is mounted twice; keep one.`);
      return;
    }
    if (target === "/" || !target.startsWith("/") || target === "/run/secrets" || target.startsWith("/run/secrets/")) {
      error(`volumes: ${m.text}`, `mount path ${target} cannot be used (not absolute, "/" or reserved for secrets).`);
      return;
    }
    const v = volumeValue(m, i, name, ctx, writable, error);
    if (v) {
      usedPaths.add(target);
      volumes.push(v);
    }
  });
  if (volumes.length) field("volumes", volumes);
  if (writable.length) relax("writableBindMounts", `say why ${name} must write to host path${writable.length > 1 ? "s" : ""} ${writable.join(", ")} (or mount read-only / use a data volume)`);

  // Restart (SS033).
  if (svc.restart) {
    const [policy, n] = svc.restart.split(":");
    if (policy === "always" || policy === "unless-stopped") {
      field("restart", policy);
      relax("unboundedRestart", `say why ${name} must restart forever ("${policy}") rather than on-failure with ${DEFAULTS.restart.maxRetries} retries, which surfaces crash loops`);
    } else if (policy === "no") field("restart", "no");
    else if (policy === "on-failure" && n !== undefined && Number(n) > 0) field("restart", { policy: "on-failure", maxRetries: Math.min(100, Number(n)) });
  }
  if (svc.init === false) field("init", false);

  // Networks, dependencies, replicas, labels, logging.
  const nets = svc.networks.map(ctx.networkName).filter((n) => n !== "ingress" && n !== "egress");
  if (svc.networks.some((n) => ["ingress", "egress"].includes(ctx.networkName(n)))) plan.notes.push('networks named "ingress"/"egress" are reserved by the stack and were left out.');
  if (nets.length && !(nets.length === 1 && nets[0] === "default")) field("networks", [...new Set(nets)]);
  if (svc.dependsOn.length) field("dependsOn", svc.dependsOn.map(ctx.serviceName));
  if (svc.replicas !== undefined && svc.replicas > 1) field("replicas", Math.min(100, svc.replicas));
  const labels = Object.fromEntries(Object.entries(svc.labels).filter(([k]) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(k)));
  if (Object.keys(labels).length) field("labels", labels);
  const logging = isObj(raw.logging) && isObj(raw.logging.options) ? raw.logging.options : undefined;
  if (logging) {
    const size = logging["max-size"] !== undefined ? parseDockerBytes(logging["max-size"]) : undefined;
    const files = logging["max-file"] !== undefined ? Number(logging["max-file"]) : undefined;
    const l: Record<string, unknown> = {};
    if (size !== undefined && size >= 2 ** 20 && size <= 2 ** 30) l.maxSize = formatBytes(size);
    if (files !== undefined && Number.isInteger(files) && files >= 1 && files <= 100) l.maxFiles = files;
    if (Object.keys(l).length) field("logging", l);
  }

  // Leftovers: harmless keys ride along in raw.compose, the rest is named in a note.
  const pass = Object.fromEntries(PASS_THROUGH.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  if (Object.keys(pass).length) field("raw", { compose: pass }, "compose settings the spec has no field for, passed through unchanged.");
  if (svc.containerName) plan.notes.push(`container_name "${svc.containerName}" is dropped: the stack names containers after the stack and the service.`);
  const unknown = Object.keys(raw).filter((k) => !HANDLED.has(k) && !k.startsWith("x-"));
  if (unknown.length) plan.notes.push(`not converted: ${unknown.join(", ")}.`);
  if (raw.deploy !== undefined && isObj(raw.deploy)) {
    const extra = Object.keys(raw.deploy).filter((k) => !["resources", "replicas", "restart_policy"].includes(k));
    if (extra.length) plan.notes.push(`deploy.${extra.join(", deploy.")} not converted.`);
  }
  return plan;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

function portValue(p: ComposePort, publicPorts: number[], lowPorts: number[], random: number[]): unknown {
  if (p.published === undefined) {
    random.push(p.target);
    return p.protocol === "udp" ? { container: p.target, protocol: "udp" } : p.target;
  }
  const hostIp = p.hostIp === undefined || p.hostIp === "" ? "0.0.0.0" : p.hostIp === "localhost" ? "127.0.0.1" : p.hostIp;
  const loopback = hostIp === "127.0.0.1" || hostIp === "::1";
  if (!loopback) publicPorts.push(p.published);
  if (p.published < 1024) lowPorts.push(p.published);
  return {
    container: p.target,
    published: p.published,
    ...(loopback && hostIp === "127.0.0.1" ? {} : { hostIp }),
    ...(p.protocol === "udp" ? { protocol: "udp" } : {}),
  };
}

function volumeValue(m: ComposeMount, i: number, service: string, ctx: PlanContext, writable: string[], error: (setting: string, message: string, ruleId?: string) => void): unknown {
  const target = m.target.replace(/\/+$/, "");
  if (m.type === "tmpfs") {
    const size = m.sizeBytes !== undefined && m.sizeBytes >= 2 ** 20 ? formatBytes(m.sizeBytes) : undefined;
    return { kind: "scratch", mountPath: target, ...(size ? { size } : {}) };
  }
  if (m.type === "bind") {
    const hp = (m.source ?? "").replace(/\/+$/, "") || "/";
    if (ENGINE_SOCKET.test(hp) || ENGINE_SOCKET_DIRS.includes(hp)) {
      error(`volumes: ${m.text}`, "the container engine's socket is root on the host. Use a socket proxy with a narrow allow-list, or run this tool outside the stack.", "SS019");
      return undefined;
    }
    if ((SENSITIVE_HOST_PATHS as readonly string[]).some((p) => hp === p || (p !== "/" && hp.startsWith(`${p}/`)))) {
      error(`volumes: ${m.text}`, `${hp} is a sensitive host directory.${hp === "/etc/localtime" || hp === "/etc/timezone" ? ' Set the TZ environment variable (e.g. TZ: "Europe/Paris") instead.' : " Mount a dedicated directory (e.g. /srv/<service>) or a named volume."}`, "SS018");
      return undefined;
    }
    if (m.propagation && /shared|slave/.test(m.propagation)) error(`volumes: ${m.text}`, `${m.propagation} propagation cannot be expressed; the mount is private.`, "SS020");
    if (!m.readOnly) writable.push(hp);
    return { kind: "bind", hostPath: hp, mountPath: target, ...(m.readOnly ? {} : { readOnly: false }) };
  }
  if (m.type === "volume") {
    const name = m.source ? ctx.volumeName(m.source) : dnsLabel(`${service}-anon-${i}`);
    const kind = m.source && ctx.modelVolumes.has(m.source) ? "models" : "data";
    return { kind, name, mountPath: target, ...(kind === "data" && m.readOnly ? { readOnly: true } : {}) };
  }
  error(`volumes: ${m.text}`, `mount type ${m.type} cannot be expressed.`);
  return undefined;
}
