/**
 * The rule catalog (shared/RULES.md) in code. Spec validation, the policy pack, the
 * Dockerfile lint and the audit all report findings against these ids, so a finding can
 * always be traced back to the upstream standard it enforces.
 */
export type RuleSeverity = "critical" | "high" | "medium" | "low";

export interface Rule {
  /** Our stable id, numbered as in RULES.md: `SS001` … `SS040`. */
  readonly id: string;
  /** Kebab-case name; also the policy name in the CrossGuard pack. */
  readonly name: string;
  /** One sentence: what must hold. */
  readonly description: string;
  readonly severity: RuleSeverity;
  /** CIS Docker Benchmark v1.6.0 controls. */
  readonly cis: readonly string[];
  /** Pod Security Standards control, with its level. */
  readonly pss?: { readonly level: "baseline" | "restricted"; readonly control: string };
  /** hadolint (DLxxxx) and Dockle (CIS-DI-xxxx, DKL-DI-xxxx) ids. */
  readonly dockerfile: readonly string[];
  /** How to fix a violation, in one sentence. */
  readonly remediation: string;
}

const r = (
  n: number,
  name: string,
  severity: RuleSeverity,
  description: string,
  remediation: string,
  cis: string[] = [],
  dockerfile: string[] = [],
  pss?: Rule["pss"],
): Rule => ({ id: `SS${String(n).padStart(3, "0")}`, name, severity, description, remediation, cis, dockerfile, pss });

