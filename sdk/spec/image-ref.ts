/** Docker image reference parsing, enough to judge pinning (RULES.md SS035). */

export interface ParsedImageRef {
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const REF = /^(?:(?<registry>(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+(?::\d+)?|\[[0-9a-fA-F:]+\](?::\d+)?)\/)?(?<repo>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** Parse `registry:5000/team/app:1.2@sha256:…`; undefined when the text is not a reference. */
export function parseImageRef(ref: string): ParsedImageRef | undefined {
  const m = REF.exec(ref);
  if (!m?.groups) return undefined;
  let { registry, repo } = m.groups as { registry?: string; repo: string };
  // "team/app": a first part without a dot, colon or "localhost" is a path, not a registry.
  if (registry && !/[.:]|^localhost$|^\[/.test(registry)) {
    repo = `${registry}/${repo}`;
    registry = undefined;
  }
  return { registry, repository: repo, tag: m.groups.tag, digest: m.groups.digest };
}

export function imagePin(ref: ParsedImageRef): "digest" | "tag" | "unknown" {
  if (ref.digest) return "digest";
  if (ref.tag && ref.tag !== "latest") return "tag";
  return "unknown";
}
