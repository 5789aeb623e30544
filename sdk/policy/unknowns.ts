/**
 * CrossGuard wraps inputs in a proxy that throws on values unknown during preview (an image
 * digest not built yet). Reading through it would abort every rule on the resource, so we
 * take the raw object, drop the unknown values and remember their paths: rules on those
 * fields are skipped, the others still run.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;

const SENTINELS = new Set(
  ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"].map((k) => proxy[k]).filter((v) => v !== undefined),
);
const TARGET = (proxy.getSpecialProxyTarget as string | undefined) ?? "__getSpecialProxyTarget";

export interface Known {
  readonly value: Record<string, unknown>;
  /** Dotted paths of values unknown during preview (`image`, `ports.0.external`). */
  readonly unknown: string[];
}

/** A plain copy of `props` without unknown values, plus where they were. */
export function knownProps(props: Readonly<Record<string, unknown>>): Known {
  const unknown: string[] = [];
  const raw = ((props as Record<string, unknown>)[TARGET] as Record<string, unknown> | undefined) ?? props;
  const walk = (x: unknown, path: string[]): unknown => {
    if (x === undefined) return undefined;
    if (SENTINELS.has(x)) {
      unknown.push(path.join("."));
      return undefined;
    }
    const target = x !== null && typeof x === "object" ? (((x as Record<string, unknown>)[TARGET] as object | undefined) ?? x) : x;
    if (Array.isArray(target)) return target.map((v, i) => walk(v, [...path, String(i)])).filter((v) => v !== undefined);
    if (target !== null && typeof target === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(target)) {
        const w = walk(v, [...path, k]);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    return target;
  };
  return { value: walk(raw, []) as Record<string, unknown>, unknown };
}
