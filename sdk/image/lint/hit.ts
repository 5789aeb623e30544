import { finding } from "../../rules";
import type { LintFinding, LintLevel } from "./types";

/** Build a lint finding against the rule catalog, keeping only the upstream ids this hit matches. */
export function hit(ruleId: string, upstream: readonly string[], level: LintLevel, file: string, line: number, message: string, fix?: string): LintFinding {
  const f = finding(ruleId, `${file}:${line}`, message, fix);
  return { ...f, upstreamIds: [...upstream], line, level };
}

/** Context every check gets: the file name for `at`. */
export interface CheckContext {
  readonly file: string;
  readonly dockerignore?: string | null;
}
