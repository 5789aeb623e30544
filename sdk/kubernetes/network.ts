/**
 * The spec's logical networks as NetworkPolicies. Docker lets services on one internal
 * network reach each other; Kubernetes gets the same graph, made explicit: a service may be
 * called by the services that share a network with it or that list it in `dependsOn`, on its
 * ports only; egress beyond the stack (and DNS) only with `egress: true`.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { ServiceSpec, StackSpec } from "../spec";
import { clonePlain } from "./merge";
import { serviceSelector, stackLabels } from "./names";
import { DEFAULT_DNS_PEER, DEFAULT_INGRESS_FROM, KubernetesOptions, METADATA_CIDRS } from "./options";

type NetworkPolicy = k8s.types.input.networking.v1.NetworkPolicy;
type Rule = k8s.types.input.networking.v1.NetworkPolicyIngressRule;
type EgressRule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

/** Services allowed to call `target`: they share an internal network with it, or depend on it. */
export function callersOf(stack: StackSpec, target: ServiceSpec): ServiceSpec[] {
  return stack.services.filter((s) => s.name !== target.name && (s.dependsOn.includes(target.name) || s.networks.some((n) => target.networks.includes(n))));
}

const portsOf = (svc: ServiceSpec) => svc.ports.map((p) => ({ protocol: p.protocol === "udp" ? "UDP" : "TCP", port: p.container }));
const peer = (stack: string, svc: string) => ({ podSelector: { matchLabels: serviceSelector(stack, svc) } });
const dnsRule = (opts: KubernetesOptions): EgressRule => ({
  to: [clonePlain(opts.dnsPeer ?? DEFAULT_DNS_PEER) as k8s.types.input.networking.v1.NetworkPolicyPeer],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
});

/** The policy of one service; it isolates the service's pods in both directions on its own. */
export function servicePolicy(stack: StackSpec, svc: ServiceSpec, namespace: string, opts: KubernetesOptions = {}): NetworkPolicy {
  const ingress: Rule[] = [];
  const callers = callersOf(stack, svc);
  if (callers.length && svc.ports.length) ingress.push({ from: callers.map((c) => peer(stack.name, c.name)), ports: portsOf(svc) });
  const published = svc.ports.filter((p) => p.published !== undefined);
  if (published.length)
    ingress.push({ from: clonePlain([...(opts.ingressFrom ?? DEFAULT_INGRESS_FROM)]) as Rule["from"], ports: published.map((p) => ({ protocol: p.protocol === "udp" ? "UDP" : "TCP", port: p.container })) });

  const egress: EgressRule[] = [dnsRule(opts)];
  for (const callee of stack.services) if (callee.ports.length && callersOf(stack, callee).includes(svc)) egress.push({ to: [peer(stack.name, callee.name)], ports: portsOf(callee) });
  // A dependency outside this stack (a standalone service): its pods by name, any port.
  for (const d of svc.dependsOn) if (!stack.services.some((s) => s.name === d)) egress.push({ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": d } } }] });
  if (svc.egress)
    egress.push({ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...METADATA_CIDRS] } }, { ipBlock: { cidr: "::/0" } }] });

  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: svc.name, namespace, labels: { ...stackLabels(stack.name), "app.kubernetes.io/name": svc.name } },
    spec: { podSelector: { matchLabels: serviceSelector(stack.name, svc.name) }, policyTypes: ["Ingress", "Egress"], ingress, egress },
  };
}

/** Namespace-wide: deny everything not allowed by a service policy, and let any pod resolve names. */
export function namespacePolicies(stack: string, namespace: string, opts: KubernetesOptions = {}): NetworkPolicy[] {
  const meta = (name: string) => ({ name, namespace, labels: stackLabels(stack) });
  return [
    { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
    { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: meta("allow-dns"), spec: { podSelector: {}, policyTypes: ["Egress"], egress: [dnsRule(opts)] } },
  ];
}
