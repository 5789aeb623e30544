import type * as docker from "@pulumi/docker";
import type { StackNetwork } from "../spec";
import { baseLabels, labelList } from "./naming";

/** Bridge option that turns off NAT to the outside world for a network. */
export const NO_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";

/**
 * Network args by role:
 * - internal: `internal: true`, no route out at all (RULES.md SS027);
 * - ingress: where published ports land. Docker cannot publish ports of a container that is
 *   only on internal networks, so this is a bridge with masquerading turned off: the host's
 *   port proxy reaches the container, but traffic from it is never NATed out;
 * - egress: an ordinary bridge, only for services that set `relax.egress` with a reason.
 */
export function networkArgs(stack: string, net: StackNetwork, engineName: string): docker.NetworkArgs {
  const labels = labelList({ ...baseLabels(stack), "shipshape.dev/network-role": net.role });
  if (net.role === "internal") return { name: engineName, driver: "bridge", internal: true, labels };
  if (net.role === "ingress") return { name: engineName, driver: "bridge", internal: false, options: { [NO_MASQUERADE]: "false" }, labels };
  return { name: engineName, driver: "bridge", internal: false, labels };
}
