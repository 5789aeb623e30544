import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { normalizeGitUrl } from "./labels";

export interface GitInfo {
  readonly commit?: string;
  readonly source?: string;
  /** Uncommitted changes in the work tree. */
  readonly dirty?: boolean;
  /** Commit time (RFC 3339): a reproducible `created` label that does not change on every build. */
  readonly committed?: string;
}

const git = (dir: string, args: string[]): string | undefined => {
  try {
    return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
};

/** Commit, origin URL and dirtiness of the work tree at `dir`; empty when `dir` is not in a git repository or git is missing. */
export function readGitInfo(dir: string): GitInfo {
  const commit = git(dir, ["rev-parse", "HEAD"]);
  if (!commit) return {};
  const remote = git(dir, ["config", "--get", "remote.origin.url"]);
  const status = git(dir, ["status", "--porcelain", "--untracked-files=no"]);
  return { commit, source: remote ? normalizeGitUrl(remote) : undefined, dirty: status !== undefined, committed: git(dir, ["log", "-1", "--format=%cI"]) };
}

export interface PackageInfo {
  readonly name?: string;
  readonly version?: string;
  readonly description?: string;
  readonly license?: string;
  readonly repository?: string;
}

/** The nearest package.json (or pyproject.toml's [project] name/version) at or above `dir`. */
export function readPackageInfo(dir: string): PackageInfo {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const pj = path.join(d, "package.json");
    if (fs.existsSync(pj)) {
      const p = JSON.parse(fs.readFileSync(pj, "utf8")) as { name?: string; version?: string; description?: string; license?: string; repository?: string | { url?: string } };
      const repo = typeof p.repository === "string" ? p.repository : p.repository?.url;
      return { name: p.name, version: p.version, description: p.description, license: p.license, repository: repo ? normalizeGitUrl(repo.replace(/^git\+/, "")) : undefined };
    }
    const pp = path.join(d, "pyproject.toml");
    if (fs.existsSync(pp)) {
      const text = fs.readFileSync(pp, "utf8");
      const project = /^\[project\]([\s\S]*?)(?:^\[|$(?![\s\S]))/m.exec(text)?.[1] ?? "";
      const get = (k: string) => new RegExp(`^${k}\\s*=\\s*"([^"]*)"`, "m").exec(project)?.[1];
      return { name: get("name"), version: get("version"), description: get("description") };
    }
    if (path.dirname(d) === d) return {};
  }
}
