/**
 * The audit score, in one pure function so it is easy to read, test and argue about.
 *
 *   score = round(100 × Π (1 − weight(r) / 100))   over the DISTINCT rules r a subject breaks
 *
 * with weights critical 25, high 15, medium 8, low 3: each broken rule takes its weight as a
 * percentage of what is left. A rule counts once per subject however often it is broken (three
 * ports on 0.0.0.0 cost what one does): the score measures how many controls are missing, the
 * findings say where. Relaxed findings (a weakened default with a written reason) and advice do
 * not count. The report's overall score is the rounded mean of the subjects' scores.
 *
 * Why compounding rather than `100 − Σ weight` floored at 0: Docker's defaults alone (root, no
 * no-new-privileges, capabilities kept, no limits, writable root …) already sum past 100, so a
 * subtractive score gives every untouched service 0 and can no longer tell it from a privileged
 * one with the engine socket mounted. Compounded, the untouched service scores about 32 and the
 * privileged one about 14; one medium finding still costs exactly 8 points (100 → 92), one
 * critical 25 (100 → 75).
 */
import type { Finding, RuleSeverity } from "../rules";

export const SEVERITY_WEIGHTS: Readonly<Record<RuleSeverity, number>> = { critical: 25, high: 15, medium: 8, low: 3 };

export const SEVERITY_ORDER: readonly RuleSeverity[] = ["critical", "high", "medium", "low"];

export function scoreFindings(findings: ReadonlyArray<Pick<Finding, "ruleId" | "severity">>): number {
  const worst = new Map<string, number>();
  for (const f of findings) worst.set(f.ruleId, Math.max(worst.get(f.ruleId) ?? 0, SEVERITY_WEIGHTS[f.severity] ?? 0));
  let left = 1;
  for (const w of worst.values()) left *= 1 - w / 100;
  return Math.max(0, Math.round(100 * left));
}

/** Rounded mean; 100 for no subjects (nothing found wrong). */
export function overallScore(scores: readonly number[]): number {
  if (!scores.length) return 100;
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/** Critical first, then by rule id. */
export function compareFindings(a: Pick<Finding, "ruleId" | "severity">, b: Pick<Finding, "ruleId" | "severity">): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId);
}
