/**
 * A compose service, normalized from the short and long syntaxes of the compose spec into
 * one shape, so the audit adapter and `convert` read each setting in a single place.
 * Sizes are bytes, durations seconds. `raw` keeps the original mapping for messages.
 */
export interface ComposePort {
  /** Host interface; undefined means compose's default, every interface (0.0.0.0). */
  readonly hostIp?: string;
  /** Host port; undefined when only the container port is given (a random host port). */
  readonly published?: number;
  readonly target: number;
  readonly protocol: "tcp" | "udp";
  /** The entry as written, for messages. */
  readonly text: string;
}

export interface ComposeMount {
  readonly type: "volume" | "bind" | "tmpfs" | "npipe" | "image" | "cluster";
  /** Volume name or host path (resolved to an absolute path for binds); none for anonymous volumes. */
  readonly source?: string;
  /** The source exactly as written (relative bind paths stay relative here). */
  readonly sourceText?: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly propagation?: string;
  readonly sizeBytes?: number;
  readonly text: string;
}

export interface ComposeHealthcheck {
  /** `disable: true` or `test: ["NONE"]`. */
  readonly disabled: boolean;
  /** `["CMD", ...argv]` or `["CMD-SHELL", script]`; undefined inherits the image's. */
  readonly test?: readonly string[];
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly retries?: number;
  readonly startPeriodSeconds?: number;
}

export interface ComposeGpu {
  readonly count: number | "all";
  readonly driver?: string;
  readonly capabilities: readonly string[];
}

export interface ComposeService {
  readonly name: string;
  readonly image?: string;
  readonly build?: unknown;
  readonly containerName?: string;
  readonly user?: string;
  readonly privileged: boolean;
  readonly readOnly: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly securityOpt: readonly string[];
  readonly ports: readonly ComposePort[];
  /** `expose:` container ports (reachable from other services, not published). */
  readonly expose: readonly number[];
  readonly publishAll: boolean;
  readonly mounts: readonly ComposeMount[];
  readonly environment: Readonly<Record<string, string>>;
  readonly envFile: readonly string[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly memoryBytes?: number;
  readonly memswapBytes?: number;
  readonly cpus?: number;
  readonly pidsLimit?: number;
  readonly restart?: string;
  readonly networkMode?: string;
  /** Networks joined; `["default"]` when none is listed and no network_mode is set. */
  readonly networks: readonly string[];
  readonly pid?: string;
  readonly ipc?: string;
  readonly uts?: string;
  readonly usernsMode?: string;
  readonly cgroupParent?: string;
  readonly cgroup?: string;
  readonly devices: readonly string[];
  readonly sysctls: Readonly<Record<string, string>>;
  readonly gpus?: ComposeGpu;
  readonly dependsOn: readonly string[];
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly workingDir?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly replicas?: number;
  readonly init?: boolean;
  readonly secrets: readonly string[];
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ComposeNetwork {
  readonly name: string;
  readonly internal: boolean;
  readonly external: boolean;
  readonly driver?: string;
}

export interface ComposeVolume {
  readonly name: string;
  readonly external: boolean;
}

export interface ComposeProject {
  readonly name?: string;
  readonly services: readonly ComposeService[];
  readonly networks: readonly ComposeNetwork[];
  readonly volumes: readonly ComposeVolume[];
  /** Variables referenced without a value (compose substitutes an empty string). */
  readonly missingVariables: readonly string[];
}
