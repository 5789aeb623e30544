import type { RelaxedFinding } from "../checks/container-rules";
import type { Finding } from "../rules";

/** What one row of the audit is. */
export type SubjectKind = "dockerfile" | "compose-service" | "image" | "container";

/** Facts shown beside the score (and charted): what was measured, not judged. */
export interface SubjectFacts {
  readonly image?: string;
  /** Image size in bytes (engine images, and containers' images). */
  readonly sizeBytes?: number;
  readonly layers?: number;
  /** The effective user ("root" when none is set). */
  readonly user?: string;
  readonly healthcheck?: boolean;
  /** Container state and health as the engine reports them. */
  readonly state?: string;
  readonly health?: string;
  readonly memoryBytes?: number;
  readonly cpus?: number;
  readonly pidsLimit?: number;
}

/** One audited service: a compose service, a container, an image or a Dockerfile. */
export interface SubjectReport {
  readonly name: string;
  readonly kind: SubjectKind;
  /** The file it came from, or `engine`. */
  readonly source: string;
  /** 0–100, see score.ts. */
  readonly score: number;
  /** Findings that count against the score, sorted by severity then rule id. */
  readonly findings: readonly Finding[];
  /** Weakened defaults with a written reason (`shipshape.dev/relax.*` labels): shown, not scored. */
  readonly relaxed: readonly RelaxedFinding[];
  /** Advice (Dockerfile lint `info`): shown, not scored. */
  readonly advice: readonly Finding[];
  readonly facts: SubjectFacts;
}

export interface RuleTally {
  readonly ruleId: string;
  readonly rule: string;
  readonly severity: Finding["severity"];
  /** Subjects that break the rule. */
  readonly subjects: readonly string[];
}

export interface AuditSummary {
  readonly subjects: number;
  readonly findings: number;
  readonly bySeverity: Readonly<Record<Finding["severity"], number>>;
  /** Rules broken, most subjects first. */
  readonly byRule: readonly RuleTally[];
  /** The seeds' headline numbers, over services/containers/images (not Dockerfiles). */
  readonly nonRoot: { readonly ok: number; readonly of: number };
  readonly healthcheck: { readonly ok: number; readonly of: number };
  readonly memoryLimit: { readonly ok: number; readonly of: number };
}

export interface AuditReport {
  readonly tool: "shipshape audit";
  readonly version: string;
  readonly generatedAt: string;
  readonly targets: readonly string[];
  /** Mean of the subjects' scores, rounded (100 when nothing was audited). */
  readonly score: number;
  readonly subjects: readonly SubjectReport[];
  readonly summary: AuditSummary;
  /** Targets that could not be read, with the reason. */
  readonly errors: ReadonlyArray<{ readonly target: string; readonly message: string }>;
}
