import * as pulumi from "@pulumi/pulumi";
import type { Finding } from "../rules";
import type { RelaxationKey } from "./schema";

/** Brand that marks a value as already normalized, so components accept either form. */
export const SPEC_KIND = "shipshape.dev/ServiceSpec" as const;

export type ImageRef = string | pulumi.Output<string>;

/** A weakening of a secure default, with the reason the user gave and the rule it relaxes. */
export interface Relaxation {
  readonly key: RelaxationKey;
  readonly ruleId: string;
  readonly reason: string;
}

export interface SecretMount {
  readonly name: string;
  /** Pulumi config key read with `requireSecret`. */
  readonly configKey: string;
  /** Always `/run/secrets/<name>`. */
  readonly target: string;
  readonly fileEnv?: string;
  readonly uid: number;
  readonly gid: number;
  readonly mode: number;
}

export interface PortSpec {
  readonly name?: string;
  readonly container: number;
  readonly protocol: "tcp" | "udp";
  /** Host port, when published. */
  readonly published?: number;
  /** Host interface the published port binds; 127.0.0.1 unless relaxed. */
  readonly hostIp?: string;
}

export interface HealthcheckSpec {
  readonly kind: "cmd" | "http" | "tcp";
  /** The check as an argv run inside the container (Docker and compose `CMD` form). */
  readonly test: readonly string[];
  readonly http?: { readonly path: string; readonly port: number; readonly scheme: "http" | "https" };
  readonly tcp?: { readonly port: number };
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

export interface ResourceSpec {
  /** Undefined only when relaxed with `unboundedResources`. */
  readonly memoryBytes?: number;
  readonly cpus?: number;
  readonly pids?: number;
  readonly ephemeralStorageBytes: number;
  readonly requests: { readonly memoryBytes?: number; readonly cpus?: number };
}

export type VolumeSpec =
  | { readonly kind: "models"; readonly name: string; readonly mountPath: string; readonly readOnly: true; readonly sizeBytes?: number }
  | { readonly kind: "data"; readonly name: string; readonly mountPath: string; readonly readOnly: boolean; readonly sizeBytes?: number; readonly retain: boolean }
  | { readonly kind: "bind"; readonly hostPath: string; readonly mountPath: string; readonly readOnly: boolean };

export interface TmpfsSpec {
  readonly mountPath: string;
  readonly sizeBytes: number;
  readonly mode: number;
  readonly noexec: boolean;
}

export interface SecuritySpec {
  readonly readOnlyRootFilesystem: boolean;
  readonly noNewPrivileges: true;
  readonly capDrop: readonly ["ALL"];
  readonly capAdd: readonly string[];
  /** Docker's default profile / Kubernetes `RuntimeDefault`. */
  readonly seccomp: "RuntimeDefault";
  readonly privileged: false;
  readonly init: boolean;
}

export interface GpuSpec {
  readonly count: number | "all";
  readonly driver: string;
  readonly capabilities: readonly string[];
  readonly resourceName?: string;
}

/** A validated, normalized and hardened service: the one input of every target renderer. */
export interface ServiceSpec {
  readonly kind: typeof SPEC_KIND;
  readonly name: string;
  readonly image: ImageRef;
  /** How the image is pinned, when it is known now. */
  readonly imagePin: "digest" | "tag" | "unknown";
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly workdir?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: readonly SecretMount[];
  readonly ports: readonly PortSpec[];
  readonly healthcheck?: HealthcheckSpec;
  readonly resources: ResourceSpec;
  readonly volumes: readonly VolumeSpec[];
  readonly tmpfs: readonly TmpfsSpec[];
  readonly user: { readonly uid: number; readonly gid: number };
  readonly security: SecuritySpec;
  readonly restart: { readonly policy: "on-failure" | "no" | "unless-stopped" | "always"; readonly maxRetries?: number };
  readonly logging: { readonly driver: "json-file"; readonly maxSizeBytes: number; readonly maxFiles: number };
  readonly gpus?: GpuSpec;
  readonly labels: Readonly<Record<string, string>>;
  /** Stack networks the service joins (internal ones); `default` unless set. */
  readonly networks: readonly string[];
  /** True only when relaxed with `egress`. */
  readonly egress: boolean;
  readonly dependsOn: readonly string[];
  readonly replicas: number;
  /** Every weakening of a default, each with its reason. */
  readonly relaxations: readonly Relaxation[];
  /** Advisory findings (nothing here blocks a deployment). */
  readonly warnings: readonly Finding[];
  readonly raw: {
    readonly docker?: Readonly<Record<string, unknown>>;
    readonly compose?: Readonly<Record<string, unknown>>;
    readonly kubernetes?: { readonly container?: Readonly<Record<string, unknown>>; readonly pod?: Readonly<Record<string, unknown>> };
  };
}
