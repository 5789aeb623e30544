import { hit, CheckContext } from "../hit";
import { lineOf, Model } from "../model";
import type { LintFinding } from "../types";
import { parseImageRef } from "../../../spec/image-ref";

/** SS035: FROM images carry a version tag (DL3006), never `latest` (DL3007); a digest is advised (DKL-DI-0006 advisory). */
export function checkFrom(m: Model, ctx: CheckContext): LintFinding[] {
  const out: LintFinding[] = [];
  const names = new Set<string>();
  for (const s of m.stages) {
    const line = lineOf(s.from);
    const image = s.image;
    if (image.toLowerCase() === "scratch" || names.has(image.toLowerCase())) {
      if (s.name) names.add(s.name);
      continue;
    }
    if (s.name) names.add(s.name);
    if (/\$/.test(image)) {
      out.push(hit("SS035", ["DL3006"], "warning", ctx.file, line, `FROM "${image}" uses a build argument with no default, so the base cannot be checked`, "give the ARG a default that pins a version tag and a digest"));
      continue;
    }
    const ref = parseImageRef(image);
    if (!ref) {
      out.push(hit("SS035", ["DL3006"], "error", ctx.file, line, `FROM "${image}" is not a valid image reference`, "write FROM <registry>/<repo>:<version>@sha256:<digest>"));
      continue;
    }
    if (ref.tag === "latest") {
      out.push(hit("SS035", ["DL3007", "DKL-DI-0006"], "error", ctx.file, line, `FROM ${image} uses the "latest" tag, so every build can get a different base`, `pin a version tag and digest, e.g. ${ref.registry ? ref.registry + "/" : ""}${ref.repository}:<version>@sha256:<digest>`));
    } else if (!ref.tag && !ref.digest) {
      out.push(hit("SS035", ["DL3006"], "error", ctx.file, line, `FROM ${image} has no tag, which means "latest"`, `pin a version tag and digest, e.g. ${image}:<version>@sha256:<digest>`));
    } else if (!ref.digest) {
      out.push(hit("SS035", ["CIS 4.2"], "info", ctx.file, line, `FROM ${image} is pinned by tag only; a tag can be moved to a different image`, `pin by digest too: ${image}@sha256:<digest> (docker buildx imagetools inspect ${image})`));
    }
  }
  if (!m.stages.length) out.push(hit("SS040", [], "error", ctx.file, 1, "the Dockerfile has no FROM instruction", "start the Dockerfile with FROM <image>:<version>@sha256:<digest>"));
  return out;
}
