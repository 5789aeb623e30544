import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { defineService, serviceNetworks, ServiceInput, ServiceSpec, SpecError } from "../spec";
import { containerArgs } from "./container-args";
import { engineName, baseLabels, labelList } from "./naming";
import { networkArgs } from "./network-args";
import { missingSecrets, secretsFromConfig, seederArgs } from "./secrets";

export interface DockerServiceArgs {
  /** The service: user input (validated here) or a spec from `defineService`. */
  readonly service: ServiceInput | ServiceSpec;
  /** Prefix of engine object names. @default the component name */
  readonly stack?: string;
  /** Engine networks to join. @default networks created for this service (internal, plus ingress/egress as needed) */
  readonly networks?: readonly pulumi.Input<string>[];
  /** Engine volume names by logical volume name. @default volumes created here, retained on destroy */
  readonly volumes?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Secret values by secret name. @default `config.requireSecret(secret.configKey)` for each */
  readonly secretValues?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * One hardened service on a Docker engine (`shipshape:docker:Service`): its container (one per
 * replica), the read-only secrets volume and its seeder, and — when used alone — its own
 * networks and retained data/model volumes.
 */
export class DockerService extends pulumi.ComponentResource {
  /** The normalized spec this component deployed. */
  public readonly spec: ServiceSpec;
  /** Escape hatch: the raw containers (one per replica). */
  public readonly containers: docker.Container[];
  /** The first (or only) container. */
  public readonly container: docker.Container;
  public readonly containerNames: pulumi.Output<string[]>;
  public readonly secretsVolume?: docker.Volume;
  public readonly networks: docker.Network[];
  public readonly volumes: docker.Volume[];

  constructor(name: string, args: DockerServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before registering anything, so bad input leaves nothing half-applied.
    const spec = defineService(args.service);
    const stack = args.stack ?? name;
    checkDockerExpressible(spec, stack);
    const secretValues = args.secretValues ?? secretsFromConfig(spec);
    const missing = missingSecrets(spec, secretValues);
    if (missing.length) throw new SpecError(`service "${spec.name}"`, missing);
    super("shipshape:docker:Service", name, {}, opts);
    this.spec = spec;

    this.networks = [];
    let networkNames = args.networks;
    if (!networkNames) {
      networkNames = serviceNetworks(spec).map((n) => {
        const engine = engineName(stack, n.name === "default" ? `${spec.name}-net` : n.name);
        const net = new docker.Network(`${name}-${n.name}`, networkArgs(stack, n, engine), { parent: this });
        this.networks.push(net);
        return net.name;
      });
    }

    this.volumes = [];
    const volumeNames: Record<string, pulumi.Input<string>> = { ...(args.volumes ?? {}) };
    for (const v of spec.volumes) {
      if (v.kind === "bind" || volumeNames[v.name] !== undefined) continue;
      const vol = new docker.Volume(
        `${name}-${v.name}`,
        { name: engineName(stack, v.name), labels: labelList({ ...baseLabels(stack, spec.name), "shipshape.dev/volume-kind": v.kind }) },
        { parent: this, retainOnDelete: v.kind === "models" || v.retain },
      );
      this.volumes.push(vol);
      volumeNames[v.name] = vol.name;
    }

    let seeder: docker.Container | undefined;
    if (spec.secrets.length) {
      this.secretsVolume = new docker.Volume(
        `${name}-secrets`,
        { name: engineName(stack, spec.name, "secrets"), labels: labelList({ ...baseLabels(stack, spec.name), "shipshape.dev/volume-kind": "secrets" }) },
        { parent: this },
      );
      seeder = new docker.Container(
        `${name}-secrets-seeder`,
        seederArgs(spec, { containerName: engineName(stack, spec.name, "secrets-seeder"), stack, image: spec.image, secretsVolume: this.secretsVolume.name, values: secretValues }),
        { parent: this, deleteBeforeReplace: true },
      );
    }

    this.containers = [];
    for (let i = 0; i < spec.replicas; i++) {
      const suffix = spec.replicas > 1 ? [spec.name, i + 1] : [spec.name];
      const c = new docker.Container(
        spec.replicas > 1 ? `${name}-${i + 1}` : name,
        containerArgs(spec, { containerName: engineName(stack, ...suffix), stack, image: spec.image, networks: networkNames, volumes: volumeNames, secretsVolume: this.secretsVolume?.name }),
        {
          parent: this,
          // Fixed names and host ports collide under create-before-delete.
          deleteBeforeReplace: true,
          // The Engine ignores in-place healthcheck edits; only a new container picks them up.
          replaceOnChanges: ["healthcheck"],
          ...(seeder ? { dependsOn: [seeder] } : {}),
        },
      );
      this.containers.push(c);
    }
    this.container = this.containers[0];
    this.containerNames = pulumi.all(this.containers.map((c) => c.name));

    this.registerOutputs({
      spec: this.spec,
      containers: this.containers,
      container: this.container,
      containerNames: this.containerNames,
      secretsVolume: this.secretsVolume,
      networks: this.networks,
      volumes: this.volumes,
    });
  }
}

/** What a valid spec can still not do on one Docker host. */
export function checkDockerExpressible(spec: ServiceSpec, stack: string): void {
  const issues = [];
  if (spec.replicas > 1 && spec.ports.some((p) => p.published !== undefined))
    issues.push({ path: "replicas", message: `${spec.replicas} replicas cannot share published host ports on one Docker host; use replicas: 1, or drop "published" and put a proxy in front.` });
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(stack)) issues.push({ path: "stack", message: `${JSON.stringify(stack)} is not a valid name prefix; use a lower-case DNS label.` });
  if (issues.length) throw new SpecError(`service "${spec.name}" on Docker`, issues);
}
