/**
 * `KubernetesStack` (`shipshape:kubernetes:Stack`): a namespace that enforces restricted Pod
 * Security, the namespace-wide network policies, and one KubernetesService per service.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StackInput, StackSpec } from "../spec";
import { normalizeStack } from "./inputs";
import { KubernetesObjects, kubernetesObjects } from "./objects";
import type { KubernetesOptions } from "./options";
import { configSecret, KubernetesService } from "./service";

export interface KubernetesStackArgs extends KubernetesOptions {
  /** The stack, as input or already normalized by `defineStack`. */
  readonly stack: StackInput | StackSpec;
}

export class KubernetesStack extends pulumi.ComponentResource {
  public readonly namespace: k8s.core.v1.Namespace;
  /** `default-deny` and `allow-dns`. */
  public readonly networkPolicies: k8s.networking.v1.NetworkPolicy[];
  public readonly services: Record<string, KubernetesService>;
  /** The plain objects the resources were made from (the same as `renderKubernetes` prints). */
  public readonly objects: KubernetesObjects;

  constructor(name: string, args: KubernetesStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before registering anything, so bad input leaves nothing half-applied.
    const objects = kubernetesObjects(normalizeStack(args.stack), args);
    for (const s of objects.services) for (const e of s.secret?.entries ?? []) configSecret(e.configKey); // a missing key fails here
    super("shipshape:kubernetes:Stack", name, {}, opts);
    this.objects = objects;

    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, this.objects.namespaceObject, { parent: this });
    const inNs = { parent: this, dependsOn: [this.namespace] };
    this.networkPolicies = this.objects.networkPolicies.map((p) => new k8s.networking.v1.NetworkPolicy(`${name}-${(p.metadata as { name: string }).name}`, p, inNs));
    this.services = {};
    for (const s of this.objects.services) this.services[s.name] = new KubernetesService(`${name}-${s.name}`, { service: s.spec, objects: s }, inNs);

    this.registerOutputs({ namespace: this.namespace, networkPolicies: this.networkPolicies, services: this.services, objects: this.objects });
  }
}
