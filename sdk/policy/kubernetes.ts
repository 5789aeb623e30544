/**
 * Kubernetes workloads → findings: Pod Security Standards (restricted) from
 * sdk/kubernetes/pss.ts, plus the catalog rules PSS does not cover (resources, probes,
 * read-only root, image pinning, secrets in env, service-account token, UID >= 10000) from
 * the shared posture checks. Per rule, PSS findings win when both report it, so a broken
 * control is reported once.
 */
import { CheckConfig, evaluatePosture, RelaxedFinding } from "../checks/container-rules";
import { fromKubernetesPodSpec } from "../checks/adapters/kubernetes-pod";
import { checkPodSecurity } from "../kubernetes/pss";
import type { Finding } from "../rules";
import { RELAXATIONS } from "../spec/schema";
import { TYPES } from "./resource-types";

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Obj) : {});

export interface PodTemplate {
  readonly spec: Obj;
  readonly annotations: Record<string, string>;
  readonly replicas?: number;
}

/** The pod spec (and template annotations, replicas) of a workload's inputs. */
export function podTemplateOf(type: string, props: Readonly<Record<string, unknown>>): PodTemplate | undefined {
  const spec = obj(props.spec);
  const strMap = (x: unknown) => Object.fromEntries(Object.entries(obj(x)).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const metaAnn = strMap(obj(props.metadata).annotations);
  switch (type) {
    case TYPES.pod:
      return { spec, annotations: metaAnn };
    case TYPES.cronJob: {
      const tpl = obj(obj(obj(obj(spec.jobTemplate).spec).template));
      return { spec: obj(tpl.spec), annotations: { ...metaAnn, ...strMap(obj(tpl.metadata).annotations) } };
    }
    case TYPES.deployment:
    case TYPES.statefulSet:
    case TYPES.replicaSet: {
      const tpl = obj(spec.template);
      const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
      return { spec: obj(tpl.spec), annotations: { ...metaAnn, ...strMap(obj(tpl.metadata).annotations) }, replicas };
    }
    case TYPES.daemonSet:
    case TYPES.job: {
      const tpl = obj(spec.template);
      return { spec: obj(tpl.spec), annotations: { ...metaAnn, ...strMap(obj(tpl.metadata).annotations) } };
    }
    default:
      return undefined;
  }
}

/** Rules about the pod or workload, not one container: their messages name no container. */
const POD_LEVEL = new Set(["SS034", "SS038"]);

const RELAX_RULES: Record<string, string[]> = { ...Object.fromEntries(Object.entries(RELAXATIONS).map(([k, v]) => [k, [v]])), unboundedResources: ["SS028", "SS029", "SS030", "SS031"] };

/** Every finding for one Kubernetes workload, relaxed ones apart. */
export function kubernetesWorkloadFindings(type: string, props: Readonly<Record<string, unknown>>, at: string, config: CheckConfig = {}): { findings: Finding[]; relaxed: RelaxedFinding[] } {
  const tpl = podTemplateOf(type, props);
  if (!tpl) return { findings: [], relaxed: [] };
  const findings: Finding[] = [];
  const relaxed: RelaxedFinding[] = [];
  const postures = fromKubernetesPodSpec(at, tpl.spec, undefined, { annotations: tpl.annotations, replicas: tpl.replicas, at });
  const posture = postures.map((p) => evaluatePosture(p, config));
  const relaxations = postures[0]?.relaxations ?? {};
  const pss = checkPodSecurity(tpl.spec, "restricted", { annotations: tpl.annotations });
  const pssRules = new Set(pss.map((v) => v.ruleId));
  for (const v of pss) {
    const f: Finding = { ruleId: v.ruleId, rule: v.rule, upstreamIds: v.upstreamIds, severity: v.severity, at, message: `${v.message} (PSS ${v.level} ${v.control}, at ${v.at})`, fix: v.fix };
    // Only restricted-level controls can be relaxed in the open; baseline ones are host escapes.
    const key = v.level === "restricted" ? Object.keys(RELAX_RULES).find((k) => RELAX_RULES[k].includes(v.ruleId) && relaxations[k]) : undefined;
    if (key) relaxed.push({ ...f, relaxedBy: key, reason: relaxations[key] });
    else findings.push(f);
  }
  // The same check on several containers gives the same text: report each once.
  const seen = new Set<string>();
  posture.forEach((r, i) => {
    const who = `container "${postures[i].name.split("/").pop()}": `;
    for (const f of r.findings) {
      if (pssRules.has(f.ruleId) || seen.has(`${f.ruleId}|${f.message}`)) continue;
      seen.add(`${f.ruleId}|${f.message}`);
      // Replicas are the workload's, not a container's.
      findings.push(POD_LEVEL.has(f.ruleId) ? f : { ...f, message: who + f.message });
    }
    for (const f of r.relaxed) if (!pssRules.has(f.ruleId)) relaxed.push({ ...f, message: who + f.message });
  });
  return { findings, relaxed };
}
