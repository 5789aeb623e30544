/**
 * One container's runtime posture, independent of where it was read from: a
 * `@pulumi/docker` Container's inputs, a Kubernetes pod spec, a compose service or
 * `docker inspect` output. Adapters (./adapters) fill it; `checkPosture` judges it against
 * the rule catalog, so the policy pack and the audit apply exactly the same rules.
 *
 * Convention: `undefined` always means "not set" (the engine default applies), never
 * "unknown"; an adapter that cannot know a value (an unresolved Output) leaves the field out
 * and, where it matters, says so in `unknown`.
 */

/** Where a posture came from; a few rules only apply to some targets (see container-rules.ts). */
export type PostureSource = "docker" | "compose" | "inspect" | "kubernetes";

export type PostureMountType =
  | "bind" // Docker bind mount / compose bind
  | "volume" // Docker named volume
  | "tmpfs"
  | "hostPath" // Kubernetes hostPath
  | "emptyDir"
  | "secret"
  | "configMap"
  | "projected"
  | "downwardAPI"
  | "persistentVolumeClaim"
  | "csi"
  | "ephemeral"
  | "npipe"
  | "other"; // any other Kubernetes volume type (nfs, iscsi …): not allowed by PSS restricted

export interface PostureMount {
  readonly type: PostureMountType;
  /** Host path (bind/hostPath), volume or claim name; undefined for anonymous volumes. */
  readonly source?: string;
  /** Path inside the container. */
  readonly target: string;
  readonly readOnly?: boolean;
  /** Bind propagation (`rshared`, `shared`, …) or Kubernetes mountPropagation (`Bidirectional`, …). */
  readonly propagation?: string;
  /** Size bound of a tmpfs mount or an emptyDir (`sizeLimit`). */
  readonly sizeBytes?: number;
  /** emptyDir medium "Memory" etc. */
  readonly medium?: string;
}

export interface PostureTmpfs {
  readonly target: string;
  /** Undefined: no `size=` option, so the tmpfs may grow to half the host's memory. */
  readonly sizeBytes?: number;
}

export interface PosturePort {
  readonly container: number;
  /** Host port; undefined when not published (or published on a random port: see `publishedRandom`). */
  readonly published?: number;
  /** Host interface; undefined or "0.0.0.0"/"::" means every interface. */
  readonly hostIp?: string;
  readonly protocol?: "tcp" | "udp" | "sctp";
  /** Published on a random high host port chosen by the engine. */
  readonly publishedRandom?: boolean;
  /** Kubernetes `hostPort` (as opposed to a container port only). */
  readonly hostPort?: boolean;
}

export interface PostureHealthcheck {
  /** A check is configured (Docker HEALTHCHECK / compose healthcheck / any probe). */
  readonly present: boolean;
  /** Explicitly disabled (`NONE` / `disable: true`). */
  readonly disabled?: boolean;
  /** Kubernetes probes, when the posture comes from a pod spec. */
  readonly readiness?: boolean;
  readonly liveness?: boolean;
  readonly startup?: boolean;
}

export interface ContainerPosture {
  /** Container (or resource) name, used as the finding's `at` unless `at` is given. */
  readonly name: string;
  /** Where findings point to (a URN, a compose path); defaults to `name`. */
  readonly at?: string;
  readonly source: PostureSource;
  readonly image?: string;

  /** The user as written (`"10001:10001"`, `"app"`, `"0"`). */
  readonly user?: string;
  /** Parsed numeric UID/GID; undefined when the user is not set or not numeric. */
  readonly uid?: number;
  readonly gid?: number;
  /** Kubernetes `runAsNonRoot`. */
  readonly runAsNonRoot?: boolean;

  readonly privileged?: boolean;
  /** no-new-privileges / `allowPrivilegeEscalation: false` (true = escalation blocked). */
  readonly noNewPrivileges?: boolean;
  /** Capabilities, upper-case without the `CAP_` prefix. */
  readonly capDrop?: readonly string[];
  readonly capAdd?: readonly string[];
  /** `unconfined`, `RuntimeDefault`, `Localhost`, or a profile path/name. */
  readonly seccomp?: string;
  /** `unconfined`, `RuntimeDefault`, `Localhost`, or a profile name. */
  readonly apparmor?: string;
  readonly selinux?: { readonly disabled?: boolean; readonly user?: string; readonly role?: string; readonly type?: string; readonly level?: string };
  /** `unconfined` (Docker `systempaths=unconfined`, Kubernetes `procMount: Unmasked`) or `default`. */
  readonly systemPaths?: "default" | "unconfined";
  readonly readOnlyRootFilesystem?: boolean;
  readonly tmpfs?: readonly PostureTmpfs[];

