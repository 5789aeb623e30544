import { CHECKS } from "./checks";
import { buildModel } from "./model";
import type { LintFinding, LintOptions, LintResult } from "./types";

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Lint a Dockerfile against the rule catalog (SS001..SS040) with the upstream hadolint,
 * CIS and Dockle ids kept on each finding. Parses with `dockerfile-ast` (the parser of the
 * VS Code Docker extension), so line continuations, flags, JSON forms and parser directives
 * are read as Docker reads them. Findings are sorted by line, then level.
 */
export function lintDockerfile(text: string, options: LintOptions = {}): LintResult {
  const model = buildModel(text);
  const ctx = { file: options.file ?? "Dockerfile", dockerignore: options.dockerignore };
  const all = CHECKS.flatMap((c) => c(model, ctx)).sort((a, b) => a.line - b.line || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.ruleId.localeCompare(b.ruleId));
  const ignore = options.ignore ?? {};
  const findings: LintFinding[] = [];
  const ignored: { finding: LintFinding; reason: string }[] = [];
  for (const f of all) {
    const key = [f.ruleId, ...f.upstreamIds].find((k) => k in ignore);
    if (key !== undefined) ignored.push({ finding: f, reason: ignore[key] });
    else findings.push(f);
  }
  const count = (l: LintFinding["level"]) => findings.filter((f) => f.level === l).length;
  return { findings, errors: count("error"), warnings: count("warning"), infos: count("info"), ignored };
}

/** One line per finding, as printed by SecureImage and the CLI: `Dockerfile:3 error SS001 (DL3002, CIS 4.1) … Fix: …`. */
export function formatFindings(findings: readonly LintFinding[]): string {
  return findings.map((f) => `${f.at} ${f.level} ${f.ruleId} ${f.rule}${f.upstreamIds.length ? ` (${f.upstreamIds.join(", ")})` : ""}: ${f.message}. Fix: ${f.fix}`).join("\n");
}
