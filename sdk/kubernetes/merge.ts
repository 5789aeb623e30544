/** Deep merge for the `raw.kubernetes` escape hatch: objects merge key by key, anything else (arrays included) is replaced. The user's value wins. */
export function deepMerge<T>(base: T, override: unknown): T {
  if (!isPlain(base) || !isPlain(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(override)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out as T;
}

function isPlain(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** Copy plain objects and arrays (so YAML gets no aliases); leave anything else, e.g. a Pulumi Output, as it is. */
export function clonePlain<T>(x: T): T {
  if (Array.isArray(x)) return x.map(clonePlain) as T;
  if (isPlain(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, clonePlain(v)])) as T;
  return x;
}
