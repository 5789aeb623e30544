/**
 * `KubernetesService` (`shipshape:kubernetes:Service`): one service as restricted-PSS
 * Kubernetes resources, created from the same plain objects `renderKubernetes` prints.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceInput, ServiceSpec, StackSpec } from "../spec";
import { normalizeService } from "./inputs";
import { kubernetesObjects, ServiceObjects, singleServiceStack } from "./objects";
import type { KubernetesOptions } from "./options";

export interface KubernetesServiceArgs extends KubernetesOptions {
  /** The service, as input or already normalized by `defineService`. */
  readonly service: ServiceInput | ServiceSpec;
  /**
   * The stack it belongs to: who may call it, which claims it owns.
   * @default a stack of this service alone, in `namespace` (default: the service name)
   */
  readonly stack?: StackSpec;
  /** Objects already built by `kubernetesObjects` (KubernetesStack passes them; skips a rebuild). */
  readonly objects?: ServiceObjects;
}

/** Reads a secret from the Pulumi config store: `key` or `namespace:key`. */
export function configSecret(configKey: string): pulumi.Output<string> {
  const i = configKey.indexOf(":");
  return i > 0 ? new pulumi.Config(configKey.slice(0, i)).requireSecret(configKey.slice(i + 1)) : new pulumi.Config().requireSecret(configKey);
}

export class KubernetesService extends pulumi.ComponentResource {
  public readonly serviceAccount: k8s.core.v1.ServiceAccount;
  /** Holds the `/run/secrets` files; its data comes from config secrets and stays secret in state. */
  public readonly secret?: k8s.core.v1.Secret;
  /** Claims this service owns (data claims retained on delete unless the volume opts out; models always). */
  public readonly claims: k8s.core.v1.PersistentVolumeClaim[];
  /** A StatefulSet when the service writes a data volume, else a Deployment. */
  public readonly workload: k8s.apps.v1.Deployment | k8s.apps.v1.StatefulSet;
  public readonly service?: k8s.core.v1.Service;
  public readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  public readonly podDisruptionBudget?: k8s.policy.v1.PodDisruptionBudget;
  /** In-cluster DNS name of the Service (`<service>.<namespace>.svc`), when it has ports. */
  public readonly host?: string;

  constructor(name: string, args: KubernetesServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before registering anything, so bad input leaves nothing half-applied.
    const objs = args.objects ?? ownObjects(args);
    const stringData = objs.secret ? pulumi.secret(pulumi.all(Object.fromEntries(objs.secret.entries.map((e) => [e.key, configSecret(e.configKey)])))) : undefined;
    super("shipshape:kubernetes:Service", name, {}, opts);
    // Children do not inherit the component's dependsOn (e.g. on the namespace); pass it on.
    const base: pulumi.CustomResourceOptions = { parent: this, ...(opts?.dependsOn ? { dependsOn: opts.dependsOn } : {}) };

    this.serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, objs.serviceAccount, base);
    if (objs.secret) {
      this.secret = new k8s.core.v1.Secret(`${name}-secret`, { ...objs.secret.object, stringData }, base);
    }
    this.claims = objs.claims.map((c) => new k8s.core.v1.PersistentVolumeClaim(`${name}-claim-${c.volume}`, c.object, { ...base, retainOnDelete: c.retain }));

    const needs = [this.serviceAccount, ...(this.secret ? [this.secret] : []), ...this.claims];
    const workloadOpts = { ...base, dependsOn: [...toArray(base.dependsOn), ...needs] };
    this.workload =
      objs.workload.kind === "StatefulSet"
        ? new k8s.apps.v1.StatefulSet(name, objs.workload.object, workloadOpts)
        : new k8s.apps.v1.Deployment(name, objs.workload.object, workloadOpts);
    if (objs.service) {
      this.service = new k8s.core.v1.Service(`${name}-svc`, objs.service, base);
      const meta = objs.service.metadata as { name: string; namespace: string };
      this.host = `${meta.name}.${meta.namespace}.svc`;
    }
    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(`${name}-netpol`, objs.networkPolicy, base);
    if (objs.podDisruptionBudget) this.podDisruptionBudget = new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, objs.podDisruptionBudget, base);

    this.registerOutputs({
      serviceAccount: this.serviceAccount,
      secret: this.secret,
      claims: this.claims,
      workload: this.workload,
      service: this.service,
      networkPolicy: this.networkPolicy,
      podDisruptionBudget: this.podDisruptionBudget,
      host: this.host,
    });
  }
}

function ownObjects(args: KubernetesServiceArgs): ServiceObjects {
  const spec = normalizeService(args.service);
  const stack = args.stack ?? singleServiceStack(spec, args.namespace ?? spec.name);
  const objs = kubernetesObjects(stack, args);
  const mine = objs.services.find((s) => s.name === spec.name);
  if (!mine) throw new Error(`service "${spec.name}" is not in stack "${stack.name}"; pass the stack it belongs to.`);
  return mine;
}

/** `dependsOn` as a list (Pulumi resolves an Output or Promise element that holds a list). */
function toArray(x: pulumi.ResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x as pulumi.Input<pulumi.Resource>];
}
