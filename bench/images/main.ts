/**
 * Image benchmark (`npm run bench`): for each sample service, on the real engine —
 * the naive single-stage image vs the Shipshape recipe (size), the recipe's cold build
 * (`--no-cache`, fresh cache-mount ids) vs its rebuild after a one-line source change, and
 * the recipe image vs the floor (the files the service opens while it serves requests).
 * Results: bench/results.json (key `images`) and the table in bench/README.md.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lintDockerfile } from "../../sdk/image/lint";
import { build, imageBytes, imageId, must, PREFIX, run } from "./docker";
import { buildTracer, measureFloor } from "./floor";
import { repoRoot } from "./paths";
import { ImagesResult, mergeResults, ServiceResult, writeReadme } from "./results";
import { BASE_IMAGE, BenchService, SERVICES } from "./services";

const log = (m: string) => process.stderr.write(`[bench:images] ${m}\n`);

function context(s: BenchService, dir: string, files: Record<string, string>): string {
  fs.cpSync(s.dir, dir, { recursive: true, filter: (src) => !/Dockerfile\.naive$/.test(src) });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

function edit(dir: string, s: BenchService): void {
  const file = path.join(dir, s.edit.file);
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(s.edit.from)) throw new Error(`${s.name}: "${s.edit.from}" not found in ${s.edit.file}`);
  fs.writeFileSync(file, text.replace(s.edit.from, s.edit.to));
}

async function benchService(s: BenchService, work: string, runId: string): Promise<ServiceResult> {
  const naiveText = fs.readFileSync(path.join(s.dir, s.naiveDockerfile), "utf8");
  const recipe = s.recipe(`${PREFIX}-${runId}`);
  const naiveCtx = context(s, path.join(work, `${s.name}-naive`), { Dockerfile: naiveText });
  const recipeCtx = context(s, path.join(work, `${s.name}-recipe`), { Dockerfile: recipe.dockerfile, ".dockerignore": recipe.dockerignore });
  const naiveTag = `${PREFIX}/${s.name}:naive`;
  const recipeTag = `${PREFIX}/${s.name}:recipe`;

  log(`${s.name}: naive single-stage build (layer cache allowed; only its size is compared)`);
  const naiveBuild = build(naiveTag, naiveCtx);
  const naiveBytes = imageBytes(naiveTag);
  log(`${s.name}: naive ${(naiveBytes / 1e6).toFixed(1)} MB in ${naiveBuild.toFixed(1)} s`);

  log(`${s.name}: recipe cold build (--no-cache, fresh cache mounts ${PREFIX}-${runId}-*)`);
  const cold = build(recipeTag, recipeCtx, { noCache: true });
  const recipeBytes = imageBytes(recipeTag);
  const before = imageId(recipeTag);
  log(`${s.name}: recipe ${(recipeBytes / 1e6).toFixed(1)} MB, cold ${cold.toFixed(1)} s`);

  edit(recipeCtx, s);
  const rebuild = build(recipeTag, recipeCtx);
  if (imageId(recipeTag) === before) throw new Error(`${s.name}: the rebuild after editing ${s.edit.file} produced the same image; the edit did not reach the image`);
  log(`${s.name}: recipe rebuild after a one-line change ${rebuild.toFixed(1)} s`);

  edit(naiveCtx, s);
  const naiveRebuild = build(naiveTag, naiveCtx);
  log(`${s.name}: naive rebuild after the same change ${naiveRebuild.toFixed(1)} s`);

  log(`${s.name}: floor (strace of the running service)`);
  const floor = await measureFloor(s, recipeTag);
  log(`${s.name}: floor ${(floor.bytes / 1e6).toFixed(1)} MB in ${floor.files} files`);

  const nl = lintDockerfile(naiveText, { dockerignore: null });
  const rl = lintDockerfile(recipe.dockerfile, { dockerignore: recipe.dockerignore });
  return {
    naive: { bytes: naiveBytes, buildSeconds: naiveBuild, rebuildSeconds: naiveRebuild, lintErrors: nl.errors, lintWarnings: nl.warnings },
    recipe: { bytes: recipeBytes, coldSeconds: cold, rebuildSeconds: rebuild, lintErrors: rl.errors, lintWarnings: rl.warnings },
    floor,
    ratios: { sizeReduction: 1 - recipeBytes / naiveBytes, rebuildOverCold: rebuild / cold, recipeOverFloor: recipeBytes / floor.bytes },
  };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const t0 = Date.now();
  const runId = Date.now().toString(36);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}-`));
  try {
    log(`tracer image (strace) for the floor measurement`);
    buildTracer(`${PREFIX}-tracer`);
    const services: Record<string, ServiceResult> = {};
    for (const s of SERVICES) services[s.name] = await benchService(s, work, runId);
    const all = Object.values(services);
    const naiveBytes = all.reduce((a, x) => a + x.naive.bytes, 0);
    const recipeBytes = all.reduce((a, x) => a + x.recipe.bytes, 0);
    const floorBytes = all.reduce((a, x) => a + x.floor.bytes, 0);
    const met = all.every((x) => x.ratios.sizeReduction >= 0.6 && x.ratios.rebuildOverCold < 0.1);
    const result: ImagesResult = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, docker: must(["version", "--format", "{{.Server.Version}}"]).stdout.trim(), baseImage: BASE_IMAGE },
      method:
        "Sizes: docker image inspect .Size (uncompressed). Cold: docker build --no-cache with BuildKit cache-mount ids unique to this run (apt downloads from the Debian mirror). Rebuild: one-line source edit, layer cache and cache mounts warm. Floor: bytes of the distinct regular files the running service opened or executed under strace while serving its endpoints, plus the ELF loader. Naive: one stage, full Debian with build tools, apt caches left, dev dependencies, root; built with layer cache allowed since only its size is compared.",
      services,
      fleet: { naiveBytes, recipeBytes, floorBytes, sizeReduction: 1 - recipeBytes / naiveBytes },
      goals: { sizeReductionAtLeast: 0.6, rebuildUnder: 0.1, met },
    };
    mergeResults(path.join(root, "bench/results.json"), result);
    writeReadme(path.join(root, "bench/README.md"), result);
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: fleet ${(naiveBytes / 1e6).toFixed(1)} MB -> ${(recipeBytes / 1e6).toFixed(1)} MB (-${((1 - recipeBytes / naiveBytes) * 100).toFixed(1)}%), goals ${met ? "met" : "NOT met"}`);
    if (!met) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    // the naive images stay (tagged ss-bench/*:naive) so their layer cache makes the next run fast
    for (const s of SERVICES) run(["rmi", "-f", `${PREFIX}/${s.name}:recipe`]);
  }
}

main().catch((e) => {
  process.stderr.write(`[bench:images] FAILED: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
