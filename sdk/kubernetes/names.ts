/** Names, labels and quantities shared by every Kubernetes object Shipshape renders. */
import { formatBytes } from "../spec";

export const MANAGED_BY = "shipshape";
/** Pod volume names the renderer uses itself; a spec volume may not take them. */
export const SECRETS_VOLUME = "shipshape-secrets";
export const scratchVolumeName = (i: number): string => `shipshape-scratch-${i}`;
export const RESERVED_VOLUME_PREFIX = "shipshape-";

/** Labels on every object of a service (app.kubernetes.io recommended labels). */
export function serviceLabels(stack: string, service: string): Record<string, string> {
  return { "app.kubernetes.io/name": service, "app.kubernetes.io/instance": stack, "app.kubernetes.io/part-of": stack, "app.kubernetes.io/managed-by": MANAGED_BY };
}

/** The pod selector of a service's workload, Service, PDB and NetworkPolicy. */
export function serviceSelector(stack: string, service: string): Record<string, string> {
  return { "app.kubernetes.io/name": service, "app.kubernetes.io/instance": stack };
}

/** Labels on stack-wide objects (namespace, shared claims, namespace policies). */
export function stackLabels(stack: string): Record<string, string> {
  return { "app.kubernetes.io/part-of": stack, "app.kubernetes.io/managed-by": MANAGED_BY };
}

/** CPU cores as a Kubernetes quantity: `1` → "1", `0.5` → "500m". */
export function cpuQuantity(cpus: number): string {
  return Number.isInteger(cpus) ? String(cpus) : `${Math.round(cpus * 1000)}m`;
}

/** Bytes as a Kubernetes quantity, in the largest exact binary unit ("512Mi"). */
export function bytesQuantity(bytes: number): string {
  return formatBytes(bytes);
}

/** `IANA_SVC_NAME`: what a container port name must be (15 characters, at least one letter). */
export function isPortName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes("--");
}

/** A qualified name (label and annotation keys): `[prefix/]name`, name ≤ 63, prefix a DNS subdomain. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name) || name.length > 63) return false;
  if (parts.length === 2) {
    const prefix = parts[0];
    return prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix);
  }
  return true;
}
