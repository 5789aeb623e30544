/**
 * What a valid ServiceSpec can still not be on Kubernetes under restricted Pod Security:
 * every such field, with the fix, so `kubernetesObjects` can fail with all of them at once.
 */
import { formatPath, joinPath, show, SpecIssue, StackSpec } from "../spec";
import { volumeField } from "./inputs";
import { isPortName, isQualifiedName, RESERVED_VOLUME_PREFIX } from "./names";
import { DEFAULT_ACCESS_MODES, KubernetesOptions } from "./options";

/** StatefulSet pods carry a `controller-revision-hash` label `<name>-<10 chars>` (max 63). */
export const MAX_STATEFULSET_NAME = 52;

/** Services that write a data volume run as StatefulSets (see README: data volumes). */
export function writesData(svc: StackSpec["services"][number]): boolean {
  return svc.volumes.some((v) => v.kind === "data" && !v.readOnly);
}

export function kubernetesIssues(stack: StackSpec, opts: KubernetesOptions = {}): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const dataModes = opts.accessModes?.data ?? DEFAULT_ACCESS_MODES.data;
  const sharedWrites = !dataModes.includes("ReadWriteMany");
  // Pods writing each data volume, across services (one claim per volume).
  const writers = new Map<string, { svc: string; replicas: number }[]>();
  for (const s of stack.services)
    for (const v of s.volumes) if (v.kind === "data" && !v.readOnly) writers.set(v.name, [...(writers.get(v.name) ?? []), { svc: s.name, replicas: s.replicas }]);

  for (const s of stack.services) {
    const at = (...path: (string | number)[]) => joinPath(`services.${s.name}`, formatPath(path));
    if (s.user.uid === 0)
      issues.push({ path: at("user"), message: `UID 0 cannot run in a namespace that enforces restricted Pod Security (runAsUser must not be 0). Use a numeric non-root user such as "10001:10001".` });
    s.security.capAdd.forEach((cap, j) => {
      if (cap !== "NET_BIND_SERVICE")
        issues.push({ path: at("capAdd", j), message: `${cap} cannot be added under restricted Pod Security, which allows only NET_BIND_SERVICE. Remove it (or run the service on the Docker target).` });
    });
    const vat = (i: number, ...rest: string[]) => joinPath(`services.${s.name}`, [volumeField(s, i), ...rest].join("."));
    s.volumes.forEach((v, i) => {
      if (v.kind === "bind") {
        issues.push({ path: vat(i), message: `a bind mount of ${show(v.hostPath)} needs a hostPath volume, which restricted Pod Security forbids. Use a data volume (a PersistentVolumeClaim) instead: { kind: "data", name: "<name>", mountPath: ${show(v.mountPath)} }.` });
        return;
      }
      if (v.name.startsWith(RESERVED_VOLUME_PREFIX)) issues.push({ path: vat(i, "name"), message: `${show(v.name)} starts with "${RESERVED_VOLUME_PREFIX}", which the Kubernetes renderer uses for its own pod volumes; choose another name.` });
      const w = v.kind === "data" && !v.readOnly ? (writers.get(v.name) ?? []) : [];
      const pods = w.reduce((n, x) => n + x.replicas, 0);
      if (sharedWrites && pods > 1)
        issues.push({
          path: vat(i),
          message: `data volume ${show(v.name)} would be written by ${pods} pods (${w.map((x) => `${x.svc} x${x.replicas}`).join(", ")}) through one ReadWriteOnce claim, which attaches to one node only. Use replicas: 1 with one writer, mount it readOnly in the other services, or render with accessModes.data ["ReadWriteMany"] on a storage class that supports it.`,
        });
    });
    s.ports.forEach((p, i) => {
      if (p.name !== undefined && !isPortName(p.name))
        issues.push({ path: at("ports", i, "name"), message: `${show(p.name)} is not a Kubernetes port name (at most 15 characters, lower-case letters, digits and single "-", at least one letter). Shorten it, e.g. "http" or "metrics".` });
    });
    if (s.gpus) {
      if (s.gpus.count === "all") issues.push({ path: at("gpus", "count"), message: `"all" cannot be expressed on Kubernetes: a pod requests a fixed number of devices. Give a number such as 1.` });
      if (!s.gpus.resourceName) issues.push({ path: at("gpus", "resourceName"), message: `driver ${show(s.gpus.driver)} has no Kubernetes extended resource; set resourceName to the device plugin's resource, e.g. "nvidia.com/gpu" or "amd.com/gpu".` });
    }
    for (const k of Object.keys(s.labels))
      if (!isQualifiedName(k)) issues.push({ path: at("labels", k), message: `${show(k)} is not a Kubernetes annotation key ([prefix/]name, name at most 63 characters); use a key such as "example.com/team".` });
    if (writesData(s) && s.name.length > MAX_STATEFULSET_NAME)
      issues.push({ path: at("name"), message: `${show(s.name)} is ${s.name.length} characters; a service that writes a data volume runs as a StatefulSet, whose name must be at most ${MAX_STATEFULSET_NAME} characters. Shorten it.` });
  }
  return issues;
}
