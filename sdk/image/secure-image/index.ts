export type { SbomArgs, ScanArgs, SecureImageArgs, SignArgs } from "./args";
export { SecureImage } from "./component";
export { LintError, planBuild } from "./prepare";
export type { BuildPlan } from "./prepare";
