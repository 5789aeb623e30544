/** Build a team stack's services for a target and deploy them with the matching component. */
import * as pulumi from "@pulumi/pulumi";
import { DockerStack } from "../sdk/docker";
import { KubernetesStack } from "../sdk/kubernetes";
import type { ServiceInput } from "../sdk/spec";
import type { StackSettings } from "./config";
import type { ServiceContext, TeamStack } from "./types";

/** The services of a team stack as the spec's input, for one target and image set. */
export function buildServices(team: TeamStack, ctx: ServiceContext): ServiceInput[] {
  return team.services.map((f) => f(ctx));
}

export interface Deployment {
  readonly component: DockerStack | KubernetesStack;
  readonly services: ServiceInput[];
  /** Where each published port is reached: `http://127.0.0.1:<port>` on Docker, the in-cluster DNS name on Kubernetes. */
  readonly endpoints: Record<string, string[]>;
}

export function deploy(settings: StackSettings, opts?: pulumi.ComponentResourceOptions): Deployment {
  const { team, target, images } = settings;
  const services = buildServices(team, { images, target });
  if (target === "kubernetes") {
    const component = new KubernetesStack(team.name, { stack: { name: team.name, services }, ...settings.kubernetes }, opts);
    const endpoints: Record<string, string[]> = {};
    for (const s of services) {
      const host = component.services[s.name]?.host;
      const ports = (s.ports ?? []).map((p) => (typeof p === "number" ? p : p.container));
      if (host && ports.length) endpoints[s.name] = ports.map((p) => `${host}:${p}`);
    }
    return { component, services, endpoints };
  }
  const component = new DockerStack(team.name, { services }, opts);
  const endpoints: Record<string, string[]> = {};
  for (const spec of component.stack.services) {
    const published = spec.ports.filter((p) => p.published !== undefined).map((p) => `http://${p.hostIp}:${p.published}`);
    if (published.length) endpoints[spec.name] = published;
  }
  return { component, services, endpoints };
}
