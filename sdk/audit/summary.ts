import type { Finding } from "../rules";
import { SEVERITY_ORDER } from "./score";
import type { AuditSummary, RuleTally, SubjectReport } from "./types";

/** Totals over the subjects: findings by severity and by rule, plus the seeds' headline ratios. */
export function summarize(subjects: readonly SubjectReport[]): AuditSummary {
  const bySeverity: Record<Finding["severity"], number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const rules = new Map<string, { ruleId: string; rule: string; severity: Finding["severity"]; subjects: Set<string> }>();
  let findings = 0;
  for (const s of subjects)
    for (const f of s.findings) {
      findings++;
      bySeverity[f.severity]++;
      const t = rules.get(f.ruleId) ?? { ruleId: f.ruleId, rule: f.rule, severity: f.severity, subjects: new Set<string>() };
      t.subjects.add(s.name);
      rules.set(f.ruleId, t);
    }
  const byRule: RuleTally[] = [...rules.values()]
    .map((t) => ({ ruleId: t.ruleId, rule: t.rule, severity: t.severity, subjects: [...t.subjects] }))
    .sort((a, b) => b.subjects.length - a.subjects.length || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId));
  const running = subjects.filter((s) => s.kind !== "dockerfile");
  const without = (ruleId: string, pool: readonly SubjectReport[]) => ({ ok: pool.filter((s) => !s.findings.some((f) => f.ruleId === ruleId)).length, of: pool.length });
  const limited = running.filter((s) => s.kind !== "image");
  return {
    subjects: subjects.length,
    findings,
    bySeverity,
    byRule,
    nonRoot: without("SS001", running),
    healthcheck: without("SS032", running),
    memoryLimit: { ok: limited.filter((s) => !s.findings.some((f) => f.ruleId === "SS028" && /no memory limit/.test(f.message))).length, of: limited.length },
  };
}
