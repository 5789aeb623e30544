import { SpecError } from "../../spec/errors";
import { AllowEntry, expiryTime, validateAllowList } from "./allowlist";
import { ScanReport, SEVERITIES, Severity, severityRank, Vulnerability } from "./types";

export interface GateOptions {
  /** Lowest severity that fails the deployment. @default "HIGH" */
  readonly failOn?: Severity;
  /** Do not fail on vulnerabilities that have no fixed version yet. @default false */
  readonly ignoreUnfixed?: boolean;
  /** Accepted vulnerabilities, each with a reason and an expiry date. @default [] */
  readonly allow?: readonly AllowEntry[];
  /** The time the decision is made (expiry is checked against it). @default new Date() */
  readonly now?: Date;
}

export interface GateResult {
  readonly pass: boolean;
  readonly failOn: Severity;
  /** At or above `failOn`, not allowed: these fail the deployment. */
  readonly blocking: readonly Vulnerability[];
  /** At or above `failOn` but accepted by an allow-list entry. */
  readonly allowed: readonly { readonly vulnerability: Vulnerability; readonly entry: AllowEntry }[];
  /** At or above `failOn` without a fix, passed because `ignoreUnfixed` is set. */
  readonly unfixed: readonly Vulnerability[];
  /** Entries past their expiry date (they allow nothing). */
  readonly expired: readonly AllowEntry[];
  /** Entries that matched nothing in this report: candidates for removal. */
  readonly unused: readonly AllowEntry[];
  /** Vulnerability count per severity (all of them, blocking or not). */
  readonly counts: Readonly<Record<Severity, number>>;
}

/**
 * Decide whether an image may be deployed: every vulnerability at or above `failOn` blocks
 * unless a live allow-list entry (same id or alias, matching package, not expired) accepts it.
 * Duplicates (one CVE found twice in one package version) count once. Throws a SpecError
 * for an invalid allow-list, so a bad entry never silently allows anything.
 */
export function evaluateGate(report: ScanReport, options: GateOptions = {}): GateResult {
  const failOn = options.failOn ?? "HIGH";
  if (!(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new SpecError("scan gate", [{ path: "scan.failOn", message: `${JSON.stringify(failOn)} is not a severity; use one of ${SEVERITIES.join(", ")}` }]);
  }
  const allow = options.allow ?? [];
  const issues = validateAllowList(allow);
  if (issues.length) throw new SpecError("scan allow-list", issues);
  const now = (options.now ?? new Date()).getTime();
  const live = allow.filter((e) => expiryTime(e.expires) >= now);
  const expired = allow.filter((e) => expiryTime(e.expires) < now);
  const used = new Set<AllowEntry>();

  const seen = new Set<string>();
  const vulns = report.vulnerabilities.filter((v) => {
    const k = `${v.id}\u0000${v.pkg}\u0000${v.installed}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const blocking: Vulnerability[] = [];
  const allowed: { vulnerability: Vulnerability; entry: AllowEntry }[] = [];
  const unfixed: Vulnerability[] = [];
  for (const v of vulns) {
    counts[v.severity]++;
    const entry = live.find((e) => (e.id === v.id || v.aliases.includes(e.id)) && (!e.packages || e.packages.includes(v.pkg)));
    if (entry) used.add(entry);
    if (severityRank(v.severity) < severityRank(failOn)) continue;
    if (entry) allowed.push({ vulnerability: v, entry });
    else if (options.ignoreUnfixed && !v.fixed) unfixed.push(v);
    else blocking.push(v);
  }
  const order = (a: Vulnerability, b: Vulnerability) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id) || a.pkg.localeCompare(b.pkg);
  return { pass: blocking.length === 0, failOn, blocking: blocking.sort(order), allowed, unfixed, expired, unused: live.filter((e) => !used.has(e)), counts };
}

/** A report for `pulumi up` output: the verdict, counts, each blocking vulnerability with its fix, and allow-list notes. */
export function formatGateResult(r: GateResult, artifact = "image"): string {
  const counts = SEVERITIES.slice().reverse().map((s) => `${s} ${r.counts[s]}`).join(", ");
  const lines = [`scan gate ${r.pass ? "passed" : "FAILED"} for ${artifact} (fail on ${r.failOn} and above; found ${counts})`];
  for (const v of r.blocking) {
    lines.push(`  - ${v.severity} ${v.id} in ${v.pkg} ${v.installed} (${v.target}): ${v.fixed ? `fixed in ${v.fixed}; rebuild on a base with the fix or upgrade the package` : "no fix yet; remove the package, or accept the risk with an allow-list entry (id, reason, expires)"}`);
  }
  for (const { vulnerability: v, entry } of r.allowed) lines.push(`  allowed ${v.severity} ${v.id} in ${v.pkg} until ${entry.expires}: ${entry.reason}`);
  for (const v of r.unfixed) lines.push(`  unfixed (ignored) ${v.severity} ${v.id} in ${v.pkg} ${v.installed}`);
  for (const e of r.expired) lines.push(`  expired allow-list entry ${e.id} (expired ${e.expires}): it no longer allows anything; fix the image or renew the entry with a reason`);
  for (const e of r.unused) lines.push(`  unused allow-list entry ${e.id}: nothing in this image matches it; remove it`);
  return lines.join("\n");
}
