/** Turns zod issues into SpecIssues that name the field, the bad value and the fix. */
import { z } from "zod";
import { closest, formatPath, show, SpecIssue } from "./errors";

type AnySchema = z.core.$ZodType;

export function fromZod(error: z.ZodError, root: AnySchema, input: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    const value = valueAt(input, path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(root, path, input);
      for (const key of issue.keys) {
        const hint = closest(key, known);
        out.push({
          path: formatPath([...path, key]),
          message: hint
            ? `unknown field "${key}". Did you mean "${hint}"?`
            : `unknown field "${key}". Remove it; the known fields here are: ${known.join(", ")}.`,
        });
      }
      continue;
    }
    if (issue.code === "invalid_union" && value !== undefined) {
      const branch = bestBranch(issue, value);
      if (branch) {
        out.push(...fromZod(new z.ZodError(branch.map((i) => ({ ...i, path: [...path, ...i.path] }))), root, input));
        continue;
      }
      if (/^Invalid input/.test(issue.message)) {
        out.push({ path: formatPath(path), message: `expected ${expectedOf(issue)} (got ${show(value)}).` });
        continue;
      }
    }
    out.push({ path: formatPath(path), message: describe(issue, value) });
  }
  return out;
}

/** The union member the value was meant for: the one whose type matched (its errors are deeper). */
function bestBranch(issue: z.core.$ZodIssueInvalidUnion, value: unknown): z.core.$ZodIssue[] | undefined {
  const typeMatched = (issue.errors ?? []).filter((errs) => errs.length > 0 && !errs.every((e) => e.path.length === 0 && (e.code === "invalid_type" || e.code === "invalid_value")));
  if (typeMatched.length === 0) return undefined;
  void value;
  return typeMatched.sort((a, b) => a.length - b.length)[0];
}

function expectedOf(issue: z.core.$ZodIssueInvalidUnion): string {
  const parts = new Set<string>();
  for (const errs of issue.errors ?? [])
    for (const e of errs) {
      if (e.code === "invalid_type") parts.add(`a ${e.expected}`);
      else if (e.code === "invalid_value") e.values.forEach((v) => parts.add(JSON.stringify(v)));
    }
  const list = [...parts];
  return list.length ? list.join(" or ") : "another value";
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return `is required: ${issue.message.replace(/^Invalid input: /, "")}.`;
  const got = `got ${show(value)}`;
  const msg = issue.message.replace(/^Invalid input: /, "").replace(/^Invalid option: /, "");
  return `${msg} (${got}).`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** The field names an object schema accepts at `path`, for "did you mean" hints. */
export function knownKeys(schema: AnySchema, path: readonly PropertyKey[], input: unknown): string[] {
  let cur: AnySchema | undefined = schema;
  let val: unknown = input;
  for (const seg of [...path, undefined]) {
    cur = unwrap(cur, val);
    if (!cur) return [];
    if (seg === undefined) break;
    const def = (cur as any)._zod.def;
    if (def.type === "object") cur = def.shape[seg as string];
    else if (def.type === "array") cur = def.element;
    else if (def.type === "record") cur = def.valueType;
    else return [];
    val = val && typeof val === "object" ? (val as any)[seg] : undefined;
  }
  const def = (cur as any)?._zod.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}

/** Step through optional/default/pipe wrappers and pick the union member that fits the value. */
function unwrap(schema: AnySchema | undefined, value: unknown): AnySchema | undefined {
  let cur = schema;
  for (let i = 0; i < 20 && cur; i++) {
    const def = (cur as any)._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") cur = def.innerType;
    else if (def.type === "pipe") cur = def.in;
    else if (def.type === "union") {
      const objects = def.options.filter((o: any) => o._zod.def.type === "object");
      const disc = def.discriminator as string | undefined;
      const pick =
        disc && value && typeof value === "object"
          ? objects.find((o: any) => {
              const lit = o._zod.def.shape[disc]?._zod.def;
              return lit?.values?.includes((value as any)[disc]);
            })
          : undefined;
      cur = pick ?? (typeof value === "object" && value !== null && !Array.isArray(value) ? objects[0] : def.options.find((o: any) => o._zod.def.type === "array")) ?? objects[0];
    } else return cur;
  }
  return cur;
}