export const RULES: readonly Rule[] = [
  r(1, "run-as-non-root", "high", "Containers run as a non-root user.", "Set a numeric non-root user such as 10001:10001.", ["4.1"], ["DL3002", "CIS-DI-0001"], { level: "restricted", control: "runAsNonRoot" }),
  r(2, "numeric-high-uid", "medium", "The user is a numeric UID/GID of 10000 or more, so it never maps to a host account.", "Use a numeric UID and GID >= 10000, e.g. 10001:10001.", ["4.1"], ["DL3066"], { level: "restricted", control: "runAsUser" }),
  r(3, "no-privileged", "critical", "Containers are never privileged.", "Remove privileged mode; add back only the single capability the service needs.", ["5.5"], [], { level: "baseline", control: "privileged" }),
  r(4, "no-privilege-escalation", "high", "no-new-privileges is set so setuid binaries cannot raise privileges.", "Set security_opt no-new-privileges:true / allowPrivilegeEscalation: false.", ["5.26"], [], { level: "restricted", control: "allowPrivilegeEscalation" }),
  r(5, "drop-all-capabilities", "high", "All Linux capabilities are dropped.", "Drop ALL capabilities (cap_drop: [ALL]).", ["5.4"], [], { level: "restricted", control: "capabilities" }),
  r(6, "only-safe-capabilities", "high", "Only NET_BIND_SERVICE is added back; never NET_RAW or SYS_ADMIN.", "Remove added capabilities other than NET_BIND_SERVICE, or give the reason for each.", ["5.4"], [], { level: "restricted", control: "capabilities" }),
  r(7, "seccomp-not-unconfined", "high", "The seccomp profile is the runtime default or a custom one, never unconfined.", "Remove seccomp=unconfined; use RuntimeDefault.", ["5.22"], [], { level: "restricted", control: "seccompProfile" }),
  r(8, "apparmor-not-unconfined", "high", "AppArmor is not disabled.", "Remove apparmor=unconfined.", ["5.2"], [], { level: "baseline", control: "appArmorProfile" }),
  r(9, "selinux-not-disabled", "high", "SELinux labelling is not disabled and no custom user or role is set.", "Remove label=disable and custom SELinux users or roles.", ["5.3"], [], { level: "baseline", control: "seLinuxOptions" }),
  r(10, "default-proc-mount", "high", "/proc and /sys keep their default masking.", "Remove systempaths=unconfined / procMount: Unmasked.", [], [], { level: "baseline", control: "procMount" }),
  r(11, "read-only-root-filesystem", "medium", "The root filesystem is mounted read-only.", "Set read_only: true and mount bounded tmpfs for paths that must be writable.", ["5.13"]),
  r(12, "bounded-writable-paths", "medium", "Writable paths are size-bounded tmpfs or emptyDir volumes.", "Give every tmpfs a size and every emptyDir a sizeLimit.", ["5.13"], [], { level: "restricted", control: "volumeTypes" }),
  r(13, "no-host-network", "critical", "The host network namespace is not shared.", "Use a user-defined bridge network instead of network_mode: host.", ["5.10"], [], { level: "baseline", control: "hostNamespaces" }),
  r(14, "no-host-pid", "critical", "The host PID namespace is not shared.", "Remove pid: host / hostPID.", ["5.16"], [], { level: "baseline", control: "hostNamespaces" }),
  r(15, "no-host-ipc", "critical", "The host IPC namespace is not shared.", "Remove ipc: host / hostIPC.", ["5.17"], [], { level: "baseline", control: "hostNamespaces" }),
  r(16, "no-host-uts", "medium", "The host UTS namespace is not shared.", "Remove uts: host.", ["5.21"]),
  r(17, "no-host-userns", "medium", "The host user namespace is not shared.", "Remove userns_mode: host; prefer hostUsers: false on Kubernetes.", ["5.31"]),
  r(18, "no-sensitive-host-mounts", "critical", "No sensitive host directory (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr) is mounted.", "Mount a named volume or a dedicated host directory instead.", ["5.6"], ["DKL-DI-0002"], { level: "baseline", control: "hostPathVolumes" }),
  r(19, "no-docker-socket", "critical", "The Docker socket is never mounted into a container.", "Remove the docker.sock mount; use a narrowly scoped API proxy if the service needs the engine.", ["5.32"], [], { level: "baseline", control: "hostPathVolumes" }),
  r(20, "read-only-mounts", "medium", "Mounts are read-only where possible and never use shared propagation.", "Mount read-only unless the service writes there; use private propagation.", ["5.20"]),
  r(21, "no-host-devices", "high", "No host devices are passed through (GPUs only through device requests).", "Remove devices; request GPUs through device requests.", ["5.18"]),
  r(22, "safe-sysctls", "high", "Only namespaced, safe sysctls are set.", "Remove unsafe sysctls.", [], [], { level: "baseline", control: "sysctls" }),
  r(23, "no-cgroup-override", "medium", "No cgroup-parent override and no host cgroup namespace.", "Remove cgroup_parent and cgroup: host.", ["5.25"]),
  r(24, "ports-bound-to-interface", "high", "Published ports bind a specific interface, 127.0.0.1 by default.", "Bind published ports to 127.0.0.1 (or give the reason for a public interface).", ["5.14"]),
  r(25, "no-privileged-host-ports", "medium", "No published host port below 1024.", "Publish on a port >= 1024 and put a reverse proxy in front.", ["5.8"], [], { level: "baseline", control: "hostPorts" }),
  r(26, "only-needed-ports", "medium", "Only needed ports are published; no publish-all and no sshd.", "Publish explicit ports only; remove sshd.", ["5.7", "5.9"], ["DL3001"]),
  r(27, "internal-network", "medium", "Services sit on user-defined internal networks; egress is opted into.", "Attach services to an internal network and grant egress only to those that need it.", ["5.30"]),
  r(28, "memory-limit", "high", "A memory limit is set, with no extra swap.", "Set resources.memory (and memory-swap equal to it).", ["5.11"]),
  r(29, "cpu-limit", "medium", "A CPU limit is set.", "Set resources.cpus.", ["5.12"]),
  r(30, "pids-limit", "medium", "A PIDs limit is set so a fork bomb is contained.", "Set pids_limit (on @pulumi/docker: an nproc ulimit with a unique UID).", ["5.29"]),
  r(31, "bounded-ephemeral-storage", "low", "Ephemeral storage is bounded.", "Give tmpfs a size and set limits.ephemeral-storage.", []),
  r(32, "healthcheck", "medium", "A healthcheck (or readiness and liveness probes) is defined.", "Add a healthcheck: command, HTTP or TCP.", ["4.6", "5.27"], ["DL3057", "DL3012", "CIS-DI-0006"]),
  r(33, "bounded-restart", "low", "The restart policy is bounded (on-failure with a maximum).", "Use restart: on-failure:5.", ["5.15"]),
  r(34, "availability", "low", "Replicated services have two or more replicas, a disruption budget and spread.", "Set replicas >= 2 with a PodDisruptionBudget and topology spread.", []),
  r(35, "pinned-image", "high", "Images are pinned by tag, preferably by digest; never latest.", "Pin the image to a version tag and, better, a sha256 digest.", ["4.2", "5.28"], ["DL3006", "DL3007", "DKL-DI-0006"]),
  r(36, "trusted-signed-image", "medium", "Images come from a trusted registry and carry a verified signature.", "Pull only from allowed registries and verify the image signature before deploy.", ["4.2", "4.5", "4.12"], ["DL3026", "CIS-DI-0002", "CIS-DI-0005"]),
  r(37, "no-secrets-in-env-or-layers", "critical", "Secrets never appear in environment variables or image layers.", "Mount secrets as files (/run/secrets/<name>) from the Pulumi config store.", ["4.10"], ["DL3064", "CIS-DI-0010"]),
  r(38, "no-service-account-token", "medium", "The service-account token is not mounted unless needed.", "Set automountServiceAccountToken: false.", []),
  r(39, "minimal-pinned-packages", "low", "Packages are minimal, pinned, cache-free and not upgraded in place.", "Pin package versions, use --no-install-recommends and clean caches in the same layer.", ["4.3", "4.7", "4.11"], ["DL3008", "DL3018", "DL3013", "DL3016", "DL3009", "DL3015", "DL3019", "DL3042", "CIS-DI-0007", "DKL-DI-0003", "DKL-DI-0004", "DKL-DI-0005"]),
  r(40, "build-hygiene", "low", "Builds use COPY not ADD, no sudo, no setuid bits, exec-form CMD, pipefail and multiple stages; containers run an init.", "Follow the recipe: multi-stage, COPY, exec-form CMD, SHELL with pipefail, init: true.", ["4.8", "4.9"], ["DL3020", "DL3004", "DL3025", "DL4006", "CIS-DI-0008", "CIS-DI-0009", "DKL-DI-0001"]),
];

const byId = new Map(RULES.map((x) => [x.id, x]));
const byName = new Map(RULES.map((x) => [x.name, x]));

/** Look a rule up by id (`SS011`) or name (`read-only-root-filesystem`); throws on an unknown key. */
export function rule(key: string): Rule {
  const found = byId.get(key) ?? byName.get(key);
  if (!found) throw new Error(`unknown rule "${key}": use an id SS001..SS040 or a name from RULES`);
  return found;
}

/** Upstream ids as printed in findings, e.g. `["CIS 4.1", "PSS restricted runAsNonRoot", "DL3002"]`. */
export function upstreamIds(x: Rule): string[] {
  return [
    ...x.cis.map((c) => `CIS ${c}`),
    ...(x.pss ? [`PSS ${x.pss.level} ${x.pss.control}`] : []),
    ...x.dockerfile,
  ];
}
