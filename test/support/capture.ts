/**
 * Test-side view of `runProgramUnderMocks` (sdk/testing): every resource a program registers,
 * with inputs unwrapped and, for secret checks, `rawInputs` where each secret value is still
 * wrapped in Pulumi's secret marker, as the engine receives it.
 */
import { runProgramUnderMocks } from "../../sdk/testing";

export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  /** Inputs with secrets unwrapped to their values. */
  readonly inputs: Record<string, any>;
  /** Inputs as the engine sees them: secret values still wrapped. */
  readonly rawInputs: Record<string, any>;
  /** Dotted paths of inputs that were secrets. */
  readonly secretPaths: readonly string[];
  readonly urn: string;
}

/** Pulumi's wire marker for a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

export function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Every plain (non-secret) string anywhere in a value. */
export function plainStrings(v: any, out: string[] = []): string[] {
  if (isSecretValue(v)) return out;
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => plainStrings(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => plainStrings(x, out));
  return out;
}

function wrapSecrets(inputs: Record<string, unknown>, paths: readonly string[]): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(inputs));
  for (const p of [...paths].sort((a, b) => b.length - a.length)) {
    const keys = p.split(".");
    if (p === "") return { [SIG_KEY]: SECRET_SIG, value: copy };
    let parent: any = copy;
    for (const k of keys.slice(0, -1)) parent = parent?.[k];
    const last = keys[keys.length - 1];
    if (parent && last in parent) parent[last] = { [SIG_KEY]: SECRET_SIG, value: parent[last] };
  }
  return copy;
}

/** Run a program under Pulumi mocks with `config` as secret config values; resources in registration order. */
export async function captureProgram(program: () => unknown, config: Record<string, string> = {}): Promise<CapturedResource[]> {
  const { resources } = await runProgramUnderMocks(program, { config, secretConfigKeys: Object.keys(config) });
  return resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, inputs: r.inputs as Record<string, any>, secretPaths: r.secretPaths, rawInputs: wrapSecrets(r.inputs, r.secretPaths) }));
}
