/**
 * Run CrossGuard policies in-process over captured resources, with argument objects shaped
 * like the ones `@pulumi/policy`'s analyzer builds (ResourceValidationArgs, PolicyResource),
 * so a policy behaves here as it does under `pulumi preview --policy-pack`.
 */
import type { EnforcementLevel, Policies, PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../policy/policies";
import { PolicySettings, resolvePolicySettings } from "../policy/config";
import type { CapturedResource, RunResult } from "./run-program";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(x: T): T; unknownStringValue: string; UnknownValueError: new (...a: never[]) => Error };

/** Props as CrossGuard hands them over in a preview: unknown values put back, behind the checking proxy. */
function propsOf(res: CapturedResource): Record<string, unknown> {
  if (!res.unknownPaths?.length) return res.inputs;
  const copy = JSON.parse(JSON.stringify(res.inputs)) as Record<string, unknown>;
  for (const path of res.unknownPaths) {
    const keys = path.split(".");
    let at: Record<string, unknown> = copy;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= /^\d+$/.test(k) ? [] : {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = proxy.unknownStringValue;
  }
  return proxy.unknownCheckingProxy(copy);
}

export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource in violation (stack policies may report the stack as a whole: undefined). */
  readonly urn?: string;
  readonly message: string;
  /** Catalog id, when the policy enforces a catalog rule. */
  readonly ruleId?: string;
  readonly severity?: string;
}

export interface PolicyReport {
  readonly violations: PolicyViolation[];
  readonly resources: CapturedResource[];
  /** Policy names that reported themselves not applicable, per resource URN. */
  readonly notApplicable: ReadonlyMap<string, readonly string[]>;
}

class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "not applicable");
  }
}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

type ResourceClass = { __pulumiType?: string; isInstance?: (x: unknown) => boolean };
function isTypeOf(type: string, cls: unknown): boolean {
  const c = cls as ResourceClass;
  if (typeof c.__pulumiType === "string" && c.__pulumiType) return c.__pulumiType === type;
  return typeof c.isInstance === "function" && c.isInstance({ __pulumiType: type }) === true;
}

const isResourcePolicy = (p: unknown): p is ResourceValidationPolicy => (p as ResourceValidationPolicy).validateResource !== undefined;
const isStackPolicy = (p: unknown): p is StackValidationPolicy => typeof (p as StackValidationPolicy).validateStack === "function";

function optsOf(r: CapturedResource) {
  return { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(r.parent ? { parent: r.parent } : {}) };
}

/**
 * Evaluate `policies` (default: the whole Shipshape pack) over captured resources.
 * @param settings the same settings the pack entry reads (enforcementLevel, all, policies, checks)
 */
export async function evaluatePolicies(resources: readonly CapturedResource[] | RunResult, policies: Policies = allPolicies, settings?: PolicySettings): Promise<PolicyReport> {
  const list = Array.isArray(resources) ? [...resources] : [...(resources as RunResult).resources];
  const resolved = resolvePolicySettings(policies, settings);
  const violations: PolicyViolation[] = [];
  const na = new Map<string, string[]>();
  const stackTags: ReadonlyMap<string, string> = new Map();

  for (const p of policies) {
    const r = resolved.get(p.name)!;
    if (r.enforcementLevel === "disabled") continue;
    const level: EnforcementLevel = r.enforcementLevel === "remediate" ? "mandatory" : r.enforcementLevel;
    const meta = { ruleId: (p as { ruleId?: string }).ruleId, severity: p.severity };
    const reporter = (urn: string | undefined) => (message: string | { message?: string; enforcementLevel?: EnforcementLevel; urn?: string }, reportedUrn?: string) => {
      if (typeof message === "object")
        violations.push({ policy: p.name, enforcementLevel: message.enforcementLevel ?? level, urn: message.urn ?? urn, message: message.message ?? p.description, ...meta });
      else violations.push({ policy: p.name, enforcementLevel: level, urn: urn ?? reportedUrn, message, ...meta });
    };

    if (isResourcePolicy(p)) {
      const validations = p.validateResource === undefined ? [] : Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
      for (const res of list.filter((x) => x.custom)) {
        const props = propsOf(res);
        const args: ResourceValidationArgs = {
          type: res.type,
          props,
          urn: res.urn,
          name: res.name,
          opts: optsOf(res),
          stackTags,
          isType: (cls) => isTypeOf(res.type, cls),
          asType: ((cls: unknown) => (isTypeOf(res.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
          getConfig: <T extends object>() => ({ ...r.config }) as T,
          notApplicable,
        };
        for (const v of validations) {
          try {
            await v(args, reporter(res.urn) as never);
          } catch (e) {
            if (e instanceof NotApplicable) na.set(res.urn, [...(na.get(res.urn) ?? []), p.name]);
            // As the analyzer does: a policy that reads an unknown value is reported, advisory.
            else if (e instanceof proxy.UnknownValueError) violations.push({ policy: p.name, enforcementLevel: "advisory", urn: res.urn, message: `can't run policy ${p.name} during preview: ${(e as Error).message}`, ...meta });
            else throw new Error(`policy ${p.name} failed on ${res.urn}: ${(e as Error).message}`);
          }
        }
      }
    }
    if (isStackPolicy(p)) {
      const byUrn = new Map<string, PolicyResource>();
      const prs: PolicyResource[] = list.map((res) => {
        const props = propsOf(res);
        const pr: PolicyResource = {
          type: res.type,
          props,
          urn: res.urn,
          name: res.name,
          opts: optsOf(res),
          dependencies: [],
          propertyDependencies: {},
          isType: (cls) => isTypeOf(res.type, cls),
          asType: ((cls: unknown) => (isTypeOf(res.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(res.urn, pr);
        return pr;
      });
      list.forEach((res, i) => {
        if (res.parent && byUrn.has(res.parent)) (prs[i] as { parent?: PolicyResource }).parent = byUrn.get(res.parent);
      });
      const args: StackValidationArgs = { resources: prs, stackTags, getConfig: <T extends object>() => ({ ...r.config }) as T, notApplicable };
      try {
        await p.validateStack(args, reporter(undefined) as never);
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw new Error(`stack policy ${p.name} failed: ${(e as Error).message}`);
      }
    }
  }
  return { violations, resources: list, notApplicable: na };
}

/** The mandatory violations only (what fails `pulumi preview --policy-pack`). */
export function mandatoryViolations(report: PolicyReport): PolicyViolation[] {
  return report.violations.filter((v) => v.enforcementLevel === "mandatory");
}

/** One line per violation, for test failure messages and logs. */
export function formatViolations(violations: readonly PolicyViolation[]): string {
  return violations.map((v) => `  [${v.enforcementLevel}] ${v.policy}${v.urn ? ` ${v.urn.split("::").pop()}` : ""}: ${v.message}`).join("\n");
}
