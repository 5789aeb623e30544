/**
 * The pod template of one service: restricted-PSS security contexts, bounded resources,
 * probes, and volumes (scratch as size-limited emptyDir, secrets as 0400 files, claims).
 */
import type * as k8s from "@pulumi/kubernetes";
import type { ServiceSpec } from "../spec";
import { bytesQuantity, cpuQuantity, SECRETS_VOLUME, scratchVolumeName, serviceLabels, serviceSelector } from "./names";
import type { KubernetesOptions } from "./options";
import { probesFor } from "./probes";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/** Name of a service's Secret (its `/run/secrets` files). */
export const secretName = (svc: string): string => `${svc}-secrets`;

/** Requests and limits: CPU, memory, ephemeral storage and GPUs (as extended-resource limits). */
export function resourcesFor(svc: ServiceSpec): k8s.types.input.core.v1.ResourceRequirements {
  const r = svc.resources;
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  if (r.cpus !== undefined) limits.cpu = cpuQuantity(r.cpus);
  if (r.memoryBytes !== undefined) limits.memory = bytesQuantity(r.memoryBytes);
  limits["ephemeral-storage"] = bytesQuantity(r.ephemeralStorageBytes);
  if (svc.gpus?.resourceName && typeof svc.gpus.count === "number") limits[svc.gpus.resourceName] = String(svc.gpus.count);
  if (r.requests.cpus !== undefined) requests.cpu = cpuQuantity(r.requests.cpus);
  if (r.requests.memoryBytes !== undefined) requests.memory = bytesQuantity(r.requests.memoryBytes);
  // The spec has no separate storage request: reserve what the limit allows, as for memory.
  requests["ephemeral-storage"] = bytesQuantity(r.ephemeralStorageBytes);
  return { limits, requests };
}

/** Pod volumes and the container's mounts. Bind mounts are skipped here (kubernetesIssues reports them). */
export function volumesFor(svc: ServiceSpec): { volumes: Volume[]; volumeMounts: VolumeMount[] } {
  const volumes: Volume[] = [];
  const volumeMounts: VolumeMount[] = [];
  svc.tmpfs.forEach((t, i) => {
    // Disk-backed emptyDir with a sizeLimit (counted in ephemeral-storage); `noexec` has no
    // Kubernetes equivalent.
    volumes.push({ name: scratchVolumeName(i), emptyDir: { sizeLimit: bytesQuantity(t.sizeBytes) } });
    volumeMounts.push({ name: scratchVolumeName(i), mountPath: t.mountPath });
  });
  for (const v of svc.volumes) {
    if (v.kind === "bind") continue;
    volumes.push({ name: v.name, persistentVolumeClaim: { claimName: v.name, ...(v.readOnly ? { readOnly: true } : {}) } });
    volumeMounts.push({ name: v.name, mountPath: v.mountPath, ...(v.readOnly ? { readOnly: true } : {}) });
  }
  if (svc.secrets.length) {
    // Files owned by root with group fsGroup (= the service's GID): kubelet adds group read, so
    // the service user reads them and no other UID does.
    volumes.push({
      name: SECRETS_VOLUME,
      secret: { secretName: secretName(svc.name), defaultMode: 0o400, items: svc.secrets.map((s) => ({ key: s.name, path: s.name, mode: s.mode })) },
    });
    volumeMounts.push({ name: SECRETS_VOLUME, mountPath: "/run/secrets", readOnly: true });
  }
  return { volumes, volumeMounts };
}

/** The one container of a service. */
export function containerFor(svc: ServiceSpec): Container {
  const { volumeMounts } = volumesFor(svc);
  return {
    name: svc.name,
    image: svc.image,
    imagePullPolicy: "IfNotPresent",
    // Docker's entrypoint/command are Kubernetes' command/args.
    ...(svc.entrypoint ? { command: [...svc.entrypoint] } : {}),
    ...(svc.command ? { args: [...svc.command] } : {}),
    ...(svc.workdir ? { workingDir: svc.workdir } : {}),
    ...(Object.keys(svc.env).length ? { env: Object.entries(svc.env).map(([name, value]) => ({ name, value })) } : {}),
    ...(svc.ports.length ? { ports: svc.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.container, protocol: p.protocol === "udp" ? "UDP" : "TCP" })) } : {}),
    resources: resourcesFor(svc),
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: svc.security.readOnlyRootFilesystem,
      runAsNonRoot: true,
      runAsUser: svc.user.uid,
      runAsGroup: svc.user.gid,
      capabilities: { drop: ["ALL"], ...(svc.security.capAdd.length ? { add: [...svc.security.capAdd] } : {}) },
      seccompProfile: { type: "RuntimeDefault" },
    },
    ...(volumeMounts.length ? { volumeMounts } : {}),
    ...probesFor(svc.healthcheck),
  };
}

/** Label on every pod that mounts the claim `volume` (for co-location on one node). */
export const claimLabel = (volume: string): string => `claim.shipshape.dev/${volume}`;

/**
 * The pod template, before the `raw.kubernetes` escape hatch is merged.
 * @param colocate claims this pod shares with other pods through a single-node access mode
 *   (ReadWriteOnce): the pods must land on one node, as the containers of a Docker host do.
 */
export function podTemplateFor(stack: string, svc: ServiceSpec, opts: KubernetesOptions = {}, colocate: readonly string[] = []): PodTemplate {
  const { volumes } = volumesFor(svc);
  const selector = serviceSelector(stack, svc.name);
  const spread = svc.replicas >= 2;
  const claimLabels = Object.fromEntries(colocate.map((v) => [claimLabel(v), "mounted"]));
  return {
    metadata: { labels: { ...serviceLabels(stack, svc.name), ...claimLabels }, ...(Object.keys(svc.labels).length ? { annotations: { ...svc.labels } } : {}) },
    spec: {
      serviceAccountName: svc.name,
      automountServiceAccountToken: false,
      // No Docker-link style env vars for every Service in the namespace.
      enableServiceLinks: false,
      // Docker's `init: true` (reap zombies, default signal handling): the pause container
      // becomes PID 1 when the pod shares one process namespace.
      ...(svc.security.init ? { shareProcessNamespace: true } : {}),
      ...(opts.userNamespaces ? { hostUsers: false } : {}),
      securityContext: {
        runAsNonRoot: true,
        runAsUser: svc.user.uid,
        runAsGroup: svc.user.gid,
        fsGroup: svc.user.gid,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      },
      containers: [containerFor(svc)],
      ...(volumes.length ? { volumes } : {}),
      ...(colocate.length
        ? {
            // Required affinity to the other pods of each claim; the first pod of a group may
            // schedule alone because it matches its own term.
            affinity: {
              podAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: colocate.map((v) => ({ labelSelector: { matchLabels: { [claimLabel(v)]: "mounted" } }, topologyKey: "kubernetes.io/hostname" })),
              },
            },
          }
        : {}),
      ...(spread
        ? {
            // ScheduleAnyway: spread when the cluster can, still run on a single node.
            topologySpreadConstraints: ["kubernetes.io/hostname", "topology.kubernetes.io/zone"].map((topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels: { ...selector } },
            })),
          }
        : {}),
    },
  };
}
