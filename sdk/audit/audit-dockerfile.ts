/**
 * A Dockerfile as one audit subject: the findings of `lintDockerfile` (sdk/image/lint, the
 * same lint SecureImage runs before a build). Errors and warnings count against the score;
 * `info` findings are advice.
 */
import * as fs from "fs";
import * as path from "path";
import { DockerfileParser } from "dockerfile-ast";
import { lintDockerfile } from "../image/lint";
import { compareFindings, scoreFindings } from "./score";
import type { SubjectReport } from "./types";

export interface DockerfileAuditOptions {
  /** Path shown in the report and in each finding's `at`. @default "Dockerfile" */
  readonly file?: string;
  /** `.dockerignore` text; `null` when the context has none; undefined: not checked. */
  readonly dockerignore?: string | null;
}

export function auditDockerfile(text: string, opts: DockerfileAuditOptions = {}): SubjectReport {
  const file = opts.file ?? "Dockerfile";
  const result = lintDockerfile(text, { file, ...(opts.dockerignore !== undefined ? { dockerignore: opts.dockerignore } : {}) });
  const scored = result.findings.filter((f) => f.level !== "info");
  return {
    name: dockerfileName(file),
    kind: "dockerfile",
    source: file,
    score: scoreFindings(scored),
    findings: [...scored].sort(compareFindings),
    relaxed: [],
    advice: result.findings.filter((f) => f.level === "info"),
    facts: dockerfileFacts(text),
  };
}

/** Read a Dockerfile and its context's .dockerignore from disk. */
export function auditDockerfileFile(file: string): SubjectReport {
  const text = fs.readFileSync(file, "utf8");
  const ignorePath = path.join(path.dirname(file), ".dockerignore");
  const dockerignore = fs.existsSync(ignorePath) ? fs.readFileSync(ignorePath, "utf8") : null;
  return auditDockerfile(text, { file, dockerignore });
}

/** `services/api/Dockerfile` → `api/Dockerfile`: short but still telling two apart. */
function dockerfileName(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join("/") || file;
}

/** The final stage's USER and whether it has a HEALTHCHECK. */
function dockerfileFacts(text: string): SubjectReport["facts"] {
  let user: string | undefined;
  let healthcheck = false;
  let image: string | undefined;
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const kw = ins.getKeyword();
    if (kw === "FROM") {
      user = undefined;
      healthcheck = false;
      image = ins.getArguments()[0]?.getValue();
    } else if (kw === "USER") user = ins.getArguments()[0]?.getValue();
    else if (kw === "HEALTHCHECK") healthcheck = ins.getArguments()[0]?.getValue().toUpperCase() !== "NONE";
  }
  return { ...(image ? { image } : {}), user: user ?? "root", healthcheck };
}
