/**
 * `shipshape audit` and `shipshape convert` as a library: read Dockerfiles, compose files and
 * a live engine, judge them with the rule catalog's checks (sdk/checks), score and render.
 */
export * from "./adapters";
export { auditCompose, auditComposeFile, readDotEnv } from "./audit-compose";
export type { ComposeAuditOptions } from "./audit-compose";
export { auditDockerfile, auditDockerfileFile } from "./audit-dockerfile";
export type { DockerfileAuditOptions } from "./audit-dockerfile";
export { auditEngine, dockerClient, imageLookup } from "./audit-engine";
export type { EngineAuditOptions } from "./audit-engine";
export * from "./compose";
export * from "./convert";
export * from "./render";
export { detectTarget, runAudit } from "./run";
export type { AuditOptions, TargetKind } from "./run";
export * from "./score";
export { isPlaceholderReason, subjectFromPosture, withoutPlaceholderReasons } from "./subject";
export { summarize } from "./summary";
export * from "./types";
