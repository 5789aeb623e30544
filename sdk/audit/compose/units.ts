/**
 * Docker's and compose's own unit syntaxes, which differ from the spec's Kubernetes
 * notation: sizes like `512m`, `1g`, `1gb` (binary multiples) and Go durations like `1m30s`.
 */
const DOCKER_UNITS: Record<string, number> = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** `512m` → 536870912; also accepts a plain number of bytes and Kubernetes `512Mi`. */
export function parseDockerBytes(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt])?(?:i?b)?$/i.exec(value.trim());
  if (!m) return undefined;
  return Math.floor(Number(m[1]) * DOCKER_UNITS[(m[2] ?? "b").toLowerCase()]);
}

const GO_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Go duration (`1m30s`, `500ms`, `10s`) → seconds; a bare number is seconds. */
export function parseGoDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string" || !value.trim()) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let rest = text;
  const part = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/;
  while (rest) {
    const m = part.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * GO_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return Math.round(total * 1000) / 1000;
}
