import { isPlaceholderReason } from "../spec/defaults";
import { CheckConfig, evaluatePosture } from "../checks/container-rules";
import type { ContainerPosture } from "../checks/posture";
import { compareFindings, scoreFindings } from "./score";
import type { SubjectFacts, SubjectKind, SubjectReport } from "./types";

/** Judge one posture with the catalog's runtime rules (checks/container-rules) and score it. */
export function subjectFromPosture(posture: ContainerPosture, kind: SubjectKind, source: string, facts: SubjectFacts, config?: CheckConfig): SubjectReport {
  const { findings, relaxed } = evaluatePosture(withoutPlaceholderReasons(posture), config);
  return {
    name: posture.name,
    kind,
    source,
    score: scoreFindings(findings),
    findings: [...findings].sort(compareFindings),
    relaxed: [...relaxed].sort(compareFindings),
    advice: [],
    facts,
  };
}

/**
 * A relaxation whose reason still reads "TODO…" (as `shipshape convert` writes it) is not a
 * reason yet: its findings stay scored until someone writes the real one.
 */
export function withoutPlaceholderReasons(p: ContainerPosture): ContainerPosture {
  if (!p.relaxations) return p;
  const kept = Object.fromEntries(Object.entries(p.relaxations).filter(([, reason]) => !isPlaceholderReason(reason)));
  return { ...p, relaxations: kept };
}

export { isPlaceholderReason } from "../spec/defaults";
