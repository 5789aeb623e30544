/**
 * Container-level views over a captured stack, for assertions such as "every container has
 * limits": each Docker Container and each container of a Kubernetes workload as a
 * ContainerPosture (the same shape the policies and the audit judge).
 */
import { fromDockerContainerArgs } from "../checks/adapters/docker-container";
import { fromKubernetesPodSpec } from "../checks/adapters/kubernetes-pod";
import type { ContainerPosture } from "../checks/posture";
import { parseImageRef } from "../spec/image-ref";
import { podTemplateOf } from "../policy/kubernetes";
import { KUBERNETES_WORKLOADS, TYPES } from "../policy/resource-types";
import type { CapturedResource } from "./run-program";

type HasResources = { readonly resources: readonly CapturedResource[] } | readonly CapturedResource[];
const resourcesOf = (x: HasResources): readonly CapturedResource[] => (Array.isArray(x) ? (x as readonly CapturedResource[]) : (x as { resources: readonly CapturedResource[] }).resources);

/** A container with where it came from. */
export type ContainerView = ContainerPosture & { readonly urn: string; readonly resourceType: string };

/** Every container of the stack: Docker Containers and the containers of Kubernetes workloads. */
export function containersOf(result: HasResources): ContainerView[] {
  const out: ContainerView[] = [];
  for (const r of resourcesOf(result)) {
    if (r.type === TYPES.container) out.push({ ...fromDockerContainerArgs(r.name, r.inputs, r.urn), urn: r.urn, resourceType: r.type });
    else if (KUBERNETES_WORKLOADS.includes(r.type)) {
      const tpl = podTemplateOf(r.type, r.inputs);
      if (tpl) for (const p of fromKubernetesPodSpec(r.name, tpl.spec, undefined, { annotations: tpl.annotations, replicas: tpl.replicas, at: r.urn })) out.push({ ...p, urn: r.urn, resourceType: r.type });
    }
  }
  return out;
}

/** Properties a team typically asserts on every container. */
export const CONTAINER_PROPERTIES = {
  memoryLimit: (c: ContainerPosture) => !!c.memoryBytes,
  cpuLimit: (c: ContainerPosture) => !!c.cpus,
  /** PIDs limit, or the nproc substitute on @pulumi/docker (Kubernetes: the kubelet's podPidsLimit, not per container). */
  pidsLimit: (c: ContainerPosture) => c.source === "kubernetes" || !!c.pidsLimit || !!c.nprocLimit,
  limits: (c: ContainerPosture) => CONTAINER_PROPERTIES.memoryLimit(c) && CONTAINER_PROPERTIES.cpuLimit(c) && CONTAINER_PROPERTIES.pidsLimit(c),
  healthcheck: (c: ContainerPosture) => !!c.healthcheck?.present && !c.healthcheck.disabled,
  nonRootUser: (c: ContainerPosture) => (c.uid !== undefined && c.uid !== 0) || (c.uid === undefined && c.runAsNonRoot === true),
  readOnlyRootFilesystem: (c: ContainerPosture) => c.readOnlyRootFilesystem === true,
  noNewPrivileges: (c: ContainerPosture) => c.noNewPrivileges === true,
  dropAllCapabilities: (c: ContainerPosture) => (c.capDrop ?? []).includes("ALL"),
  pinnedImage: (c: ContainerPosture) => {
    const ref = c.image !== undefined ? parseImageRef(c.image) : undefined;
    return !!ref && (!!ref.digest || (!!ref.tag && ref.tag !== "latest"));
  },
  digestPinnedImage: (c: ContainerPosture) => !!(c.image && parseImageRef(c.image)?.digest),
} as const;
export type ContainerProperty = keyof typeof CONTAINER_PROPERTIES;

/** True when every container satisfies `predicate` (and there is at least one container). */
export function everyContainer(result: HasResources, predicate: ((c: ContainerView) => boolean) | ContainerProperty): boolean {
  const cs = containersOf(result);
  const f = typeof predicate === "string" ? CONTAINER_PROPERTIES[predicate] : predicate;
  return cs.length > 0 && cs.every(f);
}

/** Names of the containers lacking a property, e.g. `containersWithout(result, "limits")` → `[]` when all have them. */
export function containersWithout(result: HasResources, property: ContainerProperty | ((c: ContainerView) => boolean)): string[] {
  const f = typeof property === "string" ? CONTAINER_PROPERTIES[property] : property;
  if (!f) throw new Error(`containersWithout: unknown property ${JSON.stringify(property)}; use one of ${Object.keys(CONTAINER_PROPERTIES).join(", ")} or a function.`);
  return containersOf(result)
    .filter((c) => !f(c))
    .map((c) => c.name);
}

/** Captured resources of one Pulumi type (e.g. `docker:index/container:Container`). */
export function resourcesOfType(result: HasResources, type: string): CapturedResource[] {
  return resourcesOf(result).filter((r) => r.type === type);
}
