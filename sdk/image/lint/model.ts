import { DockerfileParser, From, Instruction } from "dockerfile-ast";
import { ShellCommand, splitCommands } from "./shell";

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  readonly index: number;
  /** `AS <name>`, lower-cased. */
  readonly name?: string;
  readonly from: From;
  /** The base: an image reference, `scratch`, or an earlier stage's name. */
  readonly image: string;
  /** The earlier stage this one builds on (`FROM builder`), if any. */
  readonly parent?: Stage;
  readonly instructions: readonly Instruction[];
}

/** A RUN instruction with its parsed shell commands and its `--mount` flags. */
export interface RunInfo {
  readonly instruction: Instruction;
  readonly line: number;
  readonly text: string;
  readonly commands: readonly ShellCommand[];
  /** `--mount=type=cache` targets, e.g. `/var/cache/apt`. */
  readonly cacheTargets: readonly string[];
  /** True for the exec (JSON) form, which no shell runs. */
  readonly execForm: boolean;
}

export interface Model {
  readonly stages: readonly Stage[];
  /** The stage the image is made of (the last one). */
  readonly final?: Stage;
  /** The final stage and the stages it builds on: what ends up in the image. */
  readonly shipped: ReadonlySet<Stage>;
  /** Instructions before the first FROM (ARGs). */
  readonly preamble: readonly Instruction[];
  /** Resolve `${VAR}` / `$VAR` with ARG/ENV defaults known at a line (0-based). */
  resolve(text: string, line0: number): string;
}

export const lineOf = (i: Instruction): number => i.getRange().start.line + 1;

export function buildModel(text: string): Model {
  const df = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  const preamble: Instruction[] = [];
  let current: { index: number; name?: string; from: From; image: string; parent?: Stage; instructions: Instruction[] } | undefined;
  const byName = new Map<string, Stage>();
  const close = () => {
    if (current) {
      stages.push(current);
      if (current.name) byName.set(current.name, current);
    }
  };
  for (const ins of df.getInstructions()) {
    if (ins instanceof From) {
      close();
      const resolve = (s: string) => resolveVars(df, s, ins.getRange().start.line);
      const image = resolve(ins.getImage() ?? "");
      current = { index: stages.length, name: ins.getBuildStage()?.toLowerCase(), from: ins, image, parent: byName.get(image.toLowerCase()), instructions: [] };
    } else if (current) current.instructions.push(ins);
    else preamble.push(ins);
  }
  close();
  const final = stages[stages.length - 1];
  const shipped = new Set<Stage>();
  for (let s: Stage | undefined = final; s; s = s.parent) shipped.add(s);
  return { stages, final, shipped, preamble, resolve: (s, line0) => resolveVars(df, s, line0) };
}

function resolveVars(df: ReturnType<typeof DockerfileParser.parse>, s: string, line0: number): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a, dflt, b) => {
    const v = df.resolveVariable(a ?? b, line0);
    return v ?? dflt ?? m;
  });
}

export function runInfo(ins: Instruction): RunInfo {
  const flags = "getFlags" in ins ? (ins as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags() : [];
  const cacheTargets: string[] = [];
  for (const f of flags) {
    if (f.getName() !== "mount") continue;
    const opts = Object.fromEntries((f.getValue() ?? "").split(",").map((kv) => kv.split("=", 2) as [string, string]));
    if (opts.type === "cache") cacheTargets.push(opts.target ?? opts.dst ?? opts.destination ?? "");
  }
  const raw = ins.getRawArgumentsContent() ?? "";
  // Drop the flags from the command text; keep line continuations for the shell splitter.
  const text = raw.replace(/^(\s*--[a-z-]+=\S+\s*(\\\r?\n)?\s*)+/, "");
  const execForm = text.trimStart().startsWith("[");
  let commands: ShellCommand[];
  if (execForm) {
    try {
      const argv = JSON.parse(text) as string[];
      commands = argv.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test(argv[0]) && argv.includes("-c") ? splitCommands(argv[argv.length - 1]) : [{ argv }];
    } catch {
      commands = splitCommands(text);
    }
  } else commands = splitCommands(text);
  return { instruction: ins, line: lineOf(ins), text, commands, cacheTargets, execForm };
}
