/**
 * A compose file as audit subjects: each service mapped to a ContainerPosture
 * (adapters/from-compose) and judged by `checkPosture`'s rules.
 */
import * as fs from "fs";
import * as path from "path";
import type { CheckConfig } from "../checks/container-rules";
import { ImageDefaults, postureFromCompose } from "./adapters/from-compose";
import { parseCompose } from "./compose/parse";
import { subjectFromPosture } from "./subject";
import type { SubjectReport } from "./types";

export interface ComposeAuditOptions {
  /** Shown in the report. @default "compose.yml" */
  readonly file?: string;
  /** Relative bind paths resolve here. @default the file's directory, else process.cwd() */
  readonly baseDir?: string;
  /** Interpolation variables. @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** What an image itself sets (USER, HEALTHCHECK), when the engine knows the image. */
  readonly imageDefaults?: (image: string) => ImageDefaults | undefined;
  /** Image sizes for the chart, when known. */
  readonly imageFacts?: (image: string) => { sizeBytes?: number; layers?: number } | undefined;
  readonly config?: CheckConfig;
}

export function auditCompose(text: string, opts: ComposeAuditOptions = {}): SubjectReport[] {
  const file = opts.file ?? "compose.yml";
  const project = parseCompose(text, { file, baseDir: opts.baseDir ?? (opts.file ? path.dirname(path.resolve(opts.file)) : undefined), env: opts.env ?? {} });
  return project.services.map((svc) => {
    const image = svc.image ? opts.imageDefaults?.(svc.image) : undefined;
    const posture = postureFromCompose(svc, { ...(image ? { image } : {}) });
    const sizes = svc.image ? opts.imageFacts?.(svc.image) : undefined;
    const user = posture.user ?? (image ? undefined : "(image default)");
    return subjectFromPosture(
      posture,
      "compose-service",
      file,
      {
        ...(svc.image ? { image: svc.image } : {}),
        ...(user !== undefined ? { user } : {}),
        healthcheck: posture.healthcheck?.present === true,
        ...(svc.memoryBytes !== undefined ? { memoryBytes: svc.memoryBytes } : {}),
        ...(svc.cpus !== undefined ? { cpus: svc.cpus } : {}),
        ...(svc.pidsLimit !== undefined ? { pidsLimit: svc.pidsLimit } : {}),
        ...(sizes?.sizeBytes !== undefined ? { sizeBytes: sizes.sizeBytes } : {}),
        ...(sizes?.layers !== undefined ? { layers: sizes.layers } : {}),
      },
      opts.config,
    );
  });
}

/** Read the file and the `.env` beside it (compose's own interpolation source) plus `env`. */
export function auditComposeFile(file: string, opts: Omit<ComposeAuditOptions, "file"> = {}): SubjectReport[] {
  const text = fs.readFileSync(file, "utf8");
  const dotEnv = readDotEnv(path.join(path.dirname(file), ".env"));
  return auditCompose(text, { ...opts, file, env: { ...dotEnv, ...(opts.env ?? {}) } });
}

/** `KEY=VALUE` lines; `#` comments; optional quotes. Missing file → {}. */
export function readDotEnv(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m || line.trim().startsWith("#")) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}
