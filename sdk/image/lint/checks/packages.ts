import { hit, CheckContext } from "../hit";
import { Model, runInfo, RunInfo, Stage } from "../model";
import { program, ShellCommand } from "../shell";
import type { LintFinding } from "../types";

const APT = new Set(["apt-get", "apt"]);
const PIP = /^pip(3(\.\d+)?)?$/;

/** argv after `sudo` and `python -m`, so `sudo apt-get` and `python3 -m pip` are checked too. */
function unwrap(c: ShellCommand): readonly string[] {
  let a = c.argv;
  if (program({ argv: a }) === "sudo") a = a.slice(1).filter((x, i) => i > 0 || !x.startsWith("-"));
  if (/^python(3(\.\d+)?)?$/.test(program({ argv: a })) && a[1] === "-m" && a[2] === "pip") a = ["pip", ...a.slice(3)];
  return a;
}

const args = (a: readonly string[], from: number) => a.slice(from).filter((x) => !x.startsWith("-"));
const hasCache = (r: RunInfo, re: RegExp) => r.cacheTargets.some((t) => re.test(t));

/**
 * SS039 (CIS 4.3/4.7/4.11): packages are pinned (DL3008/3018/3013/3016), installed without
 * recommends (DL3015) and without leaving caches in the shipped image (DL3009/3019/3042,
 * DKL-DI-0004/0005); no in-place upgrade (DKL-DI-0003) and no `apt-get update` alone (CIS 4.7).
 * Cache rules skip builder stages (their files are not shipped) and RUNs with a BuildKit cache
 * mount on the cache directory (the cache never enters a layer).
 */
