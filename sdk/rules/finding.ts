import { Rule, rule, upstreamIds } from "./catalog";

/** One rule result, in the same shape for spec warnings, policies, lint and audit. */
export interface Finding {
  readonly ruleId: string;
  readonly rule: string;
  readonly upstreamIds: readonly string[];
  readonly severity: Rule["severity"];
  /** Where: a spec field path, a resource URN, a Dockerfile line or a container name. */
  readonly at: string;
  readonly message: string;
  readonly fix: string;
}

/** Build a finding for `ruleKey` (id or name); the fix defaults to the rule's remediation. */
export function finding(ruleKey: string, at: string, message: string, fix?: string): Finding {
  const x = rule(ruleKey);
  return { ruleId: x.id, rule: x.name, upstreamIds: upstreamIds(x), severity: x.severity, at, message, fix: fix ?? x.remediation };
}
