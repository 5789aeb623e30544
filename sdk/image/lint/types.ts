import type { Finding } from "../../rules";

/**
 * How a finding affects a build: `error` stops a SecureImage deployment (unless the lint mode
 * is `warn`), `warning` is reported, `info` is advice.
 */
export type LintLevel = "error" | "warning" | "info";

/**
 * A Dockerfile lint finding: a rule-catalog finding (`ruleId` SS001..SS040) plus the 1-based
 * Dockerfile `line` and the lint `level`. `upstreamIds` holds the upstream checks this finding
 * matches (e.g. `["DL3002", "CIS 4.1"]`), not every id the rule maps to.
 */
export interface LintFinding extends Finding {
  readonly line: number;
  readonly level: LintLevel;
}

export interface LintOptions {
  /**
   * Text of the build context's `.dockerignore`: `null` when the context has none (reported as
   * advice), `undefined` when unknown (not checked).
   * @default undefined
   */
  readonly dockerignore?: string | null;
  /**
   * Rule ids (`SS039`) or upstream ids (`DL3008`) to leave out, each with the reason it does
   * not apply; the reasons are kept in the result so that a suppression is visible.
   * @default {}
   */
  readonly ignore?: Readonly<Record<string, string>>;
  /** Name shown in `at` (`<file>:<line>`). @default "Dockerfile" */
  readonly file?: string;
}

export interface LintResult {
  readonly findings: readonly LintFinding[];
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Findings left out through `options.ignore`, with the reason given. */
  readonly ignored: readonly { readonly finding: LintFinding; readonly reason: string }[];
}
