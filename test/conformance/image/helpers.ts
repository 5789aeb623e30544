import { spawnSync } from "node:child_process";

export const DOCKER = "/usr/bin/docker";
/** Prefix of every image, repository and container these tests create. */
export const PREFIX = "ss-image-conf";
export const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a program (no shell), capturing output; env adds to process.env. */
export function run(cmd: string, args: readonly string[], o: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {}): Run {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, DOCKER_BUILDKIT: "1", ...o.env }, input: o.input, cwd: o.cwd, timeout: o.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

/** Like run, but throws with the output when the exit status is not 0. */
export function must(cmd: string, args: readonly string[], o: Parameters<typeof run>[2] = {}): Run {
  const r = run(cmd, args, o);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return r;
}

/** Build an image from a Dockerfile given as text with BuildKit; returns the image id. */
export function buildFromText(tag: string, dockerfile: string, context = "-"): string {
  if (context === "-") must(DOCKER, ["build", "-q", "-t", tag, "-"], { input: dockerfile });
  else must(DOCKER, ["build", "-q", "-t", tag, "-f", "-", context], { input: dockerfile });
  return must(DOCKER, ["image", "inspect", "--format", "{{.Id}}", tag]).stdout.trim();
}
