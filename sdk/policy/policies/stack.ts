/**
 * Stack policies: what one resource cannot show. They read the whole stack's resources
 * (CrossGuard's `validateStack`), so they also catch what was unknown during a resource's
 * own analysis (a host IP from an Output).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { fromDockerContainerArgs } from "../../checks/adapters/docker-container";
import { RELAX_LABEL_PREFIX } from "../../checks/posture";
import type { ContainerPosture } from "../../checks/posture";
import { rule, upstreamIds } from "../../rules";
import { levelForSeverity } from "../rule-policy";
import { TYPES } from "../resource-types";
import { knownProps } from "../unknowns";

export interface ShipshapeStackPolicy extends StackValidationPolicy {
  readonly ruleId?: string;
  readonly upstreamIds: readonly string[];
}

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Obj) : {});
const containersOf = (args: StackValidationArgs): Array<{ r: PolicyResource; p: ContainerPosture; props: Obj }> =>
  args.resources
    .filter((r) => r.type === TYPES.container)
    .map((r) => {
      const k = knownProps(r.props);
      return { r, props: k.value, p: fromDockerContainerArgs(r.name, k.value, r.urn, k.unknown) };
    });
const nameOf = (r: PolicyResource): string | undefined => {
  const n = knownProps(r.props).value.name;
  return typeof n === "string" ? n : undefined;
};

function stackPolicy(
  name: string,
  ruleKey: string | undefined,
  severity: "critical" | "high" | "medium" | "low",
  description: string,
  remediationSteps: string,
  validateStack: (args: StackValidationArgs, report: ReportViolation) => void,
): ShipshapeStackPolicy {
  const r = ruleKey ? rule(ruleKey) : undefined;
  return {
    name,
    description,
    enforcementLevel: levelForSeverity(severity),
    severity,
    remediationSteps,
    tags: r ? [r.id, ...upstreamIds(r), "stack"] : ["stack"],
    validateStack,
    ...(r ? { ruleId: r.id } : {}),
    upstreamIds: r ? upstreamIds(r) : [],
  };
}

/** A docker Volume that no container mounts: data kept for nothing, or a typo in a mount. */
export const volumeInUse = stackPolicy(
  "volume-in-use",
  undefined,
  "low",
  "Every Docker volume of the stack is mounted by at least one container.",
  "Mount the volume where it is needed, or remove it (after backing its data up: Shipshape retains data volumes).",
  (args, report) => {
    const used = new Set<string>();
    for (const { p } of containersOf(args)) for (const m of p.mounts ?? []) if (m.type === "volume" && m.source) used.add(m.source);
    for (const r of args.resources.filter((x) => x.type === TYPES.volume)) {
      const n = nameOf(r);
      if (n !== undefined && !used.has(n)) report(`volume ${n} is mounted by no container of the stack.`, r.urn);
    }
  },
);

/** Published on every interface without a written reason (also when the IP was unknown at preview). */
export const publishedPortsHaveReason = stackPolicy(
  "published-ports-have-reason",
  "SS024",
  "high",
  "A port published on every interface (0.0.0.0) carries a reason label shipshape.dev/relax.publicPorts.",
  `Bind the port to 127.0.0.1, or label the container ${RELAX_LABEL_PREFIX}publicPorts=<the reason it must be reachable from other hosts>.`,
  (args, report) => {
    for (const { r, p } of containersOf(args)) {
      if (p.relaxations?.publicPorts) continue;
      const open = (p.ports ?? []).filter((x) => (x.published !== undefined || x.publishedRandom) && (x.hostIp === undefined || ["", "0.0.0.0", "::", "[::]"].includes(x.hostIp)));
      if (open.length)
        report(`container ${r.name} publishes ${open.map((x) => `${x.published ?? "(random)"}→${x.container}`).join(", ")} on 0.0.0.0 with no ${RELAX_LABEL_PREFIX}publicPorts reason label. [SS024, CIS 5.14]`, r.urn);
    }
  },
);

/**
 * `nproc` is counted per UID across the whole host, so containers sharing a UID share one PID
 * budget: one fork bomb starves the others (the @pulumi/docker pidsLimit gap, DESIGN.md).
 */
export const uniqueUidPerService = stackPolicy(
  "unique-uid-per-service",
  "SS030",
  "medium",
  "Containers limited by an nproc ulimit run as distinct UIDs, so each has its own PID budget.",
  "Give each service its own UID (user: \"10001:10001\", \"10002:10002\", …).",
  (args, report) => {
    const byUid = new Map<number, string[]>();
    const urns = new Map<number, string[]>();
    for (const { r, p, props } of containersOf(args)) {
      // A container that is created but never started (a secret seeder) runs no process.
      if (props.start === false) continue;
      if (p.nprocLimit === undefined || p.pidsLimit !== undefined || p.uid === undefined) continue;
      byUid.set(p.uid, [...(byUid.get(p.uid) ?? []), r.name]);
      urns.set(p.uid, [...(urns.get(p.uid) ?? []), r.urn]);
    }
    for (const [uid, names] of byUid)
      if (names.length > 1)
        for (const urn of urns.get(uid)!) report(`containers ${names.join(", ")} all run as UID ${uid}, so their nproc limits share one PID budget. [SS030, CIS 5.29]`, urn);
  },
);

/** An internal network nothing joins: dead config, or a service meant to join it does not. */
export const internalNetworkInUse = stackPolicy(
  "internal-network-in-use",
  "SS027",
  "low",
  "Every internal Docker network of the stack has at least one container on it.",
  "Attach the services that should talk over it (networksAdvanced), or remove the network.",
  (args, report) => {
    const joined = new Set<string>();
    for (const { props } of containersOf(args)) for (const n of Array.isArray(props.networksAdvanced) ? props.networksAdvanced : []) if (typeof obj(n).name === "string") joined.add(obj(n).name as string);
    for (const r of args.resources.filter((x) => x.type === TYPES.network)) {
      const k = knownProps(r.props).value;
      const n = typeof k.name === "string" ? k.name : undefined;
      if (k.internal === true && n !== undefined && !joined.has(n)) report(`internal network ${n} has no container on it.`, r.urn);
    }
  },
);

/** Replicated Kubernetes workloads need a PodDisruptionBudget to survive a node drain (SS034). */
export const disruptionBudget = stackPolicy(
  "disruption-budget",
  "SS034",
  "low",
  "Every Deployment or StatefulSet with two or more replicas is covered by a PodDisruptionBudget.",
  "Add a PodDisruptionBudget (minAvailable: 1) whose selector matches the workload's pods.",
  (args, report) => {
    const pdbs = args.resources.filter((r) => r.type === "kubernetes:policy/v1:PodDisruptionBudget").map((r) => obj(obj(obj(knownProps(r.props).value.spec).selector).matchLabels));
    for (const r of args.resources.filter((x) => x.type === TYPES.deployment || x.type === TYPES.statefulSet)) {
      const spec = obj(knownProps(r.props).value.spec);
      const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
      if (replicas < 2) continue;
      const labels = obj(obj(obj(spec.template).metadata).labels);
      const covered = pdbs.some((m) => Object.keys(m).length > 0 && Object.entries(m).every(([k, v]) => labels[k] === v));
      if (!covered) report(`${r.name} runs ${replicas} replicas with no PodDisruptionBudget selecting its pods.`, r.urn);
    }
  },
);

export const stackPolicies = [volumeInUse, publishedPortsHaveReason, uniqueUidPerService, internalNetworkInUse, disruptionBudget];
