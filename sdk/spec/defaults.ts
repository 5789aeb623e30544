/**
 * The secure defaults, in one place. Each is applied as `input ?? DEFAULT`, so the user
 * always wins, and weakening one needs a `relax` entry with a reason (see normalize.ts).
 */
export const DEFAULTS = {
  /**
   * Numeric, non-root, high UID/GID so it never maps to a host account.
   * @default { uid: 10001, gid: 10001 }
   * @see RULES.md SS001, SS002 (CIS 4.1, PSS restricted runAsNonRoot/runAsUser, DL3002, DL3066)
   */
  user: { uid: 10001, gid: 10001 },
  /** @default 10000  @see RULES.md SS002 */
  minUid: 10000,
  /**
   * @default "512Mi", with memory-swap equal to it (no extra swap)
   * @see RULES.md SS028 (CIS 5.11)
   */
  memoryBytes: 512 * 2 ** 20,
  /** @default 1  @see RULES.md SS029 (CIS 5.12) */
  cpus: 1,
  /** @default 256  @see RULES.md SS030 (CIS 5.29) */
  pids: 256,
  /** @default "1Gi"  @see RULES.md SS031 */
  ephemeralStorageBytes: 2 ** 30,
  /**
   * `/tmp` as a bounded, noexec tmpfs: the only writable path when the root is read-only.
   * @default { size: "64Mi", mode: 0o1777, noexec: true }
   * @see RULES.md SS011, SS012 (CIS 5.13)
   */
  tmp: { mountPath: "/tmp", sizeBytes: 64 * 2 ** 20, mode: 0o1777, noexec: true },
  /** @default "64Mi" for scratch volumes without a size  @see RULES.md SS012 */
  scratchBytes: 64 * 2 ** 20,
  /** @default { policy: "on-failure", maxRetries: 5 }  @see RULES.md SS033 (CIS 5.15) */
  restart: { policy: "on-failure" as const, maxRetries: 5 },
  /** @default json-file, 10Mi x 3 files  @see CIS 5.x logging hygiene */
  logging: { driver: "json-file" as const, maxSizeBytes: 10 * 2 ** 20, maxFiles: 3 },
  /** @default 30s interval, 5s timeout, 3 retries, 10s start period  @see RULES.md SS032 */
  healthcheck: { intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
  /** Secret files are readable by the service user only. @default 0o400  @see RULES.md SS037 */
  secretMode: 0o400,
  /** @default true: an init reaps zombies and forwards signals  @see RULES.md SS040 */
  init: true,
  /** @default "127.0.0.1"  @see RULES.md SS024 (CIS 5.14) */
  hostIp: "127.0.0.1",
} as const;

/** Bounds past which a value is a mistake rather than a choice. */
export const LIMITS = {
  memoryBytes: { min: 6 * 2 ** 20, max: 2 ** 40 },
  cpus: { min: 0.01, max: 256 },
  pids: { min: 8, max: 1_000_000 },
  ephemeralStorageBytes: { min: 2 ** 20, max: 16 * 2 ** 40 },
  tmpfsBytes: { min: 2 ** 20, max: 64 * 2 ** 30 },
  logBytes: { min: 2 ** 20, max: 2 ** 30 },
} as const;

/** Capabilities that are never added back, whatever the reason (host escape primitives). */
export const FORBIDDEN_CAPABILITIES = ["ALL", "SYS_ADMIN", "NET_RAW", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT", "DAC_READ_SEARCH", "NET_ADMIN", "BPF", "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE", "SYS_TIME", "SETFCAP", "LINUX_IMMUTABLE", "SYSLOG", "SYS_PACCT"] as const;

/** Host paths that are never mounted (RULES.md SS018, SS019). */
export const SENSITIVE_HOST_PATHS = ["/", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sys", "/usr", "/bin", "/sbin", "/root", "/var/lib/docker"] as const;

/** A relaxation's reason must be a real sentence: at least this long, and not a TODO placeholder. */
export const MIN_REASON_LENGTH = 8;

/** `TODO: …` marks a reason nobody wrote yet (what `shipshape convert` emits). */
export function isPlaceholderReason(reason: string): boolean {
  return /^\s*TODO\b/i.test(reason);
}

/** A reason that may weaken a default: long enough and not a placeholder. */
export function isValidReason(reason: unknown): reason is string {
  return typeof reason === "string" && reason.trim().length >= MIN_REASON_LENGTH && !isPlaceholderReason(reason);
}

/** Container engine sockets and the directories that hold them (RULES.md SS019). */
export const ENGINE_SOCKET = /(docker|containerd|podman|crio|cri-dockerd)\.sock$/;
export const ENGINE_SOCKET_DIRS: readonly string[] = ["/var/run", "/run", "/var/run/docker", "/run/docker", "/run/containerd", "/var/run/containerd", "/var/lib/containerd", "/run/crio", "/var/run/crio", "/run/podman", "/var/run/podman"];

/** Env var names that hold secrets; their values belong in `secrets`. */
export const SECRET_ENV_NAME = /(^|_)(SECRET|PASSWORD|PASSWD|PASS|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|(SECRET|ENCRYPTION|SIGNING|JWT|SESSION|MASTER)_?KEY|CREDENTIALS?|AUTH)$/i;
