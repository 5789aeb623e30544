/**
 * Run a Pulumi program in-process under `pulumi.runtime.setMocks` and capture every
 * resource it registers: type, name, URN, parent, and inputs with secrets unwrapped (their
 * paths remembered). No Pulumi CLI is needed; this is what `sdk/testing`'s policy run reads.
 */
import * as pulumi from "@pulumi/pulumi";
// Internal runtime modules: the public API has no "wait until every registration is done".
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): unknown; waitForRPCs(): Promise<void> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as { deserializeProperties(s: unknown, keepUnknowns?: boolean): Record<string, unknown>; specialSigKey: string; specialSecretSig: string };

export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The parent's URN (a component), when there is one. */
  readonly parent?: string;
  /** Custom (provider-managed) resource, as opposed to a component. */
  readonly custom: boolean;
  /** Inputs as the provider (and CrossGuard) sees them: resolved, secrets unwrapped. */
  readonly inputs: Record<string, unknown>;
  /** Dotted paths of inputs that were secrets (`envs`, `uploads.0.content`). */
  readonly secretPaths: readonly string[];
  /** Dotted paths of inputs unknown during a preview run (left out of `inputs`). */
  readonly unknownPaths?: readonly string[];
}

export interface RunResult<T = unknown> {
  readonly resources: CapturedResource[];
  /** What the program returned (its stack outputs), resolved. */
  readonly outputs: T;
}

export interface RunOptions {
  /** @default "project" */
  readonly project?: string;
  /** @default "test" */
  readonly stack?: string;
  /** Run as a preview (Outputs of unknown values stay unknown). @default false */
  readonly preview?: boolean;
  /** Config values (`project:key` or `key`, as strings): what `pulumi config set` would hold. */
  readonly config?: Readonly<Record<string, string>>;
  /** Config keys that hold secrets (read with `requireSecret`). */
  readonly secretConfigKeys?: readonly string[];
  /** Extra outputs the mock provider returns per resource (e.g. a digest for an image). */
  readonly state?: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
  /** Results of provider function calls (invokes), by token. */
  readonly calls?: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>>;
}

const UNKNOWN = Symbol("unknown");

function unwrapSecrets(x: unknown, path: string[], secrets: string[], unknowns: string[]): unknown {
  if (x !== null && typeof x === "object" && (x as { __pulumiUnknown?: boolean }).__pulumiUnknown === true) {
    unknowns.push(path.join("."));
    return UNKNOWN;
  }
  if (Array.isArray(x)) return x.map((v, i) => unwrapSecrets(v, [...path, String(i)], secrets, unknowns)).filter((v) => v !== UNKNOWN);
  if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (o[rpc.specialSigKey] === rpc.specialSecretSig) {
      secrets.push(path.join("."));
      return unwrapSecrets(o.value, path, [], unknowns);
    }
    if (Object.getPrototypeOf(o) !== Object.prototype) return o; // assets, resource references
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v, [...path, k], secrets, unknowns)]).filter(([, v]) => v !== UNKNOWN));
  }
  return x;
}

let running = false;

/**
 * Run `program` under mocks and return every registered resource. Runs must not overlap
 * (Pulumi's runtime state is global); each run installs fresh mocks.
 */
export async function runProgramUnderMocks<T>(program: () => T | Promise<T>, opts: RunOptions = {}): Promise<RunResult<Awaited<T>>> {
  if (running) throw new Error("runProgramUnderMocks: a run is already in progress; await it before starting another (Pulumi's runtime is global).");
  running = true;
  try {
    const project = opts.project ?? "project";
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.config ?? {})) config[k.includes(":") ? k : `${project}:${k}`] = v;
    pulumi.runtime.setAllConfig(config, opts.secretConfigKeys?.map((k) => (k.includes(":") ? k : `${project}:${k}`)));

    const captured = new Map<string, CapturedResource>();
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const inputs = args.inputs as Record<string, unknown>;
          const extra = opts.state?.(args.type, args.name, inputs) ?? {};
          return { id: `${args.name}-id`, state: { ...inputs, ...extra } };
        },
        call: (args) => {
          const f = opts.calls?.[args.token];
          if (!f) throw new Error(`runProgramUnderMocks: no mock for the provider function ${args.token}; pass opts.calls["${args.token}"].`);
          return f(args.inputs as Record<string, unknown>);
        },
      },
      project,
      opts.stack ?? "test",
      opts.preview ?? false,
    );
    const monitor = settings.getMonitor() as { registerResource(req: RegisterRequest, cb: (err: unknown, res: RegisterResponse | undefined) => void): Promise<void> };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      const secretPaths: string[] = [];
      const unknownPaths: string[] = [];
      const raw = rpc.deserializeProperties(req.getObject(), true);
      const inputs = unwrapSecrets(raw, [], secretPaths, unknownPaths) as Record<string, unknown>;
      const entry = { type: req.getType(), name: req.getName(), parent: req.getParent() || undefined, custom: req.getCustom(), inputs, secretPaths, ...(unknownPaths.length ? { unknownPaths } : {}) };
      return original(req, (err, res) => {
        if (!err && res) captured.set(res.getUrn(), { ...entry, urn: res.getUrn() });
        cb(err, res);
      });
    };

    const outputs = await program();
    await settings.waitForRPCs();
    const resolved = (await resolveOutputs(outputs)) as Awaited<T>;
    await settings.waitForRPCs();
    return { resources: [...captured.values()], outputs: resolved };
  } finally {
    running = false;
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): unknown;
}
interface RegisterResponse {
  getUrn(): string;
}

/** Resolve Outputs (deeply) in a program's return value. */
async function resolveOutputs(x: unknown): Promise<unknown> {
  if (x === undefined || x === null) return x;
  if (pulumi.Output.isInstance(x)) return new Promise((resolve) => (x as pulumi.Output<unknown>).apply((v) => resolve(v)));
  if (x instanceof Promise) return resolveOutputs(await x);
  if (pulumi.Resource.isInstance(x)) return x;
  if (Array.isArray(x)) return Promise.all(x.map(resolveOutputs));
  if (typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype) {
    const entries = await Promise.all(Object.entries(x as Record<string, unknown>).map(async ([k, v]) => [k, await resolveOutputs(v)] as const));
    return Object.fromEntries(entries);
  }
  return x;
}
