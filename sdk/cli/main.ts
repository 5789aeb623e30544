/**
 * The `shipshape` command line: `shipshape audit …` and `shipshape convert …`.
 * The work is done by importable functions (runAudit, renderReport, convertComposeDetailed);
 * this file only parses flags, prints and picks the exit code:
 *   0  done (and the score is at or above --fail-under)
 *   1  the overall score is below --fail-under
 *   2  usage error, or a target/engine could not be read
 */
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { runAudit } from "../audit/run";
import { renderReport, REPORT_FORMATS, ReportFormat } from "../audit/render";
import { convertComposeDetailed } from "../audit/convert";
import { VERSION } from "../audit/version";
import { SpecError } from "../spec/errors";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress output). */
  readonly stderrIsTTY: boolean;
  /** Whether stdout is a terminal (colours). */
  readonly stdoutIsTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: !!process.stderr.isTTY,
  stdoutIsTTY: !!process.stdout.isTTY,
  cwd: process.cwd(),
  env: process.env,
});

const collect = (value: string, prev: string[] = []) => [...prev, value];
const score = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError(`"${value}" is not a score; give a whole number from 0 to 100, e.g. --fail-under 70.`);
  return n;
};

interface AuditFlags {
  engine?: boolean;
  all?: boolean;
  label?: string[];
  name?: string[];
  images: "used" | "all" | "none";
  format: ReportFormat;
  output?: string;
  failUnder?: number;
  color?: boolean;
  resolveImages: boolean;
  allowedRegistry?: string[];
  requireDigest?: boolean;
  details: boolean;
}

interface ConvertFlags {
  output?: string;
  importPath: string;
  stackName?: string;
  force?: boolean;
}

