/**
 * `shipshape convert compose.yml`: a compose file → a Shipshape stack in TypeScript. Every
 * service becomes a `defineService({...})` with hardened defaults; every setting that weakens
 * one becomes an explicit relaxation with a `TODO:` reason; what the spec cannot express is an
 * ERROR comment. The output type-checks against the SDK and renders back (renderCompose) to
 * the same services, ports, volumes and networks, less what the ERROR comments name.
 */
import * as path from "path";
import { parseCompose } from "../compose/parse";
import type { ComposeProject } from "../compose/model";
import { emitStack } from "./emit";
import { dnsLabel, planService, PlanContext, ServicePlan } from "./plan";

export interface ConvertOptions {
  /** Module the generated file imports the SDK from. @default "shipshape" */
  readonly importPath?: string;
  /** Stack name (a DNS label, ≤ 40 characters). @default the compose `name:`, else the file's directory */
  readonly stackName?: string;
  /** The compose file's path: names the source and resolves relative bind paths. @default "compose.yml" in process.cwd() */
  readonly file?: string;
  /** Interpolation variables. @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ConvertResult {
  /** The TypeScript source. */
  readonly code: string;
  readonly stackName: string;
  readonly services: readonly ServicePlan[];
  readonly project: ComposeProject;
}

export function convertCompose(yamlText: string, opts: ConvertOptions = {}): string {
  return convertComposeDetailed(yamlText, opts).code;
}

export function convertComposeDetailed(yamlText: string, opts: ConvertOptions = {}): ConvertResult {
  const file = opts.file ?? "compose.yml";
  const abs = path.resolve(file);
  const project = parseCompose(yamlText, { file, baseDir: path.dirname(abs), env: opts.env ?? {} });
  const stackName = dnsLabel(opts.stackName ?? project.name ?? path.basename(path.dirname(abs)), 40);

  const unique = () => {
    const seen = new Map<string, string>();
    const used = new Set<string>();
    return (raw: string) => {
      const hit = seen.get(raw);
      if (hit) return hit;
      let n = dnsLabel(raw);
      for (let i = 2; used.has(n); i++) n = `${dnsLabel(raw, 60)}-${i}`;
      used.add(n);
      seen.set(raw, n);
      return n;
    };
  };
  const serviceName = unique();
  project.services.forEach((s) => serviceName(s.name));
  // A named volume is a `models` volume only if it is named like one and every mount is read-only.
  const mounts = project.services.flatMap((s) => s.mounts.filter((m) => m.type === "volume" && m.source));
  const modelVolumes = new Set(mounts.filter((m) => /model/i.test(m.source!) && mounts.filter((o) => o.source === m.source).every((o) => o.readOnly)).map((m) => m.source!));
  const ctx: PlanContext = { serviceName, networkName: unique(), volumeName: unique(), modelVolumes };
  const services = project.services.map((s) => planService(s, ctx));
  const code = emitStack(services, { importPath: opts.importPath ?? "shipshape", stackName, source: path.basename(file) });
  return { code, stackName, services, project };
}
