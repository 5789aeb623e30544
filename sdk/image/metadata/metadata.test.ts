import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { imageTags, normalizeGitUrl, ociLabels, readGitInfo, readPackageInfo } from ".";

describe("image metadata", () => {
  test("git URLs become https URLs without credentials", () => {
    expect(normalizeGitUrl("git@github.com:acme/notes.git")).toBe("https://github.com/acme/notes");
    expect(normalizeGitUrl("https://ci:tok3n@gitlab.example.com/team/notes.git")).toBe("https://gitlab.example.com/team/notes");
    expect(normalizeGitUrl("ssh://git@git.example.com/team/notes.git")).toBe("https://git.example.com/team/notes");
  });

  test("tags: semver ladder, pre-release only in full, commit tag, extras; latest only on dev stacks", () => {
    expect(imageTags({ repository: "r.example.com/t/a", version: "v1.4.2", commit: "0123456789abcdef", stack: "prod" })).toEqual(["r.example.com/t/a:1.4.2", "r.example.com/t/a:1.4", "r.example.com/t/a:1", "r.example.com/t/a:sha-0123456789ab"]);
    expect(imageTags({ repository: "t/a", version: "2.0.0-rc.1", stack: "prod" })).toEqual(["t/a:2.0.0-rc.1"]);
    expect(imageTags({ repository: "t/a", version: "1.0.0", extra: ["latest", "main"], stack: "dev-alice" })).toEqual(["t/a:1.0.0", "t/a:1.0", "t/a:1", "t/a:latest", "t/a:main"]);
    expect(() => imageTags({ repository: "t/a:1", version: "one", commit: "xyz", extra: ["latest", "bad tag"], stack: "prod" })).toThrow(
      [
        "SecureImage tags is invalid (5 problems):",
        '  - repository: "t/a:1" is not a repository name without tag or digest; use e.g. "registry.example.com/team/api"',
        '  - version: "one" is not a semantic version; use MAJOR.MINOR.PATCH, e.g. "1.4.2"',
        '  - commit: "xyz" is not a git commit id (hex)',
        '  - tags[0]: "latest" is refused on stack "prod": it moves under running services (RULES SS035); deploy by version and digest, or use a dev stack',
        '  - tags[1]: "bad tag" is not a valid tag (letters, digits, _ . -; at most 128)',
      ].join("\n"),
    );
  });

  test("OCI labels only for known values", () => {
    expect(ociLabels({ title: "a", version: "1.0.0" })).toEqual({ "org.opencontainers.image.title": "a", "org.opencontainers.image.version": "1.0.0" });
  });

  test("package.json and pyproject.toml are read from the nearest parent", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ss-image-meta-"));
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "pyproject.toml"), '[build-system]\nrequires = ["x"]\n\n[project]\nname = "notes"\nversion = "0.3.1"\ndescription = "Notes"\n');
    expect(readPackageInfo(path.join(dir, "src"))).toEqual({ name: "notes", version: "0.3.1", description: "Notes" });
  });

  test("git: commit, origin and commit time from a real repository; empty outside one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ss-image-git-"));
    expect(readGitInfo(dir)).toEqual({});
    const git = (...a: string[]) => execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@e", ...a], { encoding: "utf8" }).trim();
    git("init", "-q");
    fs.writeFileSync(path.join(dir, "a"), "1");
    git("add", "a");
    git("commit", "-q", "-m", "one");
    git("remote", "add", "origin", "git@github.com:acme/notes.git");
    const info = readGitInfo(dir);
    expect(info.commit).toBe(git("rev-parse", "HEAD"));
    expect(info.source).toBe("https://github.com/acme/notes");
    expect(info.committed).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