/** Run the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command("shipshape")
    .description("Shipshape: audit containers, Dockerfiles and compose files against the hardening rules, and convert compose files to Shipshape stacks.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("audit")
    .description("Audit Dockerfiles, compose files and/or the live Docker engine; print a per-service table with a 0-100 score and the findings by rule.")
    .argument("[targets...]", "Dockerfiles and compose files")
    .option("--engine", "audit the running Docker engine (containers and their images) through its API")
    .option("--all", "with --engine: include stopped containers")
    .option("--label <key=value>", "with --engine: only containers with this label (repeatable)", collect)
    .option("--name <text>", "with --engine: only containers whose name contains this (repeatable)", collect)
    .addOption(new Option("--images <which>", "with --engine: images to report").choices(["used", "all", "none"]).default("used"))
    .addOption(new Option("-f, --format <format>", "report format").choices([...REPORT_FORMATS]).default("terminal"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--fail-under <score>", "exit 1 when the overall score is below this (for CI)", score)
    .option("--no-color", "no ANSI colours in the terminal format")
    .option("--no-resolve-images", "do not look compose images up in the local engine (their USER, HEALTHCHECK, size)")
    .option("--allowed-registry <host>", "report images from other registries (SS036; repeatable)", collect)
    .option("--require-digest", "report images pinned by tag only (SS035)")
    .option("--no-details", "terminal format: the table only")
    .action(async (targets: string[], flags: AuditFlags) => {
      exitCode = await audit(targets, flags, io);
    });

  program
    .command("convert")
    .description("Convert a compose file to a Shipshape stack in TypeScript: hardened defaults, every weakening an explicit relaxation with a TODO reason.")
    .argument("<compose>", "compose file (compose.yml, docker-compose.yaml …)")
    .option("-o, --output <file>", "write the stack to this file instead of stdout")
    .option("--import-path <module>", "module the generated file imports defineService/defineStack/renderCompose from", "shipshape")
    .option("--stack-name <name>", "stack name (default: the compose name:, else the directory)")
    .option("--force", "overwrite --output if it exists")
    .action((file: string, flags: ConvertFlags) => {
      exitCode = convert(file, flags, io);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version" ? 0 : 2;
    throw e;
  }
  return exitCode;
}

async function audit(targets: string[], flags: AuditFlags, io: CliIo): Promise<number> {
  if (!targets.length && !flags.engine) {
    io.stderr("shipshape audit: nothing to audit. Give Dockerfiles or compose files, or --engine for the running containers, e.g. `shipshape audit compose.yml` or `shipshape audit --engine`.\n");
    return 2;
  }
  const filters: Record<string, string[]> = {};
  if (flags.label?.length) filters.label = flags.label;
  if (flags.name?.length) filters.name = flags.name;
  const showProgress = io.stderrIsTTY && !flags.output?.startsWith("/dev/stderr");
  let lastLen = 0;
  const onProgress = showProgress
    ? (done: number, total: number, label: string) => {
        const text = `  [${done}/${total}] ${label}`.slice(0, 100);
        io.stderr(`\r${text.padEnd(lastLen)}`);
        lastLen = text.length;
      }
    : undefined;
  const report = await runAudit({
    // Paths as the user wrote them read best in the report; resolve only for another cwd.
    targets: targets.map((t) => (path.resolve(io.cwd) === process.cwd() ? t : path.resolve(io.cwd, t))),
    ...(flags.engine ? { engine: { all: !!flags.all, images: flags.images, ...(Object.keys(filters).length ? { filters } : {}) } } : {}),
    resolveImages: flags.resolveImages,
    env: io.env,
    config: { ...(flags.allowedRegistry ? { allowedRegistries: flags.allowedRegistry } : {}), ...(flags.requireDigest ? { requireDigest: true } : {}) },
    ...(onProgress ? { onProgress } : {}),
  });
  if (showProgress && lastLen) io.stderr(`\r${" ".repeat(lastLen)}\r`);
  const text = renderReport(report, flags.format, { color: flags.color !== false && !flags.output && (io.stdoutIsTTY || !!io.env.FORCE_COLOR), details: flags.details });
  if (flags.output) {
    fs.mkdirSync(path.dirname(path.resolve(io.cwd, flags.output)), { recursive: true });
    fs.writeFileSync(path.resolve(io.cwd, flags.output), text);
    io.stderr(`shipshape audit: ${flags.format} report written to ${flags.output} (overall score ${report.score}/100)\n`);
  } else io.stdout(text);
  for (const e of report.errors) if (flags.format !== "terminal" || flags.output) io.stderr(`shipshape audit: ${e.target}: ${e.message}\n`);
  if (report.errors.length) return 2;
  if (flags.failUnder !== undefined && report.score < flags.failUnder) {
    io.stderr(`shipshape audit: overall score ${report.score} is below --fail-under ${flags.failUnder}\n`);
    return 1;
  }
  return 0;
}

function convert(file: string, flags: ConvertFlags, io: CliIo): number {
  const abs = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8");
  } catch {
    io.stderr(`shipshape convert: cannot read ${file}: no such file. Give the path of a compose file, e.g. \`shipshape convert compose.yml -o stack.ts\`.\n`);
    return 2;
  }
  let result;
  try {
    result = convertComposeDetailed(text, { file: abs, importPath: flags.importPath, ...(flags.stackName ? { stackName: flags.stackName } : {}), env: io.env });
  } catch (e) {
    io.stderr(`shipshape convert: ${e instanceof SpecError ? e.message : (e as Error).message}\n`);
    return 2;
  }
  if (flags.output) {
    const out = path.resolve(io.cwd, flags.output);
    if (fs.existsSync(out) && !flags.force) {
      io.stderr(`shipshape convert: ${flags.output} exists; pass --force to overwrite it.\n`);
      return 2;
    }
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, result.code);
  } else io.stdout(result.code);
  const relax = result.services.reduce((n, s) => n + s.relax.length, 0);
  const errors = result.services.reduce((n, s) => n + s.errors.length, 0);
  const secrets = result.services.reduce((n, s) => n + s.movedSecrets.length, 0);
  io.stderr(
    `shipshape convert: ${result.services.length} service${result.services.length === 1 ? "" : "s"} → stack "${result.stackName}"${flags.output ? ` in ${flags.output}` : ""}: ` +
      `${relax} relaxation${relax === 1 ? "" : "s"} to justify (TODO), ${errors} setting${errors === 1 ? "" : "s"} that cannot be expressed (ERROR), ${secrets} secret${secrets === 1 ? "" : "s"} moved out of environment.\n`,
  );
  for (const s of result.services) for (const e of s.errors) io.stderr(`  ${s.name}: ERROR${e.ruleId ? ` ${e.ruleId}` : ""} \`${e.setting}\`: ${e.message}\n`);
  return 0;
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      process.stderr.write(`shipshape: ${e.stack ?? e.message}\n`);
      process.exitCode = 2;
    },
  );
}
