import { hit, CheckContext } from "../hit";
import { lineOf, Model } from "../model";
import type { Instruction } from "dockerfile-ast";
import type { LintFinding } from "../types";

/** Names that hold a secret value; `*_FILE` / `*_PATH` names that point at a mounted file are fine. */
const SECRET = /(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)(_|$)/i;
const POINTER = /_(FILE|PATH|DIR|URL_FILE)$/i;

/** SS037 (DL3064, CIS 4.10, CIS-DI-0010): no secrets in ARG or ENV (both persist in the image history). */
export function checkSecrets(m: Model, ctx: CheckContext): LintFinding[] {
  const out: LintFinding[] = [];
  const all: Instruction[] = [...m.preamble, ...m.stages.flatMap((s) => s.instructions)];
  for (const ins of all) {
    const k = ins.getKeyword();
    if (k !== "ARG" && k !== "ENV") continue;
    const props = (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
    for (const p of props) {
      const name = p.getName();
      if (!SECRET.test(name) || POINTER.test(name)) continue;
      out.push(hit("SS037", ["DL3064", "CIS 4.10", "CIS-DI-0010"], "error", ctx.file, lineOf(ins), `${k} ${name} looks like a secret; ${k} values are stored in the image config and history`, `pass it as a build secret (RUN --mount=type=secret,id=${name.toLowerCase()}) at build time, or as a file under /run/secrets at run time`));
    }
  }
  return out;
}
