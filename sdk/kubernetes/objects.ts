/**
 * `kubernetesObjects`: the one pure function that turns a normalized StackSpec into plain
 * Kubernetes objects. The Pulumi components and `renderKubernetes` both use it, so a
 * `pulumi up` and a GitOps hand-off can never disagree.
 */
import type * as k8s from "@pulumi/kubernetes";
import { parseBytes, serviceNetworks, ServiceSpec, show, SpecError, SpecIssue, StackSpec } from "../spec";
import { kubernetesIssues, writesData } from "./issues";
import { clonePlain, deepMerge } from "./merge";
import { bytesQuantity, serviceLabels, serviceSelector, stackLabels } from "./names";
import { namespacePolicies, servicePolicy } from "./network";
import { DEFAULT_ACCESS_MODES, DEFAULT_VOLUME_SIZE, KubernetesOptions } from "./options";
import { containerFor, podTemplateFor, secretName } from "./pod";
import { checkPodSecurity } from "./pss";

export type NamespaceObject = k8s.types.input.core.v1.Namespace;
export type ServiceAccountObject = k8s.types.input.core.v1.ServiceAccount;
export type SecretObject = k8s.types.input.core.v1.Secret;
export type ClaimObject = k8s.types.input.core.v1.PersistentVolumeClaim;
export type DeploymentObject = k8s.types.input.apps.v1.Deployment;
export type StatefulSetObject = k8s.types.input.apps.v1.StatefulSet;
export type ServiceObject = k8s.types.input.core.v1.Service;
export type NetworkPolicyObject = k8s.types.input.networking.v1.NetworkPolicy;
export type PodDisruptionBudgetObject = k8s.types.input.policy.v1.PodDisruptionBudget;
export type KubernetesObject = NamespaceObject | ServiceAccountObject | SecretObject | ClaimObject | DeploymentObject | StatefulSetObject | ServiceObject | NetworkPolicyObject | PodDisruptionBudgetObject;

/** Annotation on the rendered Secret naming the Pulumi config key of each file (values never). */
export const CONFIG_KEYS_ANNOTATION = "shipshape.dev/config-keys";
/** Annotations that ask GitOps tools to keep a retained claim (Pulumi uses retainOnDelete). */
export const KEEP_ANNOTATIONS = { "helm.sh/resource-policy": "keep", "argocd.argoproj.io/sync-options": "Delete=false" } as const;

export interface Claim {
  readonly volume: string;
  readonly kind: "data" | "models";
  /** Kept when the resource is deleted (Pulumi `retainOnDelete`). */
  readonly retain: boolean;
  readonly object: ClaimObject;
}

export interface ServiceObjects {
  readonly name: string;
  readonly spec: ServiceSpec;
  readonly serviceAccount: ServiceAccountObject;
  /** The Secret without values; `entries` says which config key fills which file. */
  readonly secret?: { readonly object: SecretObject; readonly entries: readonly { readonly key: string; readonly configKey: string }[] };
  /** Claims this service owns (a shared volume belongs to its first writer, else first user). */
  readonly claims: readonly Claim[];
  readonly workload: { readonly kind: "Deployment"; readonly object: DeploymentObject } | { readonly kind: "StatefulSet"; readonly object: StatefulSetObject };
  /** ClusterIP Service, when the service has ports. */
  readonly service?: ServiceObject;
  readonly networkPolicy: NetworkPolicyObject;
  readonly podDisruptionBudget?: PodDisruptionBudgetObject;
}

export interface KubernetesObjects {
  readonly stack: string;
  readonly namespace: string;
  readonly namespaceObject: NamespaceObject;
  /** `default-deny` and `allow-dns`. */
  readonly networkPolicies: readonly NetworkPolicyObject[];
  readonly services: readonly ServiceObjects[];
}

/** A one-service stack, for a KubernetesService used on its own. */
export function singleServiceStack(svc: ServiceSpec, name: string): StackSpec {
  return {
    name,
    services: [svc],
    networks: serviceNetworks(svc),
    volumes: svc.volumes.flatMap((v) => (v.kind === "bind" ? [] : [{ name: v.name, kind: v.kind, retain: v.kind === "models" || v.retain, users: [svc.name] }])),
    warnings: [],
  };
}

