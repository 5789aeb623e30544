import { hit, CheckContext } from "../hit";
import { lineOf, Model, Stage } from "../model";
import type { LintFinding } from "../types";

/**
 * SS040 build hygiene: COPY not ADD for local files (DL3020), exec-form CMD/ENTRYPOINT
 * (DL3025), absolute WORKDIR (DL3000); SS032: one HEALTHCHECK in the image (CIS 4.6, DL3012).
 */
export function checkInstructions(m: Model, ctx: CheckContext): LintFinding[] {
  const out: LintFinding[] = [];
  for (const s of m.stages) {
    let healthchecks = 0;
    for (const ins of s.instructions) {
      const k = ins.getKeyword();
      const L = lineOf(ins);
      const argsText = (ins.getArgumentsContent() ?? "").trim();
      if (k === "ADD") {
        const srcs = ins.getArguments().map((a) => a.getValue()).filter((v) => !v.startsWith("--")).slice(0, -1);
        const local = srcs.filter((v) => !/^(https?|git):\/\/|^git@|\.(tar(\.(gz|bz2|xz|zst))?|tgz|txz)$/.test(v));
        if (local.length) out.push(hit("SS040", ["DL3020", "CIS 4.9"], "error", ctx.file, L, `ADD copies local files (${local.join(", ")}); ADD also fetches URLs and unpacks archives, which hides what enters the image`, "use COPY for local files and directories"));
      }
      if ((k === "CMD" || k === "ENTRYPOINT") && m.shipped.has(s) && argsText && !argsText.startsWith("[")) {
        out.push(hit("SS040", ["DL3025"], "warning", ctx.file, L, `${k} uses the shell form, so the process runs under /bin/sh -c and does not get signals (no graceful stop)`, `use the exec form: ${k} [${argsText.split(/\s+/).map((x) => JSON.stringify(x)).join(", ")}]`));
      }
      if (k === "WORKDIR") {
        const dir = m.resolve(argsText, L - 1).replace(/^["']|["']$/g, "");
        if (!dir.startsWith("/") && !dir.startsWith("$") && !/^[A-Za-z]:[\\/]/.test(dir)) {
          out.push(hit("SS040", ["DL3000"], "error", ctx.file, L, `WORKDIR "${dir}" is relative, so it depends on the previous WORKDIR`, `use an absolute path, e.g. WORKDIR /${dir.replace(/^\.\//, "")}`));
        }
      }
      if (k === "HEALTHCHECK") {
        healthchecks++;
        if (healthchecks === 2) out.push(hit("SS032", ["DL3012"], "error", ctx.file, L, "a second HEALTHCHECK in one stage: only the last one takes effect", "keep a single HEALTHCHECK per stage"));
      }
    }
  }
  if (m.final) {
    const hc = lastHealthcheck(m.final);
    if (!hc) {
      out.push(hit("SS032", ["CIS 4.6", "CIS-DI-0006"], "warning", ctx.file, lineOf(m.final.from), "the image has no HEALTHCHECK, so the engine cannot tell a hung service from a healthy one", "add e.g. HEALTHCHECK --interval=10s --timeout=3s CMD [\"/app/healthcheck\"] (or define the healthcheck in the service spec)"));
    } else if (/^NONE\b/i.test((hc.getArgumentsContent() ?? "").trim())) {
      out.push(hit("SS032", ["CIS 4.6", "CIS-DI-0006"], "warning", ctx.file, lineOf(hc), "HEALTHCHECK NONE disables the health check", "define a HEALTHCHECK CMD (or one in the service spec)"));
    }
  }
  return out;
}

function lastHealthcheck(stage: Stage) {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const hcs = s.instructions.filter((i) => i.getKeyword() === "HEALTHCHECK");
    if (hcs.length) return hcs[hcs.length - 1];
  }
  return undefined;
}
