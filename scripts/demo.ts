/**
 * `npm run demo`: the whole value of Shipshape on a fresh machine, with no Pulumi CLI.
 * Starts the local engine, builds the demo services with the Shipshape recipes, deploys the
 * local-ai stack (and a notes API) from its compose rendering, waits until healthy, deploys the
 * same images the naive way, and prints `shipshape audit` scorecards for both side by side.
 *   npm run demo                 run (leaves the services up)
 *   npm run demo -- --clean      remove everything the demo made and stop what it started
 */
import { execFileSync, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import pc from "picocolors";
import { composeSecretName, defineService, renderCompose, renderReport, runAudit } from "../sdk";
import { lintDockerfile, nodeRecipe, pythonRecipe } from "../sdk/image";
import type { AuditReport } from "../sdk";
import { DEMO_PROJECT, demoServices, IMAGES, NAIVE_PROJECT, naiveCompose } from "../examples/demo/services";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".shipshape", "demo");
const DOCKER = "/usr/bin/docker";
const BASE = process.env.SHIPSHAPE_BASE_IMAGE ?? "shipshape/debian:bookworm";
const STEPS = 6;
const started = Date.now();
let step = 0;

class DemoError extends Error {}

function stepStart(title: string): number {
  step += 1;
  process.stdout.write(`${pc.bold(`[${step}/${STEPS}]`)} ${title}\n`);
  return Date.now();
}
const secs = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)}s`;
const ok = (msg: string) => process.stdout.write(`      ${pc.green("✔")} ${msg}\n`);

/** Run a command with its output in a log file; on failure say which step and where the log is. */
function run(cmd: string, args: string[], logName: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  fs.mkdirSync(WORK, { recursive: true });
  const log = path.join(WORK, `${logName}.log`);
  const fd = fs.openSync(log, "w");
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  if (r.error) throw new DemoError(`${cmd} could not run (${r.error.message}). Is it installed? \`bash scripts/engine.sh up\` installs the engine's tools.`);
  if (r.status !== 0) {
    const tail = fs.readFileSync(log, "utf8").trim().split("\n").slice(-15).join("\n");
    throw new DemoError(`\`${cmd} ${args.join(" ")}\` failed (exit ${r.status}). Last lines of ${path.relative(ROOT, log)}:\n${tail}`);
  }
}

function compose(project: string, file: string, ...args: string[]): void {
  run("docker-compose", ["--ansi", "never", "-p", project, "-f", file, "--compatibility", ...args], `compose-${project}-${args[0]}`, { cwd: path.dirname(file) });
}

function imageSize(ref: string): number {
  return Number(execFileSync(DOCKER, ["image", "inspect", "-f", "{{.Size}}", ref], { encoding: "utf8" }).trim());
}

