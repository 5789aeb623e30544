/**
 * The runtime rules of the catalog (RULES.md) over one ContainerPosture. Pure: the policy
 * pack, the test helpers and `shipshape audit` all call this, so a rule means the same
 * thing before a deployment (CrossGuard) and after it (audit).
 */
import { ENGINE_SOCKET, ENGINE_SOCKET_DIRS, isValidReason } from "../spec/defaults";
import { finding, Finding } from "../rules";
import { FORBIDDEN_CAPABILITIES, SECRET_ENV_NAME, SENSITIVE_HOST_PATHS } from "../spec/defaults";
import { SAFE_SYSCTLS } from "../kubernetes/pss";
import { parseImageRef } from "../spec/image-ref";
import { RELAXATIONS, RelaxationKey } from "../spec/schema";
import { ContainerPosture, normalizeCapability } from "./posture";

export interface CheckConfig {
  /** Registries images may come from (`registry.example.com`, `docker.io`); unset = any (SS036). */
  readonly allowedRegistries?: readonly string[];
  /** @default 10000 (SS002) */
  readonly minimumUid?: number;
  /** Capabilities that may be added back. @default ["NET_BIND_SERVICE"] (SS006) */
  readonly allowedCapabilities?: readonly string[];
  /** Report images pinned by tag only (no digest). @default false (SS035) */
  readonly requireDigest?: boolean;
}

export const DEFAULT_CHECK_CONFIG = {
  minimumUid: 10000,
  allowedCapabilities: ["NET_BIND_SERVICE"],
  requireDigest: false,
} as const;

/** A finding the user relaxed in the open: kept apart so it can be shown, not hidden. */
export type RelaxedFinding = Finding & { readonly relaxedBy: string; readonly reason: string };

export interface PostureResult {
  readonly findings: Finding[];
  readonly relaxed: RelaxedFinding[];
}

/** Volume types PSS restricted allows (SS012). */
const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "downwardAPI", "emptyDir", "projected", "secret", "csi", "persistentVolumeClaim", "ephemeral"]);
const SOCKET_DIRS = new Set(ENGINE_SOCKET_DIRS);
const ALL_INTERFACES = new Set(["", "0.0.0.0", "::", "[::]", "*"]);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/;
const DEFAULT_BRIDGE = new Set(["bridge", "default"]);

