/**
 * Just enough shell parsing for lint checks: split a RUN command line into simple commands
 * (argv arrays) at `&&`, `||`, `;`, `|`, `&` and newlines, honouring quotes and backslashes.
 * Not a full shell: expansions stay as text, which is what the checks need.
 */
export interface ShellCommand {
  readonly argv: readonly string[];
  /** The operator that ends this command (`|` marks a pipeline stage). */
  readonly next?: "&&" | "||" | ";" | "|" | "&" | "\n";
}

export function splitCommands(text: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  let argv: string[] = [];
  let word = "";
  let inWord = false;
  const endWord = () => {
    if (inWord) argv.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = (next?: ShellCommand["next"]) => {
    endWord();
    if (argv.length) out.push({ argv, next });
    argv = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      if (text[i + 1] === "\n") { i++; continue; }
      word += text[i + 1] ?? "";
      inWord = true;
      i++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const stop = end < 0 ? text.length : end;
      word += text.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === "#" && !inWord) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === " " || c === "\t") {
      endWord();
    } else if (c === "\n") {
      endCommand("\n");
    } else if (c === "&" || c === "|") {
      if (text[i + 1] === c) { endCommand(c === "&" ? "&&" : "||"); i++; }
      else if (c === "|") endCommand("|");
      else if (text[i - 1] === ">" || text[i + 1] === ">") { word += c; inWord = true; } // 2>&1, &>
      else endCommand("&");
    } else if (c === ";") {
      endCommand(";");
    } else if (c === "(" || c === ")" || c === "{" || c === "}") {
      if (inWord) word += c;
      else endCommand(";");
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return out.map(stripPrefixes);
}

/** Drop leading env assignments and wrappers (`DEBIAN_FRONTEND=x`, `env`, `exec`, `set -e`-free). */
function stripPrefixes(cmd: ShellCommand): ShellCommand {
  let i = 0;
  const a = cmd.argv;
  while (i < a.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a[i]) || a[i] === "env" || a[i] === "exec" || a[i] === "then" || a[i] === "do" || a[i] === "else")) i++;
  return { argv: a.slice(i), next: cmd.next };
}

/** True when any command is a pipeline stage (`a | b`). */
export function hasPipe(cmds: readonly ShellCommand[]): boolean {
  return cmds.some((c) => c.next === "|");
}

/** The basename of argv[0] (`/usr/bin/apt-get` → `apt-get`). */
export function program(cmd: ShellCommand): string {
  const p = cmd.argv[0] ?? "";
  return p.slice(p.lastIndexOf("/") + 1);
}
