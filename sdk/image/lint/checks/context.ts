import { hit, CheckContext } from "../hit";
import { lineOf, Model, runInfo } from "../model";
import { program } from "../shell";
import type { LintFinding } from "../types";

/** Packages that are build tools: fine in a builder stage, dead weight and attack surface at run time. */
const BUILD_TOOLS = /^(build-essential|gcc(-\d+)?|g\+\+(-\d+)?|clang|make|cmake|autoconf|automake|libtool|pkg-config|git|golang(-go)?|rustc|cargo|python3?-dev|python3?-pip|npm|yarn|.*-dev)(=.*)?$/;

/**
 * Advice (SS040 / CIS 4.3): a single-stage image that installs build tools ships them; a
 * missing `.dockerignore` sends the whole context (.git, .env, node_modules) to the builder.
 */
export function checkContext(m: Model, ctx: CheckContext): LintFinding[] {
  const out: LintFinding[] = [];
  if (m.final && m.stages.length === 1) {
    const tools = new Set<string>();
    let line = 0;
    for (const ins of m.final.instructions) {
      if (ins.getKeyword() !== "RUN") continue;
      for (const c of runInfo(ins).commands) {
        const a = program(c) === "sudo" ? c.argv.slice(1) : c.argv;
        const p = program({ argv: a });
        const isInstall = (["apt-get", "apt"].includes(p) && a.includes("install")) || (p === "apk" && a.includes("add"));
        if (!isInstall) continue;
        for (const x of a) if (!x.startsWith("-") && BUILD_TOOLS.test(x)) { tools.add(x.split("=")[0]); line ||= lineOf(ins); }
      }
    }
    if (tools.size) out.push(hit("SS040", ["CIS 4.3"], "info", ctx.file, line, `single-stage image ships build tools (${[...tools].join(", ")})`, "build in a builder stage and copy only the artifacts into a slim runtime stage (see the Shipshape recipes)"));
  }
  if (ctx.dockerignore === null) {
    out.push(hit("SS040", [], "info", ctx.file, 1, "the build context has no .dockerignore, so .git, .env files and local build output are sent to the builder and can end up in layers", "add a .dockerignore (the recipes write one) that excludes at least .git, .env*, node_modules and build output"));
  } else if (typeof ctx.dockerignore === "string") {
    const lines = ctx.dockerignore.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    const missing = [".git", ".env"].filter((x) => !lines.some((l) => l === "**" || l === "*" || l.replace(/^(\*\*\/)?/, "").replace(/\/$/, "").startsWith(x)));
    if (missing.length) out.push(hit("SS040", [], "info", ctx.file, 1, `.dockerignore does not exclude ${missing.join(" or ")}`, `add ${missing.map((x) => (x === ".env" ? ".env*" : x)).join(" and ")} to .dockerignore`));
  }
  return out;
}
