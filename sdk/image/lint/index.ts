export { formatFindings, lintDockerfile } from "./lint";
export { splitCommands } from "./shell";
export type { ShellCommand } from "./shell";
export type { LintFinding, LintLevel, LintOptions, LintResult } from "./types";