async function waitHealthy(project: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = execFileSync(DOCKER, ["ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    const states = ids.map((id) => execFileSync(DOCKER, ["inspect", "-f", "{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}", id], { encoding: "utf8" }).trim());
    if (states.length && states.every((s) => s.endsWith(" healthy"))) return;
    if (Date.now() > deadline) throw new DemoError(`services of ${project} not healthy after ${timeoutMs / 1000}s:\n  ${states.join("\n  ")}\nLogs: docker-compose -p ${project} logs`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function buildImages(): void {
  const apps = path.join(ROOT, "examples", "demo", "apps");
  const recipes = {
    "local-ai-mcp": nodeRecipe({ name: "local-ai-mcp", command: ["node", "server.js"], baseImage: BASE, port: 8080, healthPath: "/health", source: ["server.js"] }),
    "notes-api": pythonRecipe({ name: "notes-api", command: ["python3", "app.py"], baseImage: BASE, port: 8000, healthPath: "/health", requirements: null, uid: 10002, gid: 10002, source: ["app.py"], dataDirs: ["/data"] }),
  };
  for (const [name, recipe] of Object.entries(recipes)) {
    const lint = lintDockerfile(recipe.dockerfile);
    if (lint.errors) throw new DemoError(`the ${name} recipe fails lint: ${lint.findings.map((e) => `${e.ruleId} ${e.message}`).join("; ")}`);
    const ctx = path.join(WORK, "build", name);
    fs.rmSync(ctx, { recursive: true, force: true });
    fs.cpSync(path.join(apps, name), ctx, { recursive: true });
    fs.writeFileSync(path.join(ctx, "Dockerfile"), recipe.dockerfile);
    fs.writeFileSync(path.join(ctx, ".dockerignore"), recipe.dockerignore);
    const t = Date.now();
    const ref = IMAGES[name as keyof typeof IMAGES];
    run(DOCKER, ["build", "-t", ref, "--label", "org.shipshape.demo=true", ctx], `build-${name}`, { env: { DOCKER_BUILDKIT: "1" } });
    ok(`${name}: ${recipe.runtime} recipe, lint ${lint.errors} errors/${lint.warnings} warnings, built ${ref} (${(imageSize(ref) / 1e6).toFixed(1)} MB) in ${secs(t)}`);
  }
}

function deployHardened(secret: string): string {
  const dir = path.join(WORK, "hardened");
  fs.mkdirSync(path.join(dir, "secrets"), { recursive: true, mode: 0o755 });
  const services = demoServices();
  const file = path.join(dir, "compose.yml");
  fs.writeFileSync(file, renderCompose({ name: DEMO_PROJECT, services }));
  // Compose (without swarm) bind-mounts secret files as they are: the service user must own them.
  for (const svc of services.map((s) => defineService(s)))
    for (const s of svc.secrets) {
      const f = path.join(dir, "secrets", composeSecretName(s.configKey));
      fs.writeFileSync(f, secret, { mode: 0o400 });
      fs.chownSync(f, svc.user.uid, svc.user.gid);
    }
  compose(DEMO_PROJECT, file, "up", "-d");
  return file;
}

function deployNaive(secret: string): string {
  const dir = path.join(WORK, "naive");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "compose.yml");
  fs.writeFileSync(file, naiveCompose(secret));
  compose(NAIVE_PROJECT, file, "up", "-d");
  return file;
}

async function audit(project: string): Promise<AuditReport> {
  return runAudit({ engine: { filters: { label: [`com.docker.compose.project=${project}`] }, images: "none" } });
}

function sideBySide(naive: AuditReport, hardened: AuditReport): string {
  const rows = hardened.subjects.map((h) => {
    const service = h.name.replace(/^.*?_(.+?)_\d+$/, "$1");
    const n = naive.subjects.find((x) => x.name.includes(`_${service}_`));
    return { service, naive: n?.score ?? 0, shipshape: h.score, naiveFindings: n?.findings.length ?? 0, findings: h.findings.length };
  });
  const lines = [
    `${"SERVICE".padEnd(16)}${"NAIVE".padStart(7)}${"SHIPSHAPE".padStart(11)}   FINDINGS (naive → shipshape)`,
    ...rows.map((r) => `${r.service.padEnd(16)}${String(r.naive).padStart(7)}${pc.green(String(r.shipshape).padStart(11))}   ${r.naiveFindings} → ${r.findings}`),
    `${"overall".padEnd(16)}${String(naive.score).padStart(7)}${pc.bold(pc.green(String(hardened.score).padStart(11)))}`,
  ];
  return lines.join("\n");
}

/** The services work as well as pass the audit: the secret file authenticates, the data volume takes writes. */
async function smokeTest(secret: string): Promise<void> {
  const mcp = (auth?: string) => fetch("http://127.0.0.1:8080/mcp", { method: "POST", headers: auth ? { authorization: `Bearer ${auth}` } : {} }).then((r) => r.status);
  const [withSecret, without] = [await mcp(secret), await mcp()];
  if (withSecret !== 200 || without !== 401) throw new DemoError(`local-ai-mcp answered ${withSecret} with its secret and ${without} without (expected 200 and 401)`);
  ok("local-ai-mcp reads its secret from /run/secrets/mcp_secret: 200 with it, 401 without");
  const note = await fetch("http://127.0.0.1:8000/notes", { method: "POST", body: "first note" });
  if (note.status !== 201) throw new DemoError(`notes-api could not write to its data volume (HTTP ${note.status}): ${await note.text()}`);
  ok(`notes-api wrote to its data volume as UID 10002 (${(await note.text()).trim()})`);
}

function clean(): void {
  for (const [project, sub] of [[DEMO_PROJECT, "hardened"], [NAIVE_PROJECT, "naive"]] as const) {
    const file = path.join(WORK, sub, "compose.yml");
    if (fs.existsSync(file)) {
      compose(project, file, "down", "-v", "--remove-orphans");
      ok(`removed ${project} (containers, networks, volumes)`);
    }
  }
  for (const ref of Object.values(IMAGES)) spawnSync(DOCKER, ["rmi", "-f", ref], { stdio: "ignore" });
  ok("removed the demo images");
  run("bash", ["scripts/engine.sh", "down"], "engine-down");
  ok("stopped what scripts/engine.sh started");
  fs.rmSync(WORK, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (process.argv.includes("--clean")) {
    process.stdout.write(pc.bold("Shipshape demo: cleaning up\n"));
    clean();
    return;
  }
  process.stdout.write(pc.bold("Shipshape demo: hardened by default, proven on a real engine\n\n"));
  let t = stepStart("Local Docker engine, base image and registry (scripts/engine.sh up)");
  run("bash", ["scripts/engine.sh", "up"], "engine-up");
  ok(`engine ready in ${secs(t)}`);

  t = stepStart("Build the services with the Shipshape recipes (multi-stage, non-root, distroless)");
  buildImages();

  const secret = crypto.randomBytes(24).toString("base64url");
  t = stepStart("Deploy the local-ai stack from its compose rendering and wait until healthy");
  const file = deployHardened(secret);
  await waitHealthy(DEMO_PROJECT, 180_000);
  ok(`healthy in ${secs(t)} (compose file: ${path.relative(ROOT, file)})`);
  await smokeTest(secret);

  t = stepStart("Deploy the same images the naive way (root, no limits, no healthcheck, 0.0.0.0, secret in env)");
  deployNaive(secret);
  ok(`running in ${secs(t)}`);

  t = stepStart("Audit both deployments on the engine (shipshape audit --engine)");
  const [naive, hardened] = [await audit(NAIVE_PROJECT), await audit(DEMO_PROJECT)];
  ok(`audited ${naive.subjects.length + hardened.subjects.length} containers in ${secs(t)}`);

  stepStart("Scorecards");
  process.stdout.write(`\n${sideBySide(naive, hardened)}\n\n`);
  process.stdout.write(pc.bold("Naive deployment\n") + renderReport(naive, "terminal", { color: !!process.stdout.isTTY, details: false }) + "\n");
  process.stdout.write(pc.bold("Shipshape deployment\n") + renderReport(hardened, "terminal", { color: !!process.stdout.isTTY, details: true }) + "\n");
  process.stdout.write(`Done in ${secs(started)}. The services are still running (http://127.0.0.1:8080/health).\nRemove everything with: ${pc.bold("npm run demo -- --clean")}\n`);
}

main().catch((e) => {
  process.stderr.write(`\n${pc.red("demo failed:")} ${e instanceof DemoError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});
