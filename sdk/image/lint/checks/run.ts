import { hit, CheckContext } from "../hit";
import { lineOf, Model, runInfo, Stage } from "../model";
import { hasPipe, program } from "../shell";
import type { LintFinding } from "../types";

/** SS040: no sudo (DL3004, DKL-DI-0001); pipelines fail on any stage (DL4006). */
export function checkRun(m: Model, ctx: CheckContext): LintFinding[] {
  const out: LintFinding[] = [];
  for (const s of m.stages) {
    for (const ins of s.instructions) {
      if (ins.getKeyword() !== "RUN") continue;
      const r = runInfo(ins);
      if (r.commands.some((c) => program(c) === "sudo")) {
        out.push(hit("SS040", ["DL3004", "DKL-DI-0001"], "error", ctx.file, r.line, "RUN uses sudo; a build step runs as root already and sudo left in an image lets a user become root", "drop sudo (switch with USER root / USER 10001 around the step if needed) and do not install the sudo package"));
      }
      if (!r.execForm && hasPipe(r.commands) && !pipefailShell(s, lineOf(ins)) && !/set\s+-[a-z]*o\s+pipefail|set\s+-o\s+pipefail/.test(r.text)) {
        out.push(hit("SS040", ["DL4006"], "warning", ctx.file, r.line, "RUN has a pipe but the shell does not set pipefail, so a failing first command is ignored", 'add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or start it with `set -o pipefail &&` in bash)'));
      }
    }
  }
  return out;
}

/** Whether a SHELL with `-o pipefail` is in effect at `line` (SHELL carries into child stages). */
function pipefailShell(stage: Stage, line: number): boolean {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const shells = s.instructions.filter((i) => i.getKeyword() === "SHELL" && (s !== stage || lineOf(i) < line));
    if (shells.length) {
      const text = shells[shells.length - 1].getArgumentsContent() ?? "";
      return /"-o"\s*,\s*"pipefail"|"-[a-z]*o"\s*,\s*"pipefail"/.test(text) || /pwsh|powershell|cmd/.test(text);
    }
  }
  return false;
}
