/**
 * Field paths into the user's input. The normalized spec moves scratch volumes out of
 * `volumes` (into `tmpfs`), so `volumes[i]` of a ServiceSpec is not always `volumes[i]` of
 * what the user wrote. When we normalize the input ourselves we remember it, and map back.
 */
import { defineService, defineStack, DEFAULTS, ServiceInput, ServiceSpec, StackInput, StackSpec } from "../spec";

const inputs = new WeakMap<ServiceSpec, ServiceInput>();

/** `defineStack`, remembering each service's input (a StackSpec passes through). */
export function normalizeStack(stack: StackInput | StackSpec): StackSpec {
  if ("networks" in stack && "volumes" in stack) return stack as StackSpec;
  const spec = defineStack(stack);
  spec.services.forEach((s, i) => {
    const raw = stack.services[i];
    if (raw !== s && !inputs.has(s)) inputs.set(s, raw as ServiceInput);
  });
  return spec;
}

/** `defineService`, remembering the input. */
export function normalizeService(input: ServiceInput | ServiceSpec): ServiceSpec {
  const spec = defineService(input);
  if (spec !== input && !inputs.has(spec)) inputs.set(spec, input as ServiceInput);
  return spec;
}

/**
 * The input path of `svc.volumes[j]`: exact when the input is known, or when the service has
 * no scratch volume of its own (nothing was moved); otherwise `volumes`, and the message
 * names the mount path.
 */
export function volumeField(svc: ServiceSpec, j: number): string {
  const v = svc.volumes[j];
  const input = inputs.get(svc);
  if (input?.volumes) {
    const i = input.volumes.findIndex((x) => (x.mountPath.replace(/\/+$/, "") || "/") === v.mountPath);
    if (i >= 0) return `volumes[${i}]`;
  }
  const d = DEFAULTS.tmp;
  const own = svc.tmpfs.filter((t) => !(t.mountPath === d.mountPath && t.sizeBytes === d.sizeBytes && t.noexec === d.noexec && t.mode === d.mode));
  return own.length === 0 ? `volumes[${j}]` : "volumes";
}
