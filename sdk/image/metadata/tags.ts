import { SpecError, SpecIssue } from "../../spec/errors";
import { parseImageRef } from "../../spec/image-ref";

export interface TagOptions {
  /** Registry repository without tag, e.g. `127.0.0.1:5000/team/api`. */
  readonly repository: string;
  /** Semantic version; gives `1.4.2`, `1.4` and `1` (pre-releases only the full version). */
  readonly version?: string;
  /** Git commit; gives `sha-<first 12>`. */
  readonly commit?: string;
  /** Extra tags, e.g. a branch name. */
  readonly extra?: readonly string[];
  /** The Pulumi stack; `latest` is accepted only on dev stacks. */
  readonly stack: string;
  /** Stacks where `latest` is accepted. @default /^(dev|local)([-_].*)?$/ */
  readonly devStacks?: RegExp;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/**
 * Tags for a build: the semver ladder and the commit. `latest` (or no tag at all) is refused
 * outside dev stacks: deployments must name a version, and run by digest anyway.
 */
export function imageTags(o: TagOptions): string[] {
  const issues: SpecIssue[] = [];
  const tags: string[] = [];
  const parsed = parseImageRef(o.repository);
  if (!parsed || parsed.tag || parsed.digest) {
    issues.push({ path: "repository", message: `${JSON.stringify(o.repository)} is not a repository name without tag or digest; use e.g. "registry.example.com/team/api"` });
  }
  if (o.version !== undefined) {
    const m = SEMVER.exec(o.version);
    if (!m) issues.push({ path: "version", message: `${JSON.stringify(o.version)} is not a semantic version; use MAJOR.MINOR.PATCH, e.g. "1.4.2"` });
    else {
      const [, major, minor, patch, pre] = m;
      tags.push(pre ? `${major}.${minor}.${patch}-${pre}` : `${major}.${minor}.${patch}`);
      if (!pre) tags.push(`${major}.${minor}`, major);
    }
  }
  if (o.commit !== undefined) {
    if (!/^[0-9a-f]{7,64}$/.test(o.commit)) issues.push({ path: "commit", message: `${JSON.stringify(o.commit)} is not a git commit id (hex)` });
    else tags.push(`sha-${o.commit.slice(0, 12)}`);
  }
  const dev = (o.devStacks ?? /^(dev|local)([-_].*)?$/).test(o.stack);
  (o.extra ?? []).forEach((t, i) => {
    if (!TAG.test(t)) issues.push({ path: `tags[${i}]`, message: `${JSON.stringify(t)} is not a valid tag (letters, digits, _ . -; at most 128)` });
    else if (t === "latest" && !dev) issues.push({ path: `tags[${i}]`, message: `"latest" is refused on stack "${o.stack}": it moves under running services (RULES SS035); deploy by version and digest, or use a dev stack` });
    else tags.push(t);
  });
  if (!tags.length && !issues.length) {
    issues.push({ path: "version", message: "no tag: give a version (from package.json or the `version` input) or run in a git work tree so the commit tags the image" });
  }
  if (issues.length) throw new SpecError("SecureImage tags", issues);
  return [...new Set(tags)].map((t) => `${o.repository}:${t}`);
}
