/**
 * Image rules over image resources (not containers): a pushed `latest` tag, an untrusted
 * registry, and secrets passed as build args (they end up in the image history).
 */
import type { CheckConfig } from "../checks/container-rules";
import { finding, Finding } from "../rules";
import { SECRET_ENV_NAME } from "../spec/defaults";
import { parseImageRef } from "../spec/image-ref";

/** SS035 / SS036 for one image reference. */
export function imageRefFindings(ref: string, at: string, config: CheckConfig = {}, what = "image"): Finding[] {
  const out: Finding[] = [];
  const parsed = parseImageRef(ref);
  if (!parsed) return [finding("SS035", at, `${what} ${JSON.stringify(ref)} is not a valid image reference.`)];
  if (!parsed.digest && (!parsed.tag || parsed.tag === "latest")) out.push(finding("SS035", at, `${what} ${ref} is not pinned (${parsed.tag ? "latest" : "no tag, so latest"}).`));
  else if (!parsed.digest && config.requireDigest) out.push(finding("SS035", at, `${what} ${ref} is pinned by tag only; a tag can move.`, "Pin by digest (repo@sha256:…)."));
  if (config.allowedRegistries?.length) {
    const registry = parsed.registry ?? "docker.io";
    if (!config.allowedRegistries.includes(registry)) out.push(finding("SS036", at, `${what} ${ref} comes from ${registry}, not an allowed registry (${config.allowedRegistries.join(", ")}).`));
  }
  return out;
}

/** SS037: build args whose names say they hold secrets. */
export function buildArgFindings(args: unknown, at: string): Finding[] {
  if (typeof args !== "object" || args === null) return [];
  return Object.entries(args as Record<string, unknown>)
    .filter(([k, v]) => SECRET_ENV_NAME.test(k) && v !== "" && v !== undefined)
    .map(([k]) => finding("SS037", at, `build arg ${k} looks like a secret; build args are stored in the image history.`, "Pass it as a BuildKit secret (secrets: { id: value }) and read /run/secrets/<id> in a RUN --mount=type=secret step."));
}

/** `tags` of a docker-build Image: the pushed ones must not be `latest` (a pushed latest moves under everyone). */
export function buildImageFindings(props: Readonly<Record<string, unknown>>, at: string, config: CheckConfig = {}): Finding[] {
  const tags = Array.isArray(props.tags) ? props.tags.filter((t): t is string => typeof t === "string") : [];
  const pushed = props.push === true || (Array.isArray(props.exports) && props.exports.some((e) => typeof e === "object" && e !== null && "registry" in e));
  const out: Finding[] = [];
  for (const t of tags) {
    const parsed = parseImageRef(t);
    if (pushed && parsed && (!parsed.tag || parsed.tag === "latest")) out.push(finding("SS035", at, `pushes the tag ${t}${parsed.tag ? "" : " (latest)"}; a pushed latest tag moves under every consumer.`, "Push a version tag (e.g. the git SHA or 1.4.2) and deploy by digest."));
    if (pushed && parsed && config.allowedRegistries?.length && !config.allowedRegistries.includes(parsed.registry ?? "docker.io"))
      out.push(finding("SS036", at, `pushes ${t} to ${parsed.registry ?? "docker.io"}, not an allowed registry (${config.allowedRegistries.join(", ")}).`));
  }
  out.push(...buildArgFindings(props.buildArgs, at));
  return out;
}
