/**
 * Run a Pulumi program under `pulumi.runtime.setMocks` and capture every resource it
 * registers, in registration order, with its resolved inputs and options.
 */
import * as pulumi from "@pulumi/pulumi";

export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  /** Inputs with secrets unwrapped to their values. */
  readonly inputs: Record<string, any>;
  /** Inputs as the engine would see them: secret values still wrapped. */
  readonly rawInputs: Record<string, any>;
  readonly urn: string;
}

/** Pulumi's wire marker for a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

export function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Replace every secret wrapper by its value. */
export function unwrapSecrets(v: any): any {
  if (isSecretValue(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  return v;
}

/** Every plain (non-secret) string anywhere in a value. */
export function plainStrings(v: any, out: string[] = []): string[] {
  if (isSecretValue(v)) return out;
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => plainStrings(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => plainStrings(x, out));
  return out;
}

export async function captureProgram(program: () => unknown, config: Record<string, string> = {}): Promise<CapturedResource[]> {
  const captured: CapturedResource[] = [];
  const full = Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `project:${k}`, v]));
  pulumi.runtime.setAllConfig(full, Object.keys(full));
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        captured.push({ type: args.type, name: args.name, inputs: unwrapSecrets(args.inputs), rawInputs: args.inputs, urn: `urn:pulumi:stack::project::${args.type}::${args.name}` });
        return { id: `${args.name}-id`, state: { ...args.inputs } };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
  program();
  await settle(() => captured.length);
  return captured;
}

/** Wait until no new registration has arrived for a while (mocks resolve asynchronously). */
async function settle(count: () => number): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 400 && stable < 5; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const n = count();
    stable = n === last ? stable + 1 : 0;
    last = n;
  }
}
