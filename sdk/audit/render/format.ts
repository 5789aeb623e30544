/** Small text helpers shared by the renderers. */
import type { SubjectReport } from "../types";

/** Bytes as Docker prints image sizes (decimal units): `166MB`, `1.2GB`. */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return "–";
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)}GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)}MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)}kB`;
  return `${bytes}B`;
}

/** A → F bands: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, F below. */
export function grade(score: number): "A" | "B" | "C" | "D" | "F" {
  return score >= 90 ? "A" : score >= 75 ? "B" : score >= 60 ? "C" : score >= 40 ? "D" : "F";
}

/** `2 critical, 5 high, 1 medium` (non-zero only), or `none`. */
export function severityCounts(s: SubjectReport): string {
  const c = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of s.findings) c[f.severity]++;
  const parts = (Object.keys(c) as (keyof typeof c)[]).filter((k) => c[k]).map((k) => `${c[k]} ${k}`);
  return parts.length ? parts.join(", ") : "none";
}

/** Short compact counts: `C2 H5 M1 L0` style without zero entries, for narrow tables. */
export function severityShort(s: SubjectReport): string {
  const c = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of s.findings) c[f.severity]++;
  const parts = (Object.keys(c) as (keyof typeof c)[]).filter((k) => c[k]).map((k) => `${c[k]}${k[0].toUpperCase()}`);
  return parts.length ? parts.join(" ") : "0";
}

export function yesNo(v: boolean | undefined): string {
  return v === undefined ? "–" : v ? "yes" : "no";
}

export function ratio(x: { ok: number; of: number }): string {
  return `${x.ok}/${x.of}`;
}

/** Subjects, worst score first (ties by name), the order every renderer uses. */
export function ordered(subjects: readonly SubjectReport[]): SubjectReport[] {
  return [...subjects].sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
}
