/**
 * `runAudit`: the whole `shipshape audit` minus printing. Reads Dockerfiles and compose files,
 * optionally a live engine, judges each subject and returns one AuditReport.
 */
import * as fs from "fs";
import * as path from "path";
import type { CheckConfig } from "../checks/container-rules";
import { SpecError } from "../spec/errors";
import type { ImageDefaults } from "./adapters/from-compose";
import { auditComposeFile } from "./audit-compose";
import { auditDockerfileFile } from "./audit-dockerfile";
import { auditEngine, dockerClient, EngineAuditOptions, imageLookup } from "./audit-engine";
import { parseCompose } from "./compose/parse";
import { overallScore } from "./score";
import { summarize } from "./summary";
import type { AuditReport, SubjectReport } from "./types";
import { VERSION } from "./version";

export interface AuditOptions {
  /** Dockerfiles and compose files. */
  readonly targets?: readonly string[];
  /** Audit the live engine too (true, or its options). */
  readonly engine?: boolean | EngineAuditOptions;
  /**
   * Look compose services' images up in the engine, so an image's own USER and HEALTHCHECK
   * count (and sizes are charted). Missing images or no engine are not an error.
   * @default false
   */
  readonly resolveImages?: boolean;
  readonly config?: CheckConfig;
  /** Compose interpolation variables (merged over each file's .env). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /** Fixed clock for reproducible reports. @default new Date() */
  readonly now?: Date;
}

export type TargetKind = "dockerfile" | "compose";

/** Dockerfile or compose file, from the name first, then the content. */
export function detectTarget(file: string, text: string): TargetKind {
  const base = path.basename(file).toLowerCase();
  if (/(^|\.)(dockerfile|containerfile)(\.|$)/.test(base)) return "dockerfile";
  if (/\.ya?ml$/.test(base)) return "compose";
  return /^\s*(FROM|ARG)\s/im.test(text.replace(/^\s*#.*$/gm, "")) && !/^services:/m.test(text) ? "dockerfile" : "compose";
}

export async function runAudit(opts: AuditOptions = {}): Promise<AuditReport> {
  const subjects: SubjectReport[] = [];
  const errors: { target: string; message: string }[] = [];
  const targets = [...(opts.targets ?? [])];
  const progress = opts.onProgress;
  const total = targets.length;

  let images: Map<string, import("./adapters/from-image").InspectImage> | undefined;
  if (opts.resolveImages) {
    const refs: string[] = [];
    for (const t of targets) {
      try {
        const text = fs.readFileSync(t, "utf8");
        if (detectTarget(t, text) === "compose") for (const s of parseCompose(text, { file: t }).services) if (s.image) refs.push(s.image);
      } catch {
        /* reported below */
      }
    }
    try {
      images = await imageLookup(engineOpts(opts)?.docker ?? dockerClient(), refs);
    } catch {
      images = undefined; // no engine: audit compose on its own
    }
  }
  const imageDefaults = (ref: string): ImageDefaults | undefined => {
    const img = images?.get(ref);
    if (!img) return undefined;
    const test = img.Config?.Healthcheck?.Test ?? undefined;
    return { user: img.Config?.User ?? "", healthcheck: !!test?.length && test[0] !== "NONE" };
  };
  const imageFacts = (ref: string) => {
    const img = images?.get(ref);
    return img ? { ...(img.Size !== undefined ? { sizeBytes: img.Size } : {}), ...(img.RootFS?.Layers ? { layers: img.RootFS.Layers.length } : {}) } : undefined;
  };

  targets.forEach((file, i) => {
    try {
      const text = fs.readFileSync(file, "utf8");
      if (detectTarget(file, text) === "dockerfile") subjects.push(auditDockerfileFile(file));
      else subjects.push(...auditComposeFile(file, { ...(opts.env ? { env: opts.env } : {}), imageDefaults, imageFacts, ...(opts.config ? { config: opts.config } : {}) }));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      errors.push({ target: file, message: err.code === "ENOENT" ? `no such file; check the path.` : e instanceof SpecError ? e.message : err.message });
    }
    progress?.(i + 1, total, file);
  });

  const eng = engineOpts(opts);
  if (eng) {
    try {
      subjects.push(...(await auditEngine({ ...(opts.config ? { config: opts.config } : {}), ...(progress ? { onProgress: progress } : {}), ...eng })));
    } catch (e) {
      errors.push({ target: "engine", message: `cannot read the Docker engine: ${(e as Error).message}. Is dockerd running and DOCKER_HOST (or /var/run/docker.sock) reachable?` });
    }
  }

  return {
    tool: "shipshape audit",
    version: VERSION,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    targets: [...targets, ...(eng ? ["engine"] : [])],
    score: overallScore(subjects.map((s) => s.score)),
    subjects,
    summary: summarize(subjects),
    errors,
  };
}

function engineOpts(opts: AuditOptions): EngineAuditOptions | undefined {
  if (!opts.engine) return undefined;
  return opts.engine === true ? {} : opts.engine;
}
