import { spawnSync } from "node:child_process";

export const DOCKER = "/usr/bin/docker";
/** Prefix of every image and container the benchmark creates on the shared daemon. */
export const PREFIX = "ss-bench";

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export function run(args: readonly string[], o: { input?: string | Buffer; cwd?: string; timeoutMs?: number } = {}): Run {
  const t0 = Date.now();
  const r = spawnSync(DOCKER, args, { encoding: "utf8", input: o.input, cwd: o.cwd, env: { ...process.env, DOCKER_BUILDKIT: "1" }, timeout: o.timeoutMs ?? 900_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : ""), seconds: (Date.now() - t0) / 1000 };
}

export function must(args: readonly string[], o: Parameters<typeof run>[1] = {}): Run {
  const r = run(args, o);
  if (r.status !== 0) throw new Error(`docker ${args.join(" ")} failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r;
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Wait up to 2 minutes for the daemon to answer (the daemon is shared and may be restarted by another run). */
function waitDaemon(): void {
  for (let i = 0; i < 120; i++) {
    if (run(["info", "--format", "{{.ServerVersion}}"]).status === 0) return;
    sleepSync(1000);
  }
  throw new Error("the Docker daemon did not come back within 2 minutes");
}

/**
 * `docker build` with BuildKit, timed with Date.now around the whole command. A build cut off
 * by a daemon restart ("unexpected EOF", lost connection) is retried once and the retry is
 * what is timed; any other failure is an error.
 */
export function build(tag: string, context: string, o: { noCache?: boolean; dockerfile?: string } = {}): number {
  const args = ["build", "--progress=plain", "-t", tag, ...(o.noCache ? ["--no-cache"] : []), ...(o.dockerfile ? ["-f", o.dockerfile] : []), context];
  for (let attempt = 1; ; attempt++) {
    const r = run(args);
    if (r.status === 0) return r.seconds;
    const cutOff = /unexpected EOF|Cannot connect to the Docker daemon|connection reset|closed network connection/.test(r.stderr);
    if (!cutOff || attempt > 2) throw new Error(`docker ${args.join(" ")} failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    process.stderr.write(`[bench:images] build of ${tag} cut off by the daemon (${r.stderr.trim().split("\n").pop()}); retrying\n`);
    waitDaemon();
  }
}

/** Image size in bytes as `docker image inspect` reports it (uncompressed, all layers). */
export function imageBytes(ref: string): number {
  return Number(must(["image", "inspect", "--format", "{{.Size}}", ref]).stdout.trim());
}

export function imageId(ref: string): string {
  return must(["image", "inspect", "--format", "{{.Id}}", ref]).stdout.trim();
}
