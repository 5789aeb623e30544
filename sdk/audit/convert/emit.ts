/** Print service plans as a TypeScript stack file. */
import type { ServicePlan } from "./plan";
import { tsComment, tsIdentifier, tsKey, tsLiteral } from "./ts-literal";

export interface EmitOptions {
  readonly importPath: string;
  readonly stackName: string;
  readonly source: string;
}

export function emitStack(plans: readonly ServicePlan[], opts: EmitOptions): string {
  const taken = new Set<string>();
  const vars = plans.map((p) => tsIdentifier(p.name, taken));
  const relaxCount = plans.reduce((n, p) => n + p.relax.length, 0);
  const errorCount = plans.reduce((n, p) => n + p.errors.length, 0);
  const out: string[] = [];
  out.push(
    ...tsComment(
      `Shipshape stack converted from ${opts.source} by \`shipshape convert\`.\n` +
        `${plans.length} service${plans.length === 1 ? "" : "s"}: hardened defaults (non-root 10001:10001, read-only root, ALL capabilities dropped, no-new-privileges, 512Mi / 1 CPU / 256 PIDs, ports on 127.0.0.1, bounded restart) apply wherever the compose file said nothing.\n` +
        `${relaxCount} relaxation${relaxCount === 1 ? "" : "s"} keep what the compose file weakened: replace each "TODO: …" with the real reason, or remove the setting and its relax entry.\n` +
        (errorCount ? `${errorCount} setting${errorCount === 1 ? "" : "s"} cannot be expressed (search for "ERROR"): they were left out; decide how the service does without them.\n` : "") +
        "Notes (NOTE) say where a default differs from what the compose file ran.\n" +
        "Stack networks are internal: compose's reached the internet. A service that calls out (APIs, model downloads, package mirrors) needs relax: { egress: \"<why>\" }.",
      0,
    ),
  );
  out.push(`import { defineService, defineStack, renderCompose } from ${JSON.stringify(opts.importPath)};`, "");
  plans.forEach((p, i) => {
    out.push(`export const ${vars[i]} = defineService({`);
    for (const e of p.errors) out.push(...tsComment(`ERROR${e.ruleId ? ` ${e.ruleId}` : ""}: \`${e.setting}\` cannot be expressed: ${e.message}`, 2));
    for (const n of p.notes) out.push(...tsComment(`NOTE: ${n}`, 2));
    for (const f of p.fields) {
      if (f.comment) out.push(...tsComment(f.comment, 2));
      out.push(`  ${tsKey(f.key)}: ${tsLiteral(f.value, 2)},`);
    }
    if (p.relax.length) {
      out.push("  relax: {");
      for (const r of p.relax) out.push(`    ${tsKey(r.key)}: ${JSON.stringify(r.reason)},`);
      out.push("  },");
    }
    out.push("});", "");
  });
  out.push(`export const stack = defineStack({ name: ${JSON.stringify(opts.stackName)}, services: [${vars.join(", ")}] });`, "");
  out.push("/** The stack as compose YAML (print it to compare with the original file). */");
  out.push("export function renderStack(): string {", "  return renderCompose(stack);", "}", "");
  return out.join("\n");
}
