/** The terminal report: a per-subject table, then each subject's findings by rule. */
import pc from "picocolors";
import type { Finding } from "../../rules";
import type { AuditReport, SubjectReport } from "../types";
import { formatSize, ordered, ratio, severityShort, yesNo } from "./format";

export interface TerminalOptions {
  /** Use ANSI colours. @default picocolors' detection (TTY, NO_COLOR, FORCE_COLOR) */
  readonly color?: boolean;
  /** Print each subject's findings, not only the table. @default true */
  readonly details?: boolean;
}

export function renderTerminal(report: AuditReport, opts: TerminalOptions = {}): string {
  const c = pc.createColors(opts.color ?? pc.isColorSupported);
  const scoreColor = (n: number, text: string) => (n >= 80 ? c.green(text) : n >= 50 ? c.yellow(text) : c.red(text));
  const sev = (f: Pick<Finding, "severity">, text: string) =>
    f.severity === "critical" ? c.bold(c.red(text)) : f.severity === "high" ? c.red(text) : f.severity === "medium" ? c.yellow(text) : c.dim(text);

  const out: string[] = [];
  const s = report.summary;
  out.push(`${c.bold("shipshape audit")} — ${s.subjects} subject${s.subjects === 1 ? "" : "s"}, overall score ${scoreColor(report.score, c.bold(`${report.score}/100`))}`);
  out.push(c.dim(`non-root ${ratio(s.nonRoot)} · healthcheck ${ratio(s.healthcheck)} · memory limit ${ratio(s.memoryLimit)} · findings ${s.findings} (${s.bySeverity.critical} critical, ${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low)`));
  out.push("");

  const rows = ordered(report.subjects);
  const header = ["SCORE", "SUBJECT", "KIND", "IMAGE", "SIZE", "USER", "HEALTH", "FINDINGS"];
  const cells = rows.map((r) => [String(r.score), r.name, r.kind, trim(r.facts.image ?? "–", 40), formatSize(r.facts.sizeBytes), trim(r.facts.user ?? "–", 18), yesNo(r.facts.healthcheck), severityShort(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[], colour?: (i: number, text: string) => string) =>
    row.map((cell, i) => {
      const padded = i === 0 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      return colour ? colour(i, padded) : padded;
    }).join("  ").trimEnd();
  out.push(c.bold(line(header)));
  rows.forEach((r, k) => out.push(line(cells[k], (i, t) => (i === 0 ? scoreColor(r.score, c.bold(t)) : t))));

  if (opts.details ?? true) {
    for (const r of rows) {
      if (!r.findings.length && !r.relaxed.length && !r.advice.length) continue;
      out.push("");
      out.push(`${c.bold(r.name)} ${c.dim(`(${r.kind}, ${r.source})`)} score ${scoreColor(r.score, String(r.score))}`);
      for (const f of r.findings) out.push(...findingLines(f, sev, c));
      for (const f of r.relaxed) out.push(`  ${c.cyan("relaxed ")} ${f.ruleId} ${f.rule}: ${f.message} ${c.dim(`reason: ${f.reason}`)}`);
      for (const f of r.advice) out.push(`  ${c.dim(`advice   ${f.ruleId} ${f.rule} (${f.at}): ${f.message}`)}`);
    }
  }

  if (s.byRule.length) {
    out.push("");
    out.push(c.bold("Rules broken, by number of subjects"));
    const w = Math.max(...s.byRule.map((t) => t.rule.length));
    for (const t of s.byRule) out.push(`  ${t.ruleId} ${t.rule.padEnd(w)}  ${sev(t, t.severity.padEnd(8))}  ${String(t.subjects.length).padStart(3)}  ${c.dim(trim(t.subjects.join(", "), 80))}`);
  }
  for (const e of report.errors) out.push(c.red(`error: ${e.target}: ${e.message}`));
  return `${out.join("\n")}\n`;
}

function findingLines(f: Finding, sev: (f: Pick<Finding, "severity">, t: string) => string, c: ReturnType<typeof pc.createColors>): string[] {
  const up = f.upstreamIds.length ? c.dim(` [${f.upstreamIds.join(", ")}]`) : "";
  return [`  ${sev(f, f.severity.padEnd(8))} ${f.ruleId} ${f.rule}: ${f.message}${up}`, `  ${" ".repeat(9)}${c.dim(`fix: ${f.fix}`)}`];
}

function trim(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
