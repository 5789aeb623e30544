/**
 * Build one CrossGuard ResourceValidationPolicy per catalog rule. The policy name is the
 * rule's kebab-case name, its description and remediation are the rule's, its tags carry the
 * rule id and upstream ids, and its level follows severity (critical/high → mandatory).
 */
import type { EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
import type { Resource } from "@pulumi/pulumi";
import type { CheckConfig } from "../checks/container-rules";
import { Rule, rule, upstreamIds } from "../rules";
import { findingsForResource } from "./resource-findings";

/** Shipshape's metadata on each policy, beside CrossGuard's fields. */
export interface ShipshapePolicy extends ResourceValidationPolicy {
  readonly ruleId: string;
  readonly upstreamIds: readonly string[];
}

export const levelForSeverity = (severity: Rule["severity"]): EnforcementLevel => (severity === "critical" || severity === "high" ? "mandatory" : "advisory");

/** A Resource class the policy applies to (anything with a Pulumi type token). */
export type ResourceClass = { new (name: string, args: never, ...rest: never[]): Resource };

/** Config keys a rule reads, with their JSON schema (defaults filled by the CLI and by evaluatePolicies). */
export const CONFIG_SCHEMAS: Record<string, PolicyConfigSchema> = {
  SS002: { properties: { minimumUid: { type: "integer", minimum: 1, default: 10000, description: "Lowest UID/GID a container may run as." } } },
  SS006: { properties: { allowedCapabilities: { type: "array", items: { type: "string", pattern: "^[A-Z_]+$" }, default: ["NET_BIND_SERVICE"], description: "Capabilities that may be added back after dropping ALL." } } },
  SS035: { properties: { requireDigest: { type: "boolean", default: false, description: "Also report images pinned by tag only." } } },
  SS036: { properties: { allowedRegistries: { type: "array", items: { type: "string", minLength: 1 }, default: [], description: "Registries images may come from (e.g. registry.example.com, docker.io); empty allows any." } } },
};

/** Format one finding as a violation message: what, fix, ids. */
export function violationMessage(f: { ruleId: string; message: string; fix: string; upstreamIds: readonly string[] }): string {
  return `${f.message} Fix: ${f.fix} [${[f.ruleId, ...f.upstreamIds].join(", ")}]`;
}

export function rulePolicy(ruleKey: string, appliesTo: readonly ResourceClass[]): ShipshapePolicy {
  const r = rule(ruleKey);
  const validate = (props: unknown, args: ResourceValidationArgs, report: ReportViolation) => {
    const config = args.getConfig<CheckConfig>();
    const { findings, relaxed } = findingsForResource(args.type, props as Record<string, unknown>, args.urn, config, args.name);
    for (const f of findings) if (f.ruleId === r.id) report(violationMessage(f));
    // A relaxation is allowed but never silent: it shows up as advisory, with its reason.
    for (const f of relaxed)
      if (f.ruleId === r.id)
        (report as unknown as (v: object) => void)({ message: `${f.message} Relaxed (${f.relaxedBy}): ${f.reason}`, enforcementLevel: "advisory" });
  };
  const validations: ResourceValidation[] = appliesTo.map((cls) => validateResourceOfType(cls as never, validate as never));
  return {
    name: r.name,
    description: r.description,
    enforcementLevel: levelForSeverity(r.severity),
    severity: r.severity,
    remediationSteps: r.remediation,
    tags: [r.id, ...upstreamIds(r)],
    ...(CONFIG_SCHEMAS[r.id] ? { configSchema: CONFIG_SCHEMAS[r.id] } : {}),
    validateResource: validations.length === 1 ? validations[0] : validations,
    ruleId: r.id,
    upstreamIds: upstreamIds(r),
  };
}
