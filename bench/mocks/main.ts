/**
 * Benchmark (issue 6): a 200-service stack under Pulumi mocks, written with Shipshape's
 * DockerStack vs the same containers as raw `@pulumi/docker` resources (bench/mocks/raw.ts),
 * in one run:
 * - wall time: both variants alternate in this process (after a warm-up of each), medians;
 * - peak memory: each variant once in its own child process (`--child <variant>`), so heaps
 *   never mix; peak RSS from `process.resourceUsage().maxRSS`, peak heap sampled;
 * - policy-pack throughput: the in-process evaluator (sdk/testing) over the Shipshape stack.
 * Writes `mocks` into bench/results.json (read-modify-write: other benchmarks own other keys).
 *
 *   bash scripts/bench.sh mocks [--rounds 5] [--services 200]
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { DockerStack } from "../../sdk/docker";
import { evaluatePolicies, runProgramUnderMocks } from "../../sdk/testing";
import { allPolicies } from "../../sdk/policy/policies";
import { BENCH_STACK, benchSecretValues, benchServices } from "./services";
import { rawPlan, registerRaw } from "./raw";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

type Variant = "shipshape" | "raw";
export const GOAL_RATIO = 1.5;

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** One program run under fresh mocks: time from the first registration call until every RPC has settled. */
async function runOnce(variant: Variant, n: number): Promise<{ ms: number; resources: number }> {
  let resources = 0;
  pulumi.runtime.setAllConfig({}, []);
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        resources++;
        return { id: `${a.name}-id`, state: a.inputs };
      },
      call: (a) => a.inputs,
    },
    "bench",
    "bench",
    false,
  );
  // Untimed: what the team writes down (service inputs; for raw, the literal provider args).
  const services = benchServices(n);
  const secretValues = benchSecretValues(services);
  const plan = variant === "raw" ? rawPlan(BENCH_STACK, services, secretValues) : undefined;
  const t0 = performance.now();
  if (variant === "shipshape") new DockerStack(BENCH_STACK, { services, secretValues });
  else registerRaw(BENCH_STACK, plan!);
  await settings.waitForRPCs();
  return { ms: performance.now() - t0, resources };
}

/** Child process: one run of one variant, report its peak memory. */
async function child(variant: Variant, n: number): Promise<void> {
  let peakHeap = process.memoryUsage().heapUsed;
  const before = process.memoryUsage().rss;
  const timer = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const r = await runOnce(variant, n);
  clearInterval(timer);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const out = { variant, resources: r.resources, ms: r.ms, rssBeforeBytes: before, maxRssBytes: process.resourceUsage().maxRSS * 1024, peakHeapBytes: peakHeap };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function spawnChild(variant: Variant, n: number): { maxRssBytes: number; peakHeapBytes: number; rssBeforeBytes: number; resources: number } {
  const r = spawnSync(process.execPath, [__filename, "--child", variant, "--services", String(n)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${variant} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

function repoRoot(): string {
  for (const start of [__dirname, process.cwd()])
    for (let d = start; ; d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, "package.json")) && fs.existsSync(path.join(d, "sdk"))) return d;
      if (path.dirname(d) === d) break;
    }
  throw new Error(`cannot find the repository root (package.json + sdk/) above ${__dirname}`);
}

/** Read-modify-write of one key, so the images benchmark's key survives. */
export function mergeResults(file: string, key: string, value: unknown): void {
  let all: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      all = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new Error(`${file} is not valid JSON (${(e as Error).message}); fix or delete it, then rerun.`);
    }
  }
  all[key] = value;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

