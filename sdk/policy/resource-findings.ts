/**
 * Every catalog finding one resource's inputs show, whatever its type. Each policy filters
 * this by its own rule, so the pack, the test helpers and the audit share one evaluation.
 */
import { fromDockerContainerArgs } from "../checks/adapters/docker-container";
import { CheckConfig, evaluatePosture, RelaxedFinding } from "../checks/container-rules";
import { finding, Finding } from "../rules";
import { SENSITIVE_HOST_PATHS } from "../spec/defaults";
import { buildArgFindings, buildImageFindings, imageRefFindings } from "./image-findings";
import { kubernetesWorkloadFindings } from "./kubernetes";
import { KUBERNETES_WORKLOADS, TYPES } from "./resource-types";
import { knownProps } from "./unknowns";

export interface ResourceFindings {
  readonly findings: Finding[];
  readonly relaxed: RelaxedFinding[];
}

/** Annotation a Kubernetes Service needs to be NodePort / LoadBalancer / use externalIPs. */
export const SERVICE_REASON_ANNOTATION = "shipshape.dev/reason";
/** Network label naming its role; ingress and egress networks are deliberately not internal. */
export const NETWORK_ROLE_LABEL = "shipshape.dev/network-role";

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Obj) : {});
const labelsOf = (x: unknown): Record<string, string> =>
  Array.isArray(x) ? Object.fromEntries(x.map(obj).filter((l) => typeof l.label === "string").map((l) => [l.label as string, String(l.value ?? "")])) : {};
const none: ResourceFindings = { findings: [], relaxed: [] };

function networkFindings(props: Obj, at: string): Finding[] {
  const out: Finding[] = [];
  const labels = labelsOf(props.labels);
  if (props.driver === "host") out.push(finding("SS013", at, "is a host-driver network: containers on it share the host's network stack."));
  const role = labels[NETWORK_ROLE_LABEL];
  const reason = labels["shipshape.dev/relax.egress"];
  if (props.internal !== true && role !== "ingress" && role !== "egress" && !reason)
    out.push(finding("SS027", at, "is not internal: containers on it can reach the internet.", `Set internal: true, or label it ${NETWORK_ROLE_LABEL}=ingress|egress (or shipshape.dev/relax.egress=<reason>) when that is the point.`));
  return out;
}

function volumeFindings(props: Obj, at: string): Finding[] {
  const opts = obj(props.driverOpts);
  const device = typeof opts.device === "string" ? opts.device.replace(/\/+$/, "") || "/" : undefined;
  if (!device || !/\bbind\b/.test(String(opts.o ?? ""))) return [];
  if (/(docker|containerd|podman)\.sock$/.test(device) || device === "/var/run" || device === "/run") return [finding("SS019", at, `is a bind of the engine socket directory ${device} in disguise.`)];
  if ((SENSITIVE_HOST_PATHS as readonly string[]).some((p) => device === p || (p !== "/" && device.startsWith(`${p}/`)))) return [finding("SS018", at, `binds the sensitive host path ${device} (driverOpts o=bind).`)];
  return [];
}

function serviceFindings(props: Obj, at: string): Finding[] {
  const spec = obj(props.spec);
  const annotations = obj(obj(props.metadata).annotations);
  const reason = typeof annotations[SERVICE_REASON_ANNOTATION] === "string" && (annotations[SERVICE_REASON_ANNOTATION] as string).trim().length >= 8;
  if (reason) return [];
  const out: Finding[] = [];
  const fix = `Use a ClusterIP Service behind an Ingress, or annotate ${SERVICE_REASON_ANNOTATION} with the reason it must be reachable from outside the cluster.`;
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") out.push(finding("SS024", at, `is of type ${spec.type}: it opens a port on every node or a public load balancer.`, fix));
  if (Array.isArray(spec.externalIPs) && spec.externalIPs.length) out.push(finding("SS024", at, `sets externalIPs (${spec.externalIPs.join(", ")}).`, fix));
  return out;
}

/** All findings of one resource; unknown types give none. */
export function resourceFindings(type: string, props: Readonly<Record<string, unknown>>, at: string, config: CheckConfig = {}, name = at, unknown: readonly string[] = []): ResourceFindings {
  const p = props as Obj;
  switch (type) {
    case TYPES.container:
      return evaluatePosture(fromDockerContainerArgs(name, props, at, unknown), config);
    case TYPES.dockerImage:
      return { findings: [...(typeof p.imageName === "string" ? imageRefFindings(p.imageName, at, config, "imageName") : []), ...buildArgFindings(obj(p.build).args, at)], relaxed: [] };
    case TYPES.remoteImage:
      return { findings: [...(typeof p.name === "string" ? imageRefFindings(p.name, at, config) : []), ...buildArgFindings(obj(p.build).buildArgs, at)], relaxed: [] };
    case TYPES.buildImage:
      return { findings: buildImageFindings(props, at, config), relaxed: [] };
    case TYPES.network:
      return { findings: networkFindings(p, at), relaxed: [] };
    case TYPES.volume:
      return { findings: volumeFindings(p, at), relaxed: [] };
    case TYPES.service:
      return { findings: serviceFindings(p, at), relaxed: [] };
    default:
      return KUBERNETES_WORKLOADS.includes(type) ? kubernetesWorkloadFindings(type, props, at, config) : none;
  }
}

const cache = new WeakMap<object, Map<string, ResourceFindings>>();

/**
 * `resourceFindings` for CrossGuard-shaped args (props possibly behind the unknown-checking
 * proxy), memoized per props object and config, since every policy asks about the same resource.
 */
export function findingsForResource(type: string, props: Readonly<Record<string, unknown>>, at: string, config: CheckConfig = {}, name = at): ResourceFindings {
  let byKey = cache.get(props);
  if (!byKey) cache.set(props, (byKey = new Map()));
  const key = JSON.stringify([type, at, name, config]);
  let r = byKey.get(key);
  if (!r) {
    const known = knownProps(props);
    byKey.set(key, (r = resourceFindings(type, known.value, at, config, name, known.unknown)));
  }
  return r;
}
