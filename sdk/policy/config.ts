/**
 * Policy pack settings → per-policy enforcement level and config. The pack entry and the
 * in-process runner (sdk/testing) resolve settings with this one function, so a jest test
 * judges a stack exactly as `pulumi preview --policy-pack` would.
 *
 * Precedence, lowest to highest: the policy's own level (from its rule's severity) →
 * `enforcementLevel` (the default for every policy, unless "by-severity") → `all` →
 * `policies[<name>]`. Config: schema defaults → `checks` (shared) → `policies[<name>]`.
 */
import type { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import Ajv from "ajv";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type PolicyOverride = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

export interface PolicySettings {
  /** Default level for every policy. @default "by-severity" (critical/high mandatory, others advisory) */
  readonly enforcementLevel?: EnforcementLevel | "by-severity";
  /** Level for every policy, over the default (Pulumi's reserved `all` key). */
  readonly all?: PolicyOverride;
  /** Per-policy level and config, by policy name. */
  readonly policies?: Readonly<Record<string, PolicyOverride>>;
  /** Config shared by every policy that declares the key (allowedRegistries, minimumUid, allowedCapabilities, requireDigest). */
  readonly checks?: Readonly<Record<string, unknown>>;
}

export interface ResolvedPolicy {
  readonly enforcementLevel: EnforcementLevel;
  readonly config: Record<string, unknown>;
}

const show = (v: unknown) => JSON.stringify(v);
const levelOf = (o: PolicyOverride | undefined): EnforcementLevel | undefined => (typeof o === "string" ? o : o?.enforcementLevel);

/** Resolve settings for every policy; throws one error listing every bad field (path, value, fix). */
export function resolvePolicySettings(policies: Policies, settings: PolicySettings = {}): Map<string, ResolvedPolicy> {
  const problems: string[] = [];
  const known = new Set(policies.map((p) => p.name));
  const checkLevel = (path: string, v: unknown) => {
    if (v !== undefined && !(ENFORCEMENT_LEVELS as readonly unknown[]).includes(v)) problems.push(`${path}: ${show(v)} is not an enforcement level; use one of ${ENFORCEMENT_LEVELS.join(", ")}.`);
  };
  const allowedTop = new Set(["enforcementLevel", "all", "policies", "checks"]);
  for (const k of Object.keys(settings)) if (!allowedTop.has(k)) problems.push(`${k}: unknown setting; use enforcementLevel, all, policies or checks.`);
  if (settings.enforcementLevel !== "by-severity") checkLevel("enforcementLevel", settings.enforcementLevel);
  checkLevel("all", levelOf(settings.all));
  for (const [name, o] of Object.entries(settings.policies ?? {})) {
    if (!known.has(name)) {
      const near = [...known].find((n) => n.includes(name) || name.includes(n));
      problems.push(`policies.${name}: no policy has this name${near ? `; did you mean "${near}"?` : "; see sdk/policy/README.md for the list"}.`);
    }
    checkLevel(`policies.${name}${typeof o === "string" ? "" : ".enforcementLevel"}`, levelOf(o));
  }

  const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
  const out = new Map<string, ResolvedPolicy>();
  for (const p of policies) {
    const own = settings.policies?.[p.name];
    const enforcementLevel =
      levelOf(own) ?? levelOf(settings.all) ?? (settings.enforcementLevel && settings.enforcementLevel !== "by-severity" ? settings.enforcementLevel : undefined) ?? p.enforcementLevel ?? "advisory";
    const props = p.configSchema?.properties ?? {};
    const shared = Object.fromEntries(Object.entries(settings.checks ?? {}).filter(([k]) => k in props));
    const { enforcementLevel: _ignored, ...ownConfig } = typeof own === "object" && own !== null ? own : {};
    const config: Record<string, unknown> = { ...shared, ...ownConfig };
    if (p.configSchema) {
      const validate = ajv.compile({ type: "object", properties: props, required: p.configSchema.required ?? [], additionalProperties: false });
      if (!validate(config))
        for (const e of validate.errors ?? []) {
          const field = e.instancePath.replace(/^\//, "").replace(/\//g, ".") || (e.params as { additionalProperty?: string }).additionalProperty || "";
          problems.push(`policies.${p.name}${field ? `.${field}` : ""}: ${e.message}${e.keyword === "additionalProperties" ? `; this policy takes ${Object.keys(props).join(", ")}` : ""} (got ${show(field ? config[field.split(".")[0]] : config)}).`);
        }
    } else if (Object.keys(ownConfig).length) problems.push(`policies.${p.name}: takes no config (got ${show(ownConfig)}); set only enforcementLevel.`);
    out.set(p.name, { enforcementLevel, config });
  }
  for (const k of Object.keys(settings.checks ?? {})) if (!policies.some((p) => p.configSchema?.properties?.[k])) problems.push(`checks.${k}: no policy reads this key; use allowedRegistries, minimumUid, allowedCapabilities or requireDigest.`);
  if (problems.length) throw new Error(`invalid policy settings:\n  - ${problems.join("\n  - ")}`);
  return out;
}

/** The same resolution as Pulumi's PolicyPackConfig (the pack's `initialConfig`). */
export function toPolicyPackConfig(resolved: Map<string, ResolvedPolicy>): PolicyPackConfig {
  return Object.fromEntries([...resolved].map(([name, r]) => [name, { enforcementLevel: r.enforcementLevel, ...r.config }]));
}