  readonly hostNetwork?: boolean;
  readonly hostPid?: boolean;
  readonly hostIpc?: boolean;
  readonly hostUts?: boolean;
  readonly hostUserns?: boolean;
  readonly hostCgroupns?: boolean;
  /** Docker network mode as written (`bridge`, `host`, `container:x`, `none`, a network name). */
  readonly networkMode?: string;

  readonly mounts?: readonly PostureMount[];
  /** Host device paths passed through (`/dev/kmsg`); GPU device requests are not devices. */
  readonly devices?: readonly string[];
  readonly sysctls?: Readonly<Record<string, string>>;
  readonly cgroupParent?: string;

  readonly ports?: readonly PosturePort[];
  readonly publishAll?: boolean;
  /** User-defined networks the container joins (names). */
  readonly networks?: readonly string[];

  readonly memoryBytes?: number;
  /** Memory + swap; -1 means unlimited swap; equal to memoryBytes means no swap. */
  readonly memorySwapBytes?: number;
  readonly cpus?: number;
  /** Kubernetes requests (limits are memoryBytes/cpus). */
  readonly requests?: { readonly memoryBytes?: number; readonly cpus?: number };
  readonly pidsLimit?: number;
  /** `nproc` ulimit (soft): the PID-limit substitute where the provider lacks pidsLimit. */
  readonly nprocLimit?: number;
  /** Kubernetes `limits.ephemeral-storage`, Docker `storage_opt size`. */
  readonly ephemeralStorageBytes?: number;

  readonly healthcheck?: PostureHealthcheck;
  readonly restart?: { readonly policy: string; readonly maxRetries?: number };
  readonly env?: Readonly<Record<string, string>>;
  /** Env var names whose value comes from a secret (Kubernetes `secretKeyRef`, `envFrom.secretRef`). */
  readonly secretEnv?: readonly string[];
  readonly init?: boolean;
  /** Secrets delivered as files (paths in the container). */
  readonly secretFiles?: readonly string[];
  /** Kubernetes only. */
  readonly automountServiceAccountToken?: boolean;
  readonly replicas?: number;

  /**
   * Relaxations with their reasons, keyed by spec relaxation key (`publicPorts`, …): read from
   * `shipshape.dev/relax.<key>` labels/annotations. A relaxed finding is reported apart, never dropped.
   */
  readonly relaxations?: Readonly<Record<string, string>>;
  /** Fields an adapter could not resolve (preview Outputs); rules on them are skipped. */
  readonly unknown?: readonly string[];
}

/** Label / annotation prefix that carries a relaxation's reason, e.g. `shipshape.dev/relax.publicPorts`. */
export const RELAX_LABEL_PREFIX = "shipshape.dev/relax.";

/** Read `shipshape.dev/relax.<key>` entries out of a label/annotation map. */
export function relaxationsFromLabels(labels: Readonly<Record<string, unknown>> | undefined): Record<string, string> | undefined {
  if (!labels) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith(RELAX_LABEL_PREFIX) && typeof v === "string" && v.trim()) out[k.slice(RELAX_LABEL_PREFIX.length)] = v.trim();
  }
  return Object.keys(out).length ? out : undefined;
}

/** Parse a user string: `"10001:10001"` → uid/gid; `"10001"` → uid only; names → nothing. */
export function parseUser(user: string | undefined): { uid?: number; gid?: number } {
  if (user === undefined) return {};
  const m = /^(\d+)(?::(\d+))?$/.exec(user.trim());
  if (!m) return user.trim() === "root" ? { uid: 0 } : user.trim().startsWith("root:") ? { uid: 0 } : {};
  return { uid: Number(m[1]), ...(m[2] !== undefined ? { gid: Number(m[2]) } : {}) };
}

/** Normalize a capability name: upper-case, without `CAP_`. */
export function normalizeCapability(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, "");
}
