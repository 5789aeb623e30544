/**
 * The shape of a team stack: one function per service, called with the deployment's
 * context, so one file describes a service for every target and every environment.
 */
import type { ServiceInput, VolumeInput } from "../sdk/spec";

export type Target = "docker" | "kubernetes";
export const TARGETS: readonly Target[] = ["docker", "kubernetes"];

export interface ServiceContext {
  /** Image reference by service name: config `shipshape:images` over the stack's pinned defaults. */
  readonly images: Readonly<Record<string, string>>;
  /** Where the stack is deployed; decides what a host directory becomes (bind mount or claim). */
  readonly target: Target;
}

export type ServiceFactory = (ctx: ServiceContext) => ServiceInput;

export interface TeamStack {
  /** The team stack's name: the engine name prefix on Docker, the namespace on Kubernetes. */
  readonly name: string;
  readonly description: string;
  readonly services: readonly ServiceFactory[];
  /** Pinned default image per service; production stacks override these by digest in their Pulumi.<stack>.yaml. */
  readonly images: Readonly<Record<string, string>>;
}

/** The image of `service`, or an error that says which config key to set. */
export function imageOf(ctx: ServiceContext, service: string): string {
  const ref = ctx.images[service];
  if (!ref)
    throw new Error(
      `no image for service "${service}": set it with \`pulumi config set --path 'images.${service}' <registry/repo:tag@sha256:…>\` (config shipshape:images.${service}).`,
    );
  return ref;
}

/**
 * A host directory the service reads. Docker mounts it from the host (read-only). Kubernetes
 * under restricted Pod Security forbids hostPath volumes, so there it is a read-only
 * PersistentVolumeClaim `claim` that whoever fills the directory (a sync job, an NFS export)
 * writes into. Without this choice the Kubernetes target fails with: "a bind mount of … needs
 * a hostPath volume, which restricted Pod Security forbids. Use a data volume …".
 */
export function hostDirectory(ctx: ServiceContext, dir: { hostPath: string; claim: string; mountPath: string; size?: string }): VolumeInput {
  return ctx.target === "docker"
    ? { kind: "bind", hostPath: dir.hostPath, mountPath: dir.mountPath, readOnly: true }
    : { kind: "data", name: dir.claim, mountPath: dir.mountPath, readOnly: true, ...(dir.size ? { size: dir.size } : {}) };
}
