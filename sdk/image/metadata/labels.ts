/** What the OCI labels are made from: git and package metadata, and the build time. */
export interface BuildMetadata {
  readonly title: string;
  readonly version?: string;
  /** Full git commit id. */
  readonly revision?: string;
  /** Repository URL (https form). */
  readonly source?: string;
  /** RFC 3339 build time. */
  readonly created?: string;
  readonly description?: string;
  readonly licenses?: string;
}

/** The pre-defined OCI annotation keys (image-spec annotations.md) as image labels. */
export function ociLabels(m: BuildMetadata): Record<string, string> {
  const out: Record<string, string> = { "org.opencontainers.image.title": m.title };
  if (m.version) out["org.opencontainers.image.version"] = m.version;
  if (m.revision) out["org.opencontainers.image.revision"] = m.revision;
  if (m.source) out["org.opencontainers.image.source"] = m.source;
  if (m.created) out["org.opencontainers.image.created"] = m.created;
  if (m.description) out["org.opencontainers.image.description"] = m.description;
  if (m.licenses) out["org.opencontainers.image.licenses"] = m.licenses;
  return out;
}

/** `git@github.com:org/repo.git` / `https://user:token@host/org/repo.git` → `https://github.com/org/repo` (no credentials). */
export function normalizeGitUrl(url: string): string {
  const t = url.trim();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+?)(?:\.git)?\/?$/.exec(t);
  if (scp && !/^[a-z]+:\/\//i.test(t)) return `https://${scp[1]}/${scp[2]}`;
  try {
    const u = new URL(t);
    u.username = "";
    u.password = "";
    const proto = u.protocol === "ssh:" || u.protocol === "git:" ? "https:" : u.protocol;
    return `${proto}//${u.hostname}${u.port && proto !== "https:" ? `:${u.port}` : ""}${u.pathname.replace(/\.git\/?$/, "").replace(/\/$/, "")}`;
  } catch {
    return t;
  }
}
