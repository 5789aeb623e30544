import * as fs from "node:fs";
import * as path from "node:path";
import { SpecError, SpecIssue } from "../../spec/errors";
import { parseImageRef } from "../../spec/image-ref";
import { formatFindings, lintDockerfile, LintResult } from "../lint";
import { imageTags, ociLabels, readGitInfo, readPackageInfo } from "../metadata";
import { SEVERITIES, validateAllowList } from "../scan";
import type { SecureImageArgs } from "./args";

/** Everything SecureImage decides before it creates a resource: pure apart from reading the context, git and package metadata. */
export interface BuildPlan {
  readonly dockerfileText: string;
  /** Absolute Dockerfile path, when the Dockerfile is a file. */
  readonly dockerfilePath?: string;
  readonly lint: LintResult;
  readonly tags: string[];
  readonly labels: Record<string, string>;
  readonly registryHost?: string;
  readonly cacheRef?: string;
}

/** Lint errors that stop a deployment; the message lists every finding with its fix. */
export class LintError extends Error {
  constructor(readonly result: LintResult, file: string) {
    super(`Dockerfile lint failed for ${file} (${result.errors} error${result.errors === 1 ? "" : "s"}; set lint.mode to "warn" to deploy anyway):\n${formatFindings(result.findings.filter((f) => f.level === "error"))}`);
    this.name = "LintError";
  }
}

/** Validate the arguments (every problem at once) and plan the build for `stack`. */
export function planBuild(name: string, args: SecureImageArgs, stack: string): BuildPlan {
  const issues: SpecIssue[] = [];
  const ref = parseImageRef(args.repository);
  if (!ref || ref.tag || ref.digest) issues.push({ path: "repository", message: `${JSON.stringify(args.repository)} is not a repository without tag or digest; use e.g. "registry.example.com/team/api"` });
  const context = path.resolve(args.context);
  if (!fs.existsSync(context) || !fs.statSync(context).isDirectory()) issues.push({ path: "context", message: `${JSON.stringify(args.context)} is not a directory; give the build context directory` });
  if (args.recipe && args.dockerfile) issues.push({ path: "dockerfile", message: "give either a recipe or a dockerfile, not both" });
  const dockerfilePath = args.recipe ? undefined : path.join(context, args.dockerfile ?? "Dockerfile");
  if (dockerfilePath && issues.every((i) => i.path !== "context") && !fs.existsSync(dockerfilePath)) issues.push({ path: "dockerfile", message: `${JSON.stringify(dockerfilePath)} does not exist; give the Dockerfile path relative to the context, or a recipe` });
  const mode = args.lint?.mode ?? "error";
  if (!["error", "warn", "off"].includes(mode)) issues.push({ path: "lint.mode", message: `${JSON.stringify(mode)} must be "error", "warn" or "off"` });
  if (args.scan) {
    if (args.scan.scanner && !["trivy", "grype"].includes(args.scan.scanner)) issues.push({ path: "scan.scanner", message: `${JSON.stringify(args.scan.scanner)} must be "trivy" or "grype"` });
    if (args.scan.failOn && !(SEVERITIES as readonly string[]).includes(args.scan.failOn)) issues.push({ path: "scan.failOn", message: `${JSON.stringify(args.scan.failOn)} is not a severity; use one of ${SEVERITIES.join(", ")}` });
    issues.push(...validateAllowList(args.scan.allow ?? []));
  }
  if (args.sign && (args.sign.signer ?? "cosign") === "skopeo" && !args.sign.registriesD) issues.push({ path: "sign.registriesD", message: "the skopeo signer needs a registries.d directory that says where signatures are written (lookaside-staging)" });
  if (args.sign && args.sign.signer === "skopeo" && (args.sign.verify ?? true) && !args.sign.lookaside) issues.push({ path: "sign.lookaside", message: "verifying skopeo signatures needs the lookaside URL they are read from (or set sign.verify: false)" });
  if (args.sbom?.attach && args.sign === false) issues.push({ path: "sbom.attach", message: "attaching the SBOM signs an attestation with the cosign key; enable sign or set sbom.attach: false" });
  if (issues.length) throw new SpecError(`SecureImage "${name}"`, issues);

  const dockerfileText = args.recipe ? args.recipe.dockerfile : fs.readFileSync(dockerfilePath!, "utf8");
  const ignorePath = path.join(context, ".dockerignore");
  const dockerignore = fs.existsSync(ignorePath) ? fs.readFileSync(ignorePath, "utf8") : args.recipe ? args.recipe.dockerignore : null;
  const file = dockerfilePath ? path.relative(process.cwd(), dockerfilePath) || "Dockerfile" : `${args.recipe!.runtime} recipe`;
  const lint = mode === "off" ? { findings: [], errors: 0, warnings: 0, infos: 0, ignored: [] } : lintDockerfile(dockerfileText, { dockerignore, ignore: args.lint?.ignore, file });
  if (lint.errors && mode === "error") throw new LintError(lint, file);

  const git = readGitInfo(context);
  const pkg = readPackageInfo(context);
  const version = args.version ?? pkg.version;
  const commit = args.commit ?? git.commit;
  const tags = imageTags({ repository: args.repository, version, commit, extra: args.tags, stack, devStacks: args.devStacks });
  const labels = {
    ...ociLabels({ title: pkg.name ?? name, version, revision: commit, created: args.commit ? undefined : git.committed, source: git.source ?? pkg.repository, description: pkg.description, licenses: pkg.license }),
    ...(args.labels ?? {}),
  };
  const registryHost = ref!.registry;
  const cacheRef = args.cache === false ? undefined : args.cache?.ref ?? `${args.repository}:buildcache`;
  return { dockerfileText, dockerfilePath, lint, tags, labels, registryHost, cacheRef };
}