export function checkPackages(m: Model, ctx: CheckContext): LintFinding[] {
  const out: LintFinding[] = [];
  for (const s of m.stages) {
    const shipped = m.shipped.has(s);
    const pipNoCacheEnv = envSet(s, "PIP_NO_CACHE_DIR");
    for (const ins of s.instructions) {
      if (ins.getKeyword() !== "RUN") continue;
      const r = runInfo(ins);
      const cmds = r.commands.map(unwrap);
      const L = r.line;
      const add = (id: string, up: string[], level: LintFinding["level"], msg: string, fix: string) => out.push(hit(id, up, level, ctx.file, L, msg, fix));
      let aptUpdate = false;
      let aptInstall = false;
      let aptClean = false;
      let npmCacheReported = false;
      for (const a of cmds) {
        const p = program({ argv: a });
        if (APT.has(p)) {
          const verb = a.find((x, i) => i > 0 && !x.startsWith("-"));
          if (verb === "update") aptUpdate = true;
          if (verb === "upgrade" || verb === "dist-upgrade" || verb === "full-upgrade") {
            add("SS039", ["DKL-DI-0003", "CIS 4.7"], "warning", `\`${p} ${verb}\` upgrades packages in place, so the image drifts from its base`, "rebuild on a newer pinned base image instead of upgrading inside the build");
          }
          if (verb === "install") {
            aptInstall = true;
            const pkgs = args(a, a.indexOf("install") + 1).filter((x) => !x.endsWith(".deb"));
            const unpinned = pkgs.filter((x) => !x.includes("="));
            if (unpinned.length) add("SS039", ["DL3008"], "warning", `${p} install without version pins: ${unpinned.join(", ")}`, `pin versions: ${unpinned.map((x) => `${x}=<version>`).join(" ")}`);
            if (!a.includes("--no-install-recommends") && !a.some((x) => /APT::Install-Recommends=(false|0)/i.test(x))) {
              add("SS039", ["DL3015"], "warning", `${p} install without --no-install-recommends pulls in recommended packages the service does not need`, `add --no-install-recommends to ${p} install`);
            }
          }
        }
        if (p === "rm" && a.some((x) => x.startsWith("/var/lib/apt/lists"))) aptClean = true;
        if (p === "apk" && a.includes("upgrade")) {
          add("SS039", ["DKL-DI-0003", "CIS 4.7"], "warning", "`apk upgrade` upgrades packages in place, so the image drifts from its base", "rebuild on a newer pinned base image instead");
        }
        if (p === "apk" && a.includes("add")) {
          const pkgs = args(a, a.indexOf("add") + 1);
          const unpinned = pkgs.filter((x) => !x.includes("="));
          if (unpinned.length) add("SS039", ["DL3018"], "warning", `apk add without version pins: ${unpinned.join(", ")}`, `pin versions: ${unpinned.map((x) => `${x}=<version>`).join(" ")}`);
          if (shipped && !a.includes("--no-cache") && !hasCache(r, /^\/var\/cache\/apk/)) {
            add("SS039", ["DL3019", "DKL-DI-0004"], "warning", "apk add without --no-cache leaves the package index in the image", "use `apk add --no-cache` or a cache mount: RUN --mount=type=cache,target=/var/cache/apk");
          }
        }
        if (PIP.test(p) && a.includes("install")) {
          const rest = a.slice(a.indexOf("install") + 1);
          const pkgs: string[] = [];
          for (let i = 0; i < rest.length; i++) {
            const x = rest[i];
            if (["-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--prefix", "--root", "-i", "--index-url", "--extra-index-url", "-f", "--find-links"].includes(x)) { i++; continue; }
            if (x.startsWith("-")) continue;
            if (/^[./]|\.(whl|tar\.gz|zip)$|^(git\+|https?:)/.test(x)) continue;
            pkgs.push(x);
          }
          const unpinned = pkgs.filter((x) => !/(==|===|@|>=|~=)/.test(x));
          if (unpinned.length) add("SS039", ["DL3013"], "warning", `pip install without version pins: ${unpinned.join(", ")}`, "pin versions (`pkg==1.2.3`) or install from a hashed requirements file (`pip install --require-hashes -r requirements.txt`)");
          if (shipped && !a.includes("--no-cache-dir") && !pipNoCacheEnv && !hasCache(r, /\.cache(\/pip)?\/?$/)) {
            add("SS039", ["DL3042"], "warning", "pip install without --no-cache-dir leaves pip's download cache in the image", "add --no-cache-dir, or use a cache mount: RUN --mount=type=cache,target=/root/.cache/pip");
          }
        }
        if (p === "npm" && ["install", "i", "add"].includes(a[1] ?? "")) {
          const pkgs = args(a, 2);
          const unpinned = pkgs.filter((x) => !/^[./]/.test(x) && !/.@[^/]/.test(x.replace(/^@/, "x")));
          if (unpinned.length) add("SS039", ["DL3016"], "warning", `npm install without version pins: ${unpinned.join(", ")}`, `pin versions (${unpinned.map((x) => `${x}@<version>`).join(" ")}) or use \`npm ci\` with a lockfile`);
        }
        if (p === "npm" && ["install", "i", "ci"].includes(a[1] ?? "") && shipped && !npmCacheReported && !hasCache(r, /\.npm\/?$/) && !cmds.some((c) => c[0] === "npm" && c[1] === "cache" && c[2] === "clean")) {
          npmCacheReported = true;
          add("SS039", [], "warning", `\`npm ${a[1]}\` leaves npm's download cache (~/.npm) in the image`, "use a cache mount (RUN --mount=type=cache,target=/root/.npm) or run `npm cache clean --force` in the same RUN");
        }
      }
      if (aptUpdate && !aptInstall) {
        add("SS039", ["CIS 4.7"], "warning", "`apt-get update` in a RUN of its own: a later install can use a stale cached package index", "run `apt-get update && apt-get install …` in one RUN");
      }
      if (aptInstall && shipped && !aptClean && !hasCache(r, /^\/var\/lib\/apt(\/lists)?\/?$/)) {
        add("SS039", ["DL3009", "DKL-DI-0005"], "warning", "apt package lists are left in the image (/var/lib/apt/lists)", "end the RUN with `rm -rf /var/lib/apt/lists/*` or mount /var/lib/apt and /var/cache/apt as BuildKit caches");
      }
    }
  }
  return out;
}

function envSet(s: Stage, name: string): boolean {
  for (let st: Stage | undefined = s; st; st = st.parent) {
    for (const i of st.instructions) {
      if (i.getKeyword() !== "ENV") continue;
      const props = (i as unknown as { getProperties(): { getName(): string }[] }).getProperties();
      if (props.some((p) => p.getName() === name)) return true;
    }
  }
  return false;
}
