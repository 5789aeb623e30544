/**
 * Compose variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?err}`, `$VAR`, `$$`), applied to every string of the parsed file as
 * `docker compose` does before it reads a field.
 * @see https://docs.docker.com/reference/compose-file/interpolation/
 */
export interface InterpolationResult<T> {
  readonly value: T;
  /** Variables referenced without a value or default (compose substitutes ""). */
  readonly missing: readonly string[];
}

const PATTERN = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function interpolateString(text: string, env: Readonly<Record<string, string | undefined>>, missing: Set<string> = new Set()): string {
  return text.replace(PATTERN, (whole, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
    if (whole === "$$") return "$";
    const name = (braced ?? bare)!;
    const value = env[name];
    const unsetOrEmpty = value === undefined || value === "";
    switch (op) {
      case ":-": return unsetOrEmpty ? (arg ?? "") : value!;
      case "-": return value === undefined ? (arg ?? "") : value;
      case ":+": return unsetOrEmpty ? "" : (arg ?? "");
      case "+": return value === undefined ? "" : (arg ?? "");
      case ":?":
      case "?":
        if (op === ":?" ? unsetOrEmpty : value === undefined) missing.add(name);
        return value ?? "";
      default:
        if (value === undefined) missing.add(name);
        return value ?? "";
    }
  });
}

/** Interpolate every string (not keys) in a parsed YAML tree. */
export function interpolate<T>(tree: T, env: Readonly<Record<string, string | undefined>>): InterpolationResult<T> {
  const missing = new Set<string>();
  const walk = (x: unknown): unknown => {
    if (typeof x === "string") return interpolateString(x, env, missing);
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  return { value: walk(tree) as T, missing: [...missing] };
}
