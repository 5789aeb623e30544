/**
 * The same 200 containers as hand-written `@pulumi/docker` resources: the args come from the
 * SDK's own pure functions (containerArgs, seederArgs, networkArgs) computed *before* timing,
 * so the raw variant registers exactly the inputs a team would have typed by hand, with the
 * same resource options (deleteBeforeReplace, replaceOnChanges, retainOnDelete, dependsOn).
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { baseLabels, containerArgs, engineName, labelList, networkArgs, seederArgs } from "../../sdk/docker";
import { defineStack, serviceNetworks, ServiceInput, startOrder } from "../../sdk/spec";

interface RawService {
  readonly name: string;
  readonly networks: string[];
  readonly volumes: string[];
  readonly dependsOn: string[];
  readonly secretsVolume?: docker.VolumeArgs;
  readonly seeder?: docker.ContainerArgs;
  readonly container: docker.ContainerArgs;
}

export interface RawPlan {
  readonly networks: [string, docker.NetworkArgs][];
  readonly volumes: [string, docker.VolumeArgs, boolean][];
  readonly services: RawService[];
}

/** Untimed: the literal args. Needs the Pulumi runtime (secrets are Outputs), so call it after setMocks. */
export function rawPlan(stackName: string, services: readonly ServiceInput[], secretValues: Record<string, Record<string, string>>): RawPlan {
  const stack = defineStack({ name: stackName, services });
  const networks: [string, docker.NetworkArgs][] = stack.networks.map((n) => [n.name, networkArgs(stackName, n, engineName(stackName, n.name))]);
  const volumes: [string, docker.VolumeArgs, boolean][] = stack.volumes.map((v) => [
    v.name,
    { name: engineName(stackName, v.name), labels: labelList({ ...baseLabels(stackName), "shipshape.dev/volume-kind": v.kind }) },
    v.retain,
  ]);
  const volumeNames = Object.fromEntries(stack.volumes.map((v) => [v.name, engineName(stackName, v.name)]));
  const raw = startOrder(stack.services).map((spec): RawService => {
    const secretsVolumeName = spec.secrets.length ? engineName(stackName, spec.name, "secrets") : undefined;
    const nets = serviceNetworks(spec).map((n) => n.name);
    return {
      name: spec.name,
      networks: nets,
      volumes: spec.volumes.flatMap((v) => (v.kind === "bind" ? [] : [v.name])),
      dependsOn: [...spec.dependsOn],
      ...(secretsVolumeName
        ? {
            secretsVolume: { name: secretsVolumeName, labels: labelList({ ...baseLabels(stackName, spec.name), "shipshape.dev/volume-kind": "secrets" }) },
            seeder: seederArgs(spec, { containerName: engineName(stackName, spec.name, "secrets-seeder"), stack: stackName, image: spec.image, secretsVolume: secretsVolumeName, values: secretValues[spec.name] }),
          }
        : {}),
      container: containerArgs(spec, { containerName: engineName(stackName, spec.name), stack: stackName, image: spec.image, networks: nets.map((n) => engineName(stackName, n)), volumes: volumeNames, secretsVolume: secretsVolumeName }),
    };
  });
  return { networks, volumes, services: raw };
}

/** Timed: register the resources, as a hand-written program would. */
export function registerRaw(stackName: string, plan: RawPlan): void {
  const networks = new Map(plan.networks.map(([n, args]) => [n, new docker.Network(`${stackName}-${n}`, args)]));
  const volumes = new Map(plan.volumes.map(([n, args, retain]) => [n, new docker.Volume(`${stackName}-${n}`, args, { retainOnDelete: retain })]));
  const containers = new Map<string, docker.Container>();
  for (const s of plan.services) {
    const base: pulumi.Resource[] = [...s.networks.map((n) => networks.get(n)!), ...s.volumes.map((v) => volumes.get(v)!), ...s.dependsOn.map((d) => containers.get(d)!)];
    let seeder: docker.Container | undefined;
    if (s.secretsVolume && s.seeder) {
      const vol = new docker.Volume(`${stackName}-${s.name}-secrets`, s.secretsVolume);
      seeder = new docker.Container(`${stackName}-${s.name}-secrets-seeder`, s.seeder, { deleteBeforeReplace: true, dependsOn: [vol] });
    }
    containers.set(
      s.name,
      new docker.Container(`${stackName}-${s.name}`, s.container, { deleteBeforeReplace: true, replaceOnChanges: ["healthcheck"], dependsOn: seeder ? [...base, seeder] : base }),
    );
  }
}
