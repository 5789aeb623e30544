import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { defineStack, serviceNetworks, ServiceInput, ServiceSpec, SpecError, StackSpec, startOrder } from "../spec";
import { baseLabels, engineName, labelList } from "./naming";
import { networkArgs } from "./network-args";
import { missingSecrets, secretsFromConfig } from "./secrets";
import { checkDockerExpressible, DockerService } from "./service";

export interface DockerStackArgs {
  /** The services, as user input or specs. */
  readonly services: ReadonlyArray<ServiceInput | ServiceSpec>;
  /** Prefix of every engine object. @default the component name */
  readonly stackName?: string;
  /** Secret values by service name, then secret name. @default read from the Pulumi config store */
  readonly secretValues?: Readonly<Record<string, Readonly<Record<string, pulumi.Input<string>>>>>;
}

/**
 * A compose-style deployment of several services on one Docker engine (`shipshape:docker:Stack`):
 * internal networks (egress only for services that ask), retained data and model volumes, and
 * the services started in dependency order, each after its dependencies are healthy.
 */
export class DockerStack extends pulumi.ComponentResource {
  public readonly stack: StackSpec;
  public readonly services: Record<string, DockerService>;
  public readonly networks: Record<string, docker.Network>;
  public readonly volumes: Record<string, docker.Volume>;

  constructor(name: string, args: DockerStackArgs, opts?: pulumi.ComponentResourceOptions) {
    const stackName = args.stackName ?? name;
    const stack = defineStack({ name: stackName, services: args.services });
    for (const s of stack.services) checkDockerExpressible(s, stackName);
    // Every secret of every service is found before anything registers: nothing half-applied.
    const secretValues = Object.fromEntries(stack.services.map((s) => [s.name, args.secretValues?.[s.name] ?? secretsFromConfig(s)]));
    const missing = stack.services.flatMap((s) => missingSecrets(s, secretValues[s.name]).map((m) => ({ ...m, path: `services.${s.name}.${m.path}` })));
    if (missing.length) throw new SpecError(`stack "${stackName}"`, missing);
    super("shipshape:docker:Stack", name, {}, opts);
    this.stack = stack;

    this.networks = {};
    for (const n of stack.networks) this.networks[n.name] = new docker.Network(`${name}-${n.name}`, networkArgs(stackName, n, engineName(stackName, n.name)), { parent: this });

    this.volumes = {};
    for (const v of stack.volumes)
      this.volumes[v.name] = new docker.Volume(
        `${name}-${v.name}`,
        { name: engineName(stackName, v.name), labels: labelList({ ...baseLabels(stackName), "shipshape.dev/volume-kind": v.kind }) },
        // Data and models outlive the stack unless every user opted in to deletion.
        { parent: this, retainOnDelete: v.retain },
      );
    const volumeNames = Object.fromEntries(Object.entries(this.volumes).map(([k, v]) => [k, v.name]));

    this.services = {};
    for (const svc of startOrder(stack.services)) {
      const deps = svc.dependsOn.map((d) => this.services[d]);
      this.services[svc.name] = new DockerService(
        `${name}-${svc.name}`,
        {
          service: svc,
          stack: stackName,
          networks: serviceNetworks(svc).map((n) => this.networks[n.name].name),
          volumes: volumeNames,
          secretValues: secretValues[svc.name],
        },
        // Containers wait until healthy on create, so a dependent starts after its dependency is healthy.
        { parent: this, dependsOn: deps },
      );
    }

    this.registerOutputs({ stack: this.stack, services: this.services, networks: this.networks, volumes: this.volumes });
  }
}
