/** The Markdown report: for a PR comment or a wiki page. */
import type { AuditReport } from "../types";
import { formatSize, ordered, ratio, severityCounts, yesNo } from "./format";

const esc = (t: string) => t.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(report: AuditReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`# Shipshape audit — score ${report.score}/100`, "");
  out.push(`${s.subjects} subjects · non-root ${ratio(s.nonRoot)} · healthcheck ${ratio(s.healthcheck)} · memory limit ${ratio(s.memoryLimit)} · ${s.findings} findings (${s.bySeverity.critical} critical, ${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low)`, "");
  out.push("| Score | Subject | Kind | Image | Size | User | Healthcheck | Findings |", "|---:|---|---|---|---:|---|---|---|");
  for (const r of ordered(report.subjects))
    out.push(`| ${r.score} | ${esc(r.name)} | ${r.kind} | ${esc(r.facts.image ?? "–")} | ${formatSize(r.facts.sizeBytes)} | ${esc(r.facts.user ?? "–")} | ${yesNo(r.facts.healthcheck)} | ${severityCounts(r)} |`);
  for (const r of ordered(report.subjects)) {
    if (!r.findings.length && !r.relaxed.length) continue;
    out.push("", `## ${esc(r.name)} — ${r.score}/100`, "", `${r.kind} from \`${r.source}\``, "");
    out.push("| Severity | Rule | Finding | Fix | Upstream |", "|---|---|---|---|---|");
    for (const f of r.findings) out.push(`| ${f.severity} | ${f.ruleId} ${f.rule} | ${esc(f.message)} | ${esc(f.fix)} | ${esc(f.upstreamIds.join(", "))} |`);
    for (const f of r.relaxed) out.push(`| relaxed | ${f.ruleId} ${f.rule} | ${esc(f.message)} | reason: ${esc(f.reason)} | ${esc(f.upstreamIds.join(", "))} |`);
  }
  if (s.byRule.length) {
    out.push("", "## Rules broken", "", "| Rule | Severity | Subjects |", "|---|---|---|");
    for (const t of s.byRule) out.push(`| ${t.ruleId} ${t.rule} | ${t.severity} | ${t.subjects.length}: ${esc(t.subjects.join(", "))} |`);
  }
  if (report.errors.length) out.push("", "## Errors", "", ...report.errors.map((e) => `- \`${e.target}\`: ${esc(e.message)}`));
  out.push("", `<sub>${report.tool} ${report.version}, ${report.generatedAt}</sub>`, "");
  return out.join("\n");
}