async function main(): Promise<void> {
  const n = arg("services", 200);
  const rounds = arg("rounds", 5);
  const log = (s: string) => process.stderr.write(`[mocks-bench] ${s}\n`);

  // Wall time: warm up each variant once (JIT, module caches), then alternate.
  log(`${n} services, ${rounds} alternating rounds`);
  const times: Record<Variant, number[]> = { shipshape: [], raw: [] };
  const resources: Record<Variant, number> = { shipshape: 0, raw: 0 };
  await runOnce("shipshape", n);
  await runOnce("raw", n);
  for (let i = 0; i < rounds; i++)
    for (const v of (i % 2 ? ["raw", "shipshape"] : ["shipshape", "raw"]) as Variant[]) {
      (global as { gc?: () => void }).gc?.();
      const r = await runOnce(v, n);
      times[v].push(r.ms);
      resources[v] = r.resources;
      log(`round ${i + 1} ${v}: ${r.ms.toFixed(0)} ms, ${r.resources} resources`);
    }
  const wall = { shipshape: median(times.shipshape), raw: median(times.raw) };

  // Peak memory: one child per variant.
  const mem = { shipshape: spawnChild("shipshape", n), raw: spawnChild("raw", n) };
  log(`peak RSS shipshape ${(mem.shipshape.maxRssBytes / 2 ** 20).toFixed(0)} MiB, raw ${(mem.raw.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);

  // Policy-pack throughput over the Shipshape stack, evaluated in-process as CrossGuard would.
  const services = benchServices(n);
  const run = await runProgramUnderMocks(() => {
    new DockerStack(BENCH_STACK, { services, secretValues: benchSecretValues(services) });
  });
  const custom = run.resources.filter((r) => r.custom).length;
  await evaluatePolicies(run); // warm-up
  const evalTimes: number[] = [];
  let violations = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const report = await evaluatePolicies(run);
    evalTimes.push(performance.now() - t0);
    violations = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  }
  const evalMs = median(evalTimes);
  log(`policy pack: ${run.resources.length} resources (${custom} custom) x ${allPolicies.length} policies in ${evalMs.toFixed(0)} ms`);

  const result = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    services: n,
    rounds,
    resources: resources,
    wallTimeMs: { shipshape: round(wall.shipshape, 1), raw: round(wall.raw, 1), runs: { shipshape: times.shipshape.map((x) => round(x, 1)), raw: times.raw.map((x) => round(x, 1)) } },
    wallTimeRatio: round(wall.shipshape / wall.raw),
    goalRatio: GOAL_RATIO,
    meetsGoal: wall.shipshape / wall.raw <= GOAL_RATIO,
    peakMemory: {
      maxRssMiB: { shipshape: round(mem.shipshape.maxRssBytes / 2 ** 20, 1), raw: round(mem.raw.maxRssBytes / 2 ** 20, 1) },
      ratio: round(mem.shipshape.maxRssBytes / mem.raw.maxRssBytes),
      /** Above the RSS after loading modules, before the program: the program's own growth. */
      programGrowthMiB: {
        shipshape: round((mem.shipshape.maxRssBytes - mem.shipshape.rssBeforeBytes) / 2 ** 20, 1),
        raw: round((mem.raw.maxRssBytes - mem.raw.rssBeforeBytes) / 2 ** 20, 1),
      },
      peakHeapMiB: { shipshape: round(mem.shipshape.peakHeapBytes / 2 ** 20, 1), raw: round(mem.raw.peakHeapBytes / 2 ** 20, 1) },
      method: "one child process per variant; maxRSS from process.resourceUsage(), heap sampled every 5 ms",
    },
    policyPack: {
      resources: run.resources.length,
      customResources: custom,
      policies: allPolicies.length,
      medianMs: round(evalMs, 1),
      /** Provider resources (what the resource policies check) per second; stack policies see every resource. */
      resourcesPerSecond: Math.round(custom / (evalMs / 1000)),
      allResourcesPerSecond: Math.round(run.resources.length / (evalMs / 1000)),
      mandatoryViolations: violations,
    },
  };
  const file = path.join(repoRoot(), "bench", "results.json");
  mergeResults(file, "mocks", result);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  log(`wall-time ratio ${result.wallTimeRatio} (goal <= ${GOAL_RATIO}): ${result.meetsGoal ? "met" : "NOT met"}; written to ${path.relative(process.cwd(), file)} (key "mocks")`);
}

const ci = process.argv.indexOf("--child");
if (ci > 0)
  child(process.argv[ci + 1] as Variant, arg("services", 200)).catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
else if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
