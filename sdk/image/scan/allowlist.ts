import type { SpecIssue } from "../../spec/errors";

/** One accepted vulnerability: why, until when, and optionally only in some packages. */
export interface AllowEntry {
  /** CVE-YYYY-NNNN or GHSA-xxxx-xxxx-xxxx. */
  readonly id: string;
  /** Why the risk is accepted (not reachable, mitigated, no fix yet …). */
  readonly reason: string;
  /** Last day the entry applies, `YYYY-MM-DD` (UTC); after it the vulnerability blocks again. */
  readonly expires: string;
  /** Limit the entry to these package names. @default all packages */
  readonly packages?: readonly string[];
}

const ID = /^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|[A-Z]+-\d{4}-\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** End of the expiry day in UTC, or NaN for a malformed or impossible date. */
export function expiryTime(expires: string): number {
  if (!DATE.test(expires)) return NaN;
  const t = Date.parse(`${expires}T23:59:59.999Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== expires ? NaN : t;
}

/** Every problem of an allow-list at once, with the field path, the bad value and the fix. */
export function validateAllowList(entries: readonly AllowEntry[], path = "scan.allow"): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const p = `${path}[${i}]`;
    if (typeof e.id !== "string" || !ID.test(e.id)) issues.push({ path: `${p}.id`, message: `${JSON.stringify(e.id)} is not a vulnerability id; use e.g. "CVE-2023-45853" or "GHSA-xxxx-xxxx-xxxx"` });
    if (typeof e.reason !== "string" || e.reason.trim().length < 10) issues.push({ path: `${p}.reason`, message: `${JSON.stringify(e.reason)} is missing or too short; say why the risk is accepted (at least 10 characters)` });
    if (typeof e.expires !== "string" || Number.isNaN(expiryTime(e.expires))) issues.push({ path: `${p}.expires`, message: `${JSON.stringify(e.expires)} is not a date; give the last day the entry applies as YYYY-MM-DD, e.g. "2025-06-30"` });
    if (e.packages !== undefined && (!Array.isArray(e.packages) || e.packages.some((x) => typeof x !== "string" || !x))) issues.push({ path: `${p}.packages`, message: "must be a list of package names, e.g. [\"zlib1g\"]" });
    if (typeof e.id === "string") {
      if (seen.has(e.id) && e.packages === undefined) issues.push({ path: `${p}.id`, message: `${e.id} is listed twice (also at ${path}[${seen.get(e.id)}]); keep one entry` });
      seen.set(e.id, i);
    }
  });
  return issues;
}
