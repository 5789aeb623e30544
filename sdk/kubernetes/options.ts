/** Target options for the Kubernetes renderer: cluster facts the service spec cannot know. */
import type * as k8s from "@pulumi/kubernetes";

type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

export interface KubernetesOptions {
  /**
   * Namespace of every object; the stack creates it, labelled to enforce restricted PSS.
   * @default the stack name (a standalone KubernetesService: the service name)
   */
  readonly namespace?: string;
  /** Storage class of the claims. @default the cluster's default class */
  readonly storageClassName?: string;
  /**
   * Access modes of the claims. Data: one claim with one writer pod (ReadWriteOnce) unless
   * you give a ReadWriteMany class; models: mounted read-only.
   * @default { data: ["ReadWriteOnce"], models: ["ReadWriteOnce"] }
   */
  readonly accessModes?: { readonly data?: readonly string[]; readonly models?: readonly string[] };
  /** Size of a claim whose volume gives none. @default "10Gi" */
  readonly defaultVolumeSize?: string;
  /**
   * Who may reach a service's published ports (the spec's `ingress` network): on Kubernetes
   * a published port is exposed through an Ingress or Gateway, not a host port.
   * @default pods in the namespace `ingress-nginx`
   */
  readonly ingressFrom?: readonly Peer[];
  /** The cluster DNS every pod may query. @default kube-dns pods in kube-system, port 53 */
  readonly dnsPeer?: Peer;
  /**
   * Run pods in their own user namespace (`hostUsers: false`, RULES.md SS017). Needs the
   * UserNamespacesSupport feature and a runtime with idmapped mounts, so it is opt-in.
   * @default false
   */
  readonly userNamespaces?: boolean;
}

export const DEFAULT_INGRESS_FROM: readonly Peer[] = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }];
export const DEFAULT_DNS_PEER: Peer = {
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
  podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};
export const DEFAULT_VOLUME_SIZE = "10Gi";
export const DEFAULT_ACCESS_MODES = { data: ["ReadWriteOnce"], models: ["ReadWriteOnce"] } as const;
/** Cloud metadata endpoints stay unreachable even for services with egress. */
export const METADATA_CIDRS = ["169.254.169.254/32"] as const;