/**
 * Build every object of a stack. Throws a SpecError listing every field that cannot be
 * expressed on Kubernetes under restricted Pod Security (bind mounts, GPU "all", UID 0, …)
 * and any PSS violation a `raw.kubernetes` override introduces.
 */
export function kubernetesObjects(stack: StackSpec, opts: KubernetesOptions = {}): KubernetesObjects {
  const issues: SpecIssue[] = kubernetesIssues(stack, opts);
  const namespace = opts.namespace ?? stack.name;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > 63)
    issues.push({ path: "namespace", message: `${show(namespace)} is not a namespace name; use a lower-case DNS label such as "${stack.name}".` });
  const defaultSize = parseBytes(opts.defaultVolumeSize ?? DEFAULT_VOLUME_SIZE);
  if (defaultSize === undefined || defaultSize < 2 ** 20)
    issues.push({ path: "defaultVolumeSize", message: `${show(opts.defaultVolumeSize)} is not a volume size of at least 1Mi; use e.g. "10Gi".` });

  const services = stack.services.map((svc) => serviceObjects(stack, svc, namespace, opts, defaultSize ?? 0, issues));
  if (issues.length) throw new SpecError(`stack "${stack.name}" on Kubernetes`, issues);
  return {
    stack: stack.name,
    namespace,
    namespaceObject: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: namespace,
        labels: {
          ...stackLabels(stack.name),
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "latest",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
      },
    },
    networkPolicies: namespacePolicies(stack.name, namespace, opts),
    services,
  };
}

