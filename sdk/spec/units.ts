/** Quantity parsing shared by every target, so "512Mi" means the same bytes everywhere. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/**
 * Parse a byte size: a number of bytes, or a string in Kubernetes notation
 * (`512Mi`, `1Gi`, `2G`). Returns undefined (never throws) for anything else, so the
 * caller can report the field with a fix. Docker's lower-case `512m` is refused on purpose:
 * on Kubernetes `m` means milli, and a spec must mean the same bytes on every target.
 */
export function parseBytes(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(value.trim());
  if (!m) return undefined;
  const unit = m[2];
  const factor = unit === undefined ? 1 : (BINARY[unit] ?? DECIMAL[unit]);
  return Math.floor(Number(m[1]) * factor);
}

/** Render bytes back in the largest exact binary unit (`536870912` → `512Mi`). */
export function formatBytes(bytes: number): string {
  for (const unit of ["Ti", "Gi", "Mi", "Ki"]) {
    const f = BINARY[unit];
    if (bytes >= f && bytes % f === 0) return `${bytes / f}${unit}`;
  }
  return String(bytes);
}

/** Parse a duration: seconds as a number, or `30s`, `2m`, `1h`, `500ms`. Returns seconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "ms" ? n / 1000 : m[2] === "s" ? n : m[2] === "m" ? n * 60 : n * 3600;
}

/** Go-style duration that Docker and compose accept (`30s`, `1500ms`). */
export function formatDuration(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}