/** Run every runtime rule over one posture; relaxed findings are returned apart. */
export function evaluatePosture(p: ContainerPosture, config: CheckConfig = {}): PostureResult {
  const at = p.at ?? p.name;
  const k8s = p.source === "kubernetes";
  const minUid = config.minimumUid ?? DEFAULT_CHECK_CONFIG.minimumUid;
  const allowedCaps = new Set((config.allowedCapabilities ?? DEFAULT_CHECK_CONFIG.allowedCapabilities).map(normalizeCapability));
  const unknown = new Set(p.unknown ?? []);
  const out: Array<{ f: Finding; relax?: RelaxationKey }> = [];
  const add = (rule: string, message: string, relax?: RelaxationKey, fix?: string) => out.push({ f: finding(rule, at, message, fix), relax });

  // SS001 / SS002: user.
  if (!unknown.has("user")) {
    if (p.uid === 0) add("SS001", `runs as root (user ${JSON.stringify(p.user ?? "0")}).`, "rootUser");
    else if (p.uid === undefined && p.user === undefined && p.runAsNonRoot !== true)
      add("SS001", k8s ? "neither runAsNonRoot nor a non-zero runAsUser is set, so the image's user (often root) applies." : "no user is set, so the image's default user (often root) applies.", "rootUser");
    if (p.user !== undefined && p.uid === undefined && p.user.trim() !== "root" && !p.user.trim().startsWith("root:"))
      add("SS002", `user ${JSON.stringify(p.user)} is not numeric; names resolve differently per image.`, "lowUid");
    else if (p.uid !== undefined && p.uid !== 0 && p.uid < minUid) add("SS002", `UID ${p.uid} is below ${minUid} and may map to a host account.`, "lowUid");
    else if (p.uid !== undefined && p.uid !== 0 && p.gid === undefined) add("SS002", `no GID is set, so the primary group is 0 (root).`, "lowUid", `Set the group too, e.g. "${p.uid}:${p.uid}"${k8s ? " (runAsGroup)" : ""}.`);
    else if (p.gid !== undefined && p.uid !== 0 && p.gid < minUid) add("SS002", `GID ${p.gid} is below ${minUid}${p.gid === 0 ? " (the root group)" : ""}.`, "lowUid");
  }

  // SS003-SS010: privileges and confinement.
  if (p.privileged === true) add("SS003", "runs privileged: every capability and every host device.");
  if (p.noNewPrivileges !== true && !unknown.has("noNewPrivileges"))
    add("SS004", k8s ? "allowPrivilegeEscalation is not set to false." : "no-new-privileges is not set, so setuid binaries can raise privileges.");
  const drop = (p.capDrop ?? []).map(normalizeCapability);
  if (!drop.includes("ALL") && !unknown.has("capDrop")) add("SS005", drop.length ? `drops only ${drop.join(", ")}, not ALL.` : "does not drop ALL capabilities (Docker keeps 14 by default).");
  for (const raw of p.capAdd ?? []) {
    const cap = normalizeCapability(raw);
    if ((FORBIDDEN_CAPABILITIES as readonly string[]).includes(cap)) add("SS006", `adds ${cap}, which lets a container escape or sniff the host.`);
    else if (!allowedCaps.has(cap)) add("SS006", `adds ${cap}; only ${[...allowedCaps].join(", ") || "nothing"} may be added back.`, "addedCapabilities");
  }
  if (p.seccomp !== undefined && /^unconfined$/i.test(p.seccomp)) add("SS007", "runs with seccomp unconfined.");
  else if (k8s && p.seccomp === undefined && !unknown.has("seccomp")) add("SS007", "sets no seccompProfile; PSS restricted needs RuntimeDefault or Localhost.");
  if (p.apparmor !== undefined && /^unconfined$/i.test(p.apparmor)) add("SS008", "runs with AppArmor unconfined.");
  if (p.selinux?.disabled) add("SS009", "disables SELinux labelling (label=disable).");
  else if (p.selinux?.user || p.selinux?.role) add("SS009", `sets a custom SELinux ${p.selinux.user ? `user ${p.selinux.user}` : `role ${p.selinux.role}`}.`);
  if (p.systemPaths === "unconfined") add("SS010", k8s ? "sets procMount: Unmasked." : "unmasks /proc and /sys (systempaths=unconfined).");

  // SS011 / SS012 / SS031: filesystem.
  if (p.readOnlyRootFilesystem !== true && !unknown.has("readOnlyRootFilesystem")) add("SS011", "the root filesystem is writable.", "writableRootFilesystem");
  for (const t of p.tmpfs ?? []) if (t.sizeBytes === undefined || t.sizeBytes <= 0) add("SS012", `tmpfs ${t.target} has no size, so it can grow to half the host's memory.`);
  for (const m of p.mounts ?? []) {
    if ((m.type === "tmpfs" || m.type === "emptyDir") && (m.sizeBytes === undefined || m.sizeBytes <= 0)) add("SS012", `${m.type} ${m.target} has no size limit.`);
    if (k8s && !RESTRICTED_VOLUME_TYPES.has(m.type) && m.type !== "hostPath") add("SS012", `volume type ${m.type} at ${m.target} is not allowed by PSS restricted.`);
  }
  if (p.ephemeralStorageBytes === undefined && !unknown.has("ephemeralStorageBytes")) {
    if (k8s) add("SS031", "sets no limits.ephemeral-storage.", "unboundedResources");
    else if (p.readOnlyRootFilesystem !== true && !unknown.has("readOnlyRootFilesystem")) add("SS031", "the writable root filesystem has no size bound.", "unboundedResources");
  }

  // SS013-SS017, SS023: host namespaces and cgroups.
  if (p.hostNetwork) add("SS013", "shares the host network namespace.");
  if (p.hostPid) add("SS014", "shares the host PID namespace.");
  if (p.hostIpc) add("SS015", "shares the host IPC namespace.");
  if (p.hostUts) add("SS016", "shares the host UTS namespace.");
  if (p.hostUserns) add("SS017", "shares the host user namespace (userns_mode: host).");
  if (p.cgroupParent) add("SS023", `overrides the cgroup parent (${p.cgroupParent}).`);
  if (p.hostCgroupns) add("SS023", "shares the host cgroup namespace.");

  // SS018-SS020: mounts.
  for (const m of p.mounts ?? []) {
    const hostish = m.type === "bind" || m.type === "hostPath";
    if (!hostish) {
      if (m.propagation && /shared|bidirectional/i.test(m.propagation)) add("SS020", `mount ${m.target} uses ${m.propagation} propagation.`);
      continue;
    }
    if (m.source === undefined) continue; // unknown during preview: judged at update time
    const src = m.source.replace(/\/+$/, "") || "/";
    if (ENGINE_SOCKET.test(src) || SOCKET_DIRS.has(src)) add("SS019", `mounts the container engine's socket (${src}): root on the host.`);
    else if ((SENSITIVE_HOST_PATHS as readonly string[]).some((s) => src === s || (s !== "/" && src.startsWith(`${s}/`)))) add("SS018", `mounts the sensitive host path ${src}.`);
    else if (k8s && m.type === "hostPath") add("SS018", `uses a hostPath volume (${src}); PSS baseline forbids hostPath.`);
    if (m.readOnly !== true) add("SS020", `host mount ${src} → ${m.target} is writable.`, "writableBindMounts");
    if (m.propagation && /shared|bidirectional/i.test(m.propagation)) add("SS020", `mount ${m.target} uses ${m.propagation} propagation.`);
  }

  // SS021 / SS022: devices, sysctls.
  for (const d of p.devices ?? []) add("SS021", `passes the host device ${d} through.`);
  for (const key of Object.keys(p.sysctls ?? {})) if (!(SAFE_SYSCTLS as readonly string[]).includes(key)) add("SS022", `sets the unsafe sysctl ${key}.`);

  // SS024-SS027: ports and networks.
  for (const port of p.ports ?? []) {
    const proto = port.protocol ?? "tcp";
    if (k8s) {
      if (port.hostPort) add("SS025", `uses hostPort ${port.published ?? port.container}/${proto}; PSS baseline forbids host ports.`);
      continue;
    }
    if (port.published === undefined && !port.publishedRandom) continue;
    const shown = port.published ?? "(random)";
    if (port.hostIp === undefined || ALL_INTERFACES.has(port.hostIp)) add("SS024", `publishes ${shown}→${port.container}/${proto} on every interface (0.0.0.0).`, "publicPorts");
    else if (!LOOPBACK.test(port.hostIp)) add("SS024", `publishes ${shown}→${port.container}/${proto} on ${port.hostIp}, reachable from other hosts.`, "publicPorts");
    if (port.published !== undefined && port.published > 0 && port.published < 1024) add("SS025", `publishes the privileged host port ${port.published}.`, "privilegedPorts");
  }
  if (p.publishAll) add("SS026", "publishes every exposed port (publish-all).");
  for (const port of p.ports ?? []) if (port.container === 22) add("SS026", "exposes port 22: a container runs no sshd; use docker exec / kubectl exec.");
  if (!k8s && !p.hostNetwork && !unknown.has("networks")) {
    const mode = p.networkMode;
    const userNets = (p.networks ?? []).filter((n) => !DEFAULT_BRIDGE.has(n));
    if (!userNets.length && (mode === undefined || DEFAULT_BRIDGE.has(mode))) add("SS027", "sits on the default bridge network, where every container can reach every other.");
  }

  // SS028-SS030: resources.
  if (!unknown.has("memoryBytes")) {
    if (!p.memoryBytes) add("SS028", "sets no memory limit.", "unboundedResources");
    else if (!k8s && p.memorySwapBytes !== p.memoryBytes && !(p.memorySwapBytes === undefined && unknown.has("memorySwapBytes")))
      add("SS028", p.memorySwapBytes === -1 ? "allows unlimited swap." : p.memorySwapBytes === undefined ? "allows as much swap as memory again (memory-swap not set)." : `allows ${p.memorySwapBytes - p.memoryBytes} bytes of swap.`, "unboundedResources", "Set memory-swap equal to the memory limit.");
    if (k8s && p.memoryBytes && !p.requests?.memoryBytes) add("SS028", "sets a memory limit but no memory request.", "unboundedResources", "Set resources.requests.memory.");
  }
  if (!unknown.has("cpus")) {
    if (!p.cpus) add("SS029", "sets no CPU limit.", "unboundedResources");
    else if (k8s && !p.requests?.cpus) add("SS029", "sets a CPU limit but no CPU request.", "unboundedResources", "Set resources.requests.cpu.");
  }
  if (!k8s && !unknown.has("pidsLimit") && !(p.pidsLimit && p.pidsLimit > 0) && !(p.nprocLimit && p.nprocLimit > 0))
    add("SS030", "sets no PIDs limit (nor an nproc ulimit), so a fork bomb can exhaust the host.", "unboundedResources");

  // SS032 / SS033: health and restart.
  if (!unknown.has("healthcheck")) {
    const h = p.healthcheck;
    if (!h?.present || h.disabled) add("SS032", h?.disabled ? "disables the healthcheck." : k8s ? "has no probes." : "has no healthcheck.", "noHealthcheck");
    else if (k8s && (!h.readiness || !h.liveness)) add("SS032", `has no ${!h.readiness ? "readiness" : "liveness"} probe.`, "noHealthcheck");
  }
  if (!k8s && p.restart) {
    const policy = p.restart.policy;
    if (policy === "always" || policy === "unless-stopped") add("SS033", `restart "${policy}" retries forever and hides crash loops.`, "unboundedRestart");
    else if (policy === "on-failure" && !(p.restart.maxRetries && p.restart.maxRetries > 0)) add("SS033", "restart on-failure has no maximum retry count.", "unboundedRestart");
  }

  // SS034: availability (only where replicas mean something).
  if (k8s && p.replicas !== undefined && p.replicas < 2) add("SS034", `runs ${p.replicas} replica${p.replicas === 1 ? "" : "s"}; one node drain takes it down.`);

  // SS035 / SS036: image.
  if (p.image !== undefined && !unknown.has("image")) {
    const ref = parseImageRef(p.image);
    if (!ref) add("SS035", `image ${JSON.stringify(p.image)} is not a valid reference.`);
    else if (!ref.digest && (!ref.tag || ref.tag === "latest")) add("SS035", `image ${p.image} is not pinned (${ref.tag ? "latest" : "no tag"}).`, "unpinnedImage");
    else if (!ref.digest && config.requireDigest) add("SS035", `image ${p.image} is pinned by tag only; a tag can move.`, "unpinnedImage", "Deploy by digest (repo@sha256:…).");
    if (ref && config.allowedRegistries?.length) {
      const registry = ref.registry ?? "docker.io";
      const allowed = config.allowedRegistries.some((r) => registry === r || (r === "docker.io" && registry === "index.docker.io"));
      if (!allowed) add("SS036", `image registry ${registry} is not in the allowed list (${config.allowedRegistries.join(", ")}).`);
    }
  }

  // SS037: secrets in env.
  for (const [k, v] of Object.entries(p.env ?? {})) {
    if (SECRET_ENV_NAME.test(k) && v !== "" && !v.startsWith("/run/secrets/")) add("SS037", `env ${k} looks like a secret; env is visible in inspect output and logs.`);
  }
  for (const k of p.secretEnv ?? []) add("SS037", `env ${k} is read from a Secret; mount the Secret as a file instead.`);

  // SS038 / SS040.
  if (k8s && p.automountServiceAccountToken !== false && !unknown.has("automountServiceAccountToken")) add("SS038", "mounts the service-account token (automountServiceAccountToken is not false).");
  if (!k8s && p.init !== true && !unknown.has("init")) add("SS040", "runs no init, so zombies are not reaped and signals may be lost.", undefined, "Set init: true.");

  const findings: Finding[] = [];
  const relaxed: RelaxedFinding[] = [];
  for (const { f, relax } of out) {
    const reason = relax ? p.relaxations?.[relax] : undefined;
    // A placeholder or one-word reason relaxes nothing: the finding keeps its full weight.
    if (relax && isValidReason(reason) && RELAXATIONS[relax]) relaxed.push({ ...f, relaxedBy: relax, reason });
    else findings.push(f);
  }
  const order = (a: Finding, b: Finding) => a.ruleId.localeCompare(b.ruleId);
  return { findings: findings.sort(order), relaxed: relaxed.sort(order) };
}

/** The findings of every runtime rule a posture breaks (relaxed ones excluded). */
export function checkPosture(p: ContainerPosture, config?: CheckConfig): Finding[] {
  return evaluatePosture(p, config).findings;
}

/** Rule ids `checkPosture` can report. */
export const POSTURE_RULE_IDS = [
  "SS001", "SS002", "SS003", "SS004", "SS005", "SS006", "SS007", "SS008", "SS009", "SS010", "SS011", "SS012",
  "SS013", "SS014", "SS015", "SS016", "SS017", "SS018", "SS019", "SS020", "SS021", "SS022", "SS023", "SS024",
  "SS025", "SS026", "SS027", "SS028", "SS029", "SS030", "SS031", "SS032", "SS033", "SS034", "SS035", "SS036",
  "SS037", "SS038", "SS040",
] as const;