function serviceObjects(stack: StackSpec, svc: ServiceSpec, namespace: string, opts: KubernetesOptions, defaultSize: number, issues: SpecIssue[]): ServiceObjects {
  const labels = serviceLabels(stack.name, svc.name);
  const selector = serviceSelector(stack.name, svc.name);
  const annotations = Object.keys(svc.labels).length ? { annotations: { ...svc.labels } } : {};
  const meta = (name: string) => ({ name, namespace, labels: { ...labels }, ...clonePlain(annotations) });

  // The pod, with the escape hatch merged last; the result must still pass restricted PSS,
  // because the namespace enforces it and would reject the pod at admission.
  const template = podTemplateFor(stack.name, svc, opts, colocated(stack, svc, opts));
  const raw = svc.raw.kubernetes;
  const container = raw?.container ? deepMerge(containerFor(svc), clonePlain(raw.container)) : containerFor(svc);
  const podSpec = deepMerge({ ...(template.spec as object), containers: [container] }, clonePlain(raw?.pod));
  const pod = { metadata: template.metadata, spec: podSpec } as k8s.types.input.core.v1.PodTemplateSpec;
  for (const v of checkPodSecurity(podSpec, "restricted", pod.metadata as { annotations?: Record<string, string> }))
    issues.push({ path: `services.${svc.name}${raw ? ".raw.kubernetes" : ""}`, message: `the pod breaks restricted Pod Security (${v.ruleId} ${v.control}) at ${v.at}: ${v.message} ${v.fix}` });

  const claims: Claim[] = [];
  for (const vol of stack.volumes) {
    const owner = stack.services.find((s) => s.volumes.some((v) => v.kind === "data" && !v.readOnly && v.name === vol.name)) ?? stack.services.find((s) => vol.users.includes(s.name));
    if (owner?.name !== svc.name) continue;
    const sizes = stack.services.flatMap((s) => s.volumes.flatMap((v) => (v.kind !== "bind" && v.name === vol.name && v.sizeBytes ? [v.sizeBytes] : [])));
    claims.push({
      volume: vol.name,
      kind: vol.kind,
      retain: vol.retain,
      object: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: {
          name: vol.name,
          namespace,
          labels: { ...stackLabels(stack.name), "shipshape.dev/volume-kind": vol.kind },
          ...(vol.retain ? { annotations: { ...KEEP_ANNOTATIONS } } : {}),
        },
        spec: {
          accessModes: [...(opts.accessModes?.[vol.kind] ?? DEFAULT_ACCESS_MODES[vol.kind])],
          volumeMode: "Filesystem",
          resources: { requests: { storage: bytesQuantity(Math.max(0, ...sizes) || defaultSize) } },
          ...(opts.storageClassName ? { storageClassName: opts.storageClassName } : {}),
        },
      },
    });
  }

  const replicas = svc.replicas;
  const workloadSpec = { replicas, selector: { matchLabels: { ...selector } }, template: pod };
  const workload: ServiceObjects["workload"] = writesData(svc)
    ? // A writer of a data volume: stable identity, one pod at a time on its claim. The claim
      // is standalone (not a volumeClaimTemplate) so Pulumi can retain it and so services
      // can share it; kubernetesIssues refuses more than one writer pod on a ReadWriteOnce claim.
      { kind: "StatefulSet", object: { apiVersion: "apps/v1", kind: "StatefulSet", metadata: meta(svc.name), spec: { serviceName: svc.name, ...workloadSpec } } }
    : { kind: "Deployment", object: { apiVersion: "apps/v1", kind: "Deployment", metadata: meta(svc.name), spec: workloadSpec } };

  return {
    name: svc.name,
    spec: svc,
    serviceAccount: { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(svc.name), automountServiceAccountToken: false },
    ...(svc.secrets.length
      ? {
          secret: {
            object: {
              apiVersion: "v1",
              kind: "Secret",
              type: "Opaque",
              metadata: { ...meta(secretName(svc.name)), annotations: { ...(annotations.annotations ?? {}), [CONFIG_KEYS_ANNOTATION]: JSON.stringify(Object.fromEntries(svc.secrets.map((s) => [s.name, s.configKey]))) } },
            },
            entries: svc.secrets.map((s) => ({ key: s.name, configKey: s.configKey })),
          },
        }
      : {}),
    claims,
    workload,
    ...(svc.ports.length
      ? {
          service: {
            apiVersion: "v1",
            kind: "Service",
            metadata: meta(svc.name),
            spec: {
              // ClusterIP only: a published port is exposed via an Ingress/Gateway or port-forward, never a node or host port.
              type: "ClusterIP",
              selector: { ...selector },
              ports: svc.ports.map((p) => ({ name: p.name ?? `${p.protocol}-${p.container}`, port: p.container, targetPort: p.container, protocol: p.protocol === "udp" ? "UDP" : "TCP" })),
            },
          },
        }
      : {}),
    networkPolicy: servicePolicy(stack, svc, namespace, opts),
    ...(replicas >= 2 ? { podDisruptionBudget: { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: meta(svc.name), spec: { maxUnavailable: 1, selector: { matchLabels: { ...selector } } } } } : {}),
  };
}

/** Claims `svc` mounts that more than one pod uses through a single-node access mode. */
export function colocated(stack: StackSpec, svc: ServiceSpec, opts: KubernetesOptions = {}): string[] {
  return svc.volumes.flatMap((v) => {
    if (v.kind === "bind") return [];
    const modes = opts.accessModes?.[v.kind] ?? DEFAULT_ACCESS_MODES[v.kind];
    if (modes.includes("ReadWriteMany") || modes.includes("ReadOnlyMany")) return [];
    const pods = stack.services.filter((s) => s.volumes.some((o) => o.kind !== "bind" && o.name === v.name)).reduce((n, s) => n + s.replicas, 0);
    return pods > 1 ? [v.name] : [];
  });
}

/** Every object in apply order (namespace first, workloads after what they mount). */
export function objectList(objs: KubernetesObjects, opts: { secrets?: boolean } = {}): KubernetesObject[] {
  const out: KubernetesObject[] = [objs.namespaceObject, ...objs.networkPolicies];
  for (const s of objs.services) {
    out.push(s.serviceAccount);
    if (s.secret && opts.secrets !== false) out.push(s.secret.object);
    out.push(...s.claims.map((c) => c.object));
    if (s.service) out.push(s.service);
    out.push(s.workload.object);
    if (s.podDisruptionBudget) out.push(s.podDisruptionBudget);
    out.push(s.networkPolicy);
  }
  return out;
}
