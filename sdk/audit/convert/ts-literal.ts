/** Print plain values as TypeScript source: short values inline, long ones one entry per line. */

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function tsKey(key: string): string {
  return IDENT.test(key) ? key : JSON.stringify(key);
}

export function tsLiteral(value: unknown, indent = 0, width = 100): string {
  const inline = printInline(value);
  if (inline.length + indent <= width || (typeof value !== "object" || value === null)) return inline;
  const pad = " ".repeat(indent + 2);
  const end = " ".repeat(indent);
  if (Array.isArray(value)) return `[\n${value.map((v) => `${pad}${tsLiteral(v, indent + 2, width)},`).join("\n")}\n${end}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${pad}${tsKey(k)}: ${tsLiteral(v, indent + 2, width)},`).join("\n")}\n${end}}`;
}

function printInline(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(printInline).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${printInline(v)}`).join(", ")} }` : "{}";
  }
  throw new Error(`cannot print ${typeof value} as a TypeScript literal`);
}

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield await any boolean number string symbol type from of stack renderStack defineService defineStack renderCompose".split(" "),
);

/** `open-webui` → `openWebui`; never a reserved word or one of the generated file's own names. */
export function tsIdentifier(name: string, taken: Set<string>): string {
  let id = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")).replace(/^[^A-Za-z_$]+/, "");
  if (!id) id = "service";
  id = id[0].toLowerCase() + id.slice(1);
  if (RESERVED.has(id)) id = `${id}Service`;
  let out = id;
  for (let i = 2; taken.has(out); i++) out = `${id}${i}`;
  taken.add(out);
  return out;
}

/** A comment block, each line prefixed with `//`, wrapped at `width`. */
export function tsComment(text: string, indent: number, width = 100): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && pad.length + 3 + line.length + 1 + word.length > width) {
        out.push(`${pad}// ${line}`);
        line = `   ${word}`;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line ? `${pad}// ${line}` : `${pad}//`);
  }
  return out;
}
