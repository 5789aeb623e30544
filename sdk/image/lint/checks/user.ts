import { hit, CheckContext } from "../hit";
import { lineOf, Model, Stage } from "../model";
import type { LintFinding } from "../types";

const ROOT = /^(root|0)(:.*)?$/;

/** SS001 (DL3002, CIS 4.1): the image's last USER is not root; SS002 (DL3066): it is a numeric UID >= 10000. */
export function checkUser(m: Model, ctx: CheckContext): LintFinding[] {
  if (!m.final) return [];
  const last = lastUser(m.final);
  if (!last) {
    const line = lineOf(m.final.from);
    return [hit("SS001", ["CIS 4.1", "CIS-DI-0001"], "error", ctx.file, line, "the image has no USER instruction, so it runs as root", 'add `USER 10001:10001` (a numeric non-root user) after the last RUN of the final stage')];
  }
  const line = lineOf(last);
  const value = m.resolve(last.getArgumentsContent() ?? "", line - 1).trim();
  if (ROOT.test(value)) {
    return [hit("SS001", ["DL3002", "CIS 4.1"], "error", ctx.file, line, `the last USER is "${value}", so the container runs as root`, "switch to a non-root user before the image ends: `USER 10001:10001`")];
  }
  const [uid, gid] = value.split(":");
  if (!/^\d+$/.test(uid) || (gid !== undefined && !/^\d+$/.test(gid))) {
    return [hit("SS002", ["DL3066"], "warning", ctx.file, line, `USER "${value}" is a name, not a numeric UID:GID; Kubernetes runAsNonRoot cannot verify a name`, "use numeric ids, e.g. `USER 10001:10001`, and create the user with that UID")];
  }
  if (Number(uid) < 10000) {
    return [hit("SS002", ["CIS 4.1"], "warning", ctx.file, line, `USER ${value} uses UID ${uid} < 10000, which can collide with a host account`, "use a UID and GID >= 10000, e.g. `USER 10001:10001`")];
  }
  return [];
}

/** The USER in effect at the end of a stage, following `FROM <earlier stage>`. */
function lastUser(stage: Stage) {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const users = s.instructions.filter((i) => i.getKeyword() === "USER");
    if (users.length) return users[users.length - 1];
  }
  return undefined;
}
