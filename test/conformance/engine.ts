/**
 * Conformance helpers: the real Docker engine that `bash scripts/engine.sh up` starts.
 *
 * - `requireEngine()` pings the daemon. Under CI (`CI=true`) an unreachable engine is an
 *   error, never a skip; locally it prints a loud warning and returns null.
 * - `describeWithEngine()` wraps a `describe` block: it skips (visibly, as "skipped") when
 *   the engine is down locally, and fails under CI.
 * - Image names, registries and the test label come from the environment with the same
 *   defaults as `bash scripts/engine.sh env`.
 */
import { execFileSync } from "node:child_process";
import { PassThrough } from "node:stream";
import Docker from "dockerode";

export const SOCKET_PATH = "/var/run/docker.sock";
export const REGISTRY = process.env.SHIPSHAPE_REGISTRY ?? "127.0.0.1:5000";
export const AUTH_REGISTRY = process.env.SHIPSHAPE_AUTH_REGISTRY ?? "127.0.0.1:5001";
export const REGISTRY_USER = process.env.SHIPSHAPE_REGISTRY_USER ?? "shipshape";
export const REGISTRY_PASSWORD = process.env.SHIPSHAPE_REGISTRY_PASSWORD ?? "shipshape-test";
export const BASE_IMAGE = process.env.SHIPSHAPE_BASE_IMAGE ?? "shipshape/debian:bookworm";
export const TESTSVC_IMAGE = process.env.SHIPSHAPE_TESTSVC_IMAGE ?? "shipshape/testsvc:1";
/** Every container a test creates carries this label; `engine.sh down` and `removeByLabel` clean them. */
export const TEST_LABEL_KEY = "org.shipshape.test";
export const TEST_LABEL = `${TEST_LABEL_KEY}=true`;
/** The numeric user the test service image runs as. */
export const TESTSVC_USER = "10001:10001";

const START_HINT = "Start it with: bash scripts/engine.sh up   (or: npm run engine:up)";

export function isCI(): boolean {
  return process.env.CI === "true";
}

let client: Docker | undefined;
/** The shared dockerode client on the default socket. */
export function engineClient(): Docker {
  client ??= new Docker({ socketPath: SOCKET_PATH });
  return client;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function engineMissingMessage(reason: string): string {
  return [
    `The Docker engine at unix://${SOCKET_PATH} is not reachable (${reason}).`,
    isCI()
      ? "The engine is required in CI (CI=true): conformance tests never skip there."
      : "Conformance tests that need it are SKIPPED in this run.",
    START_HINT,
  ].join("\n");
}

function loudWarning(reason: string): void {
  const bar = "!".repeat(78);
  process.stderr.write(
    `\n${bar}\n${engineMissingMessage(reason)
      .split("\n")
      .map((l) => `!!! ${l}`)
      .join("\n")}\n${bar}\n\n`,
  );
}

/**
 * Ping the daemon. Resolves to the client when it answers. When it does not: throws under
 * CI=true; otherwise warns loudly on stderr and resolves to null so the caller can skip.
 */
export async function requireEngine(): Promise<Docker | null> {
  const docker = engineClient();
  try {
    await withTimeout(docker.ping(), 10_000, "docker ping");
    return docker;
  } catch (err) {
    const reason = errorText(err);
    if (isCI()) throw new Error(engineMissingMessage(reason));
    loudWarning(reason);
    return null;
  }
}

let probed: { ok: boolean; reason: string } | undefined;
/**
 * A synchronous ping (a child node process), so that test files can decide at collection
 * time whether to register or skip their engine tests.
 */
export function engineAvailableSync(): { ok: boolean; reason: string } {
  if (probed) return probed;
  const script = `
    const req = require("http").request({ socketPath: ${JSON.stringify(SOCKET_PATH)}, path: "/_ping", timeout: 5000 },
      (res) => { process.stdout.write(String(res.statusCode)); res.resume(); });
    req.on("timeout", () => { req.destroy(new Error("timeout")); });
    req.on("error", (e) => { process.stdout.write("error: " + e.message); });
    req.end();`;
  try {
    const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 15_000 }).trim();
    probed = out === "200" ? { ok: true, reason: "" } : { ok: false, reason: out || "no answer" };
  } catch (err) {
    probed = { ok: false, reason: errorText(err) };
  }
  return probed;
}

/**
 * `describe` for tests that need the engine. `fn` receives a getter for the client, valid
 * inside hooks and tests. Engine down: under CI the block fails with a test that says why;
 * locally it is registered as skipped after a loud warning.
 */
export function describeWithEngine(name: string, fn: (docker: () => Docker) => void): void {
  const probe = engineAvailableSync();
  if (!probe.ok) {
    if (isCI()) {
      describe(name, () => {
        it("needs the Docker engine (required in CI)", () => {
          throw new Error(engineMissingMessage(probe.reason));
        });
      });
      return;
    }
    loudWarning(probe.reason);
    describe.skip(name, () => fn(() => engineClient()));
    return;
  }
  describe(name, () => {
    let docker: Docker | null = null;
    beforeAll(async () => {
      docker = await requireEngine();
    });
    fn(() => {
      if (!docker) throw new Error(engineMissingMessage("lost after the first probe"));
      return docker;
    });
  });
}

/** True when the image (name:tag, id or digest) exists in the engine. */
export async function imageExists(name: string, docker: Docker = engineClient()): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `State.Health.Status` until "healthy". Throws when the container has no healthcheck,
 * when it stops running, or on timeout (with the last health log entries).
 */
export async function waitHealthy(
  docker: Docker,
  containerId: string,
  timeoutMs: number,
): Promise<Docker.ContainerInspectInfo> {
  const deadline = Date.now() + timeoutMs;
  const container = docker.getContainer(containerId);
  let last: Docker.ContainerInspectInfo | undefined;
  for (;;) {
    last = await container.inspect();
    const health = last.State.Health;
    if (!health) {
      throw new Error(`container ${containerId} has no healthcheck (State.Health missing)`);
    }
    if (health.Status === "healthy") return last;
    if (!last.State.Running) {
      throw new Error(
        `container ${containerId} stopped while waiting for health (status ${last.State.Status}, ` +
          `exit code ${last.State.ExitCode}, OOMKilled ${last.State.OOMKilled})\n${await tailLogs(docker, containerId)}`,
      );
    }
    if (Date.now() >= deadline) break;
    await sleep(250);
  }
  const log = (last.State.Health?.Log ?? [])
    .slice(-3)
    .map((e) => `  [${e.Start}] exit ${e.ExitCode}: ${String(e.Output).trim()}`)
    .join("\n");
  throw new Error(
    `container ${containerId} not healthy after ${timeoutMs} ms (status ${last.State.Health?.Status}, ` +
      `failing streak ${last.State.Health?.FailingStreak})\nlast health checks:\n${log || "  (none yet)"}`,
  );
}

/** The last lines of a container's output, for error messages. */
export async function tailLogs(docker: Docker, containerId: string, lines = 30): Promise<string> {
  try {
    const buf = (await docker
      .getContainer(containerId)
      .logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    const chunks: Buffer[] = [];
    // Non-TTY logs are multiplexed: 8-byte frame headers.
    let i = 0;
    while (i + 8 <= buf.length) {
      const size = buf.readUInt32BE(i + 4);
      chunks.push(buf.subarray(i + 8, i + 8 + size));
      i += 8 + size;
    }
    return `last log lines of ${containerId.slice(0, 12)}:\n${Buffer.concat(chunks).toString("utf8")}`;
  } catch (err) {
    return `(could not read logs: ${errorText(err)})`;
  }
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Run a command in a running container; stdout and stderr demultiplexed. */
export async function execIn(
  docker: Docker,
  containerId: string,
  cmd: string[],
  opts: { user?: string; env?: string[]; workingDir?: string; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    User: opts.user,
    Env: opts.env,
    WorkingDir: opts.workingDir,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (c: Buffer) => out.push(c));
  stderr.on("data", (c: Buffer) => err.push(c));
  docker.modem.demuxStream(stream, stdout, stderr);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", reject);
  });
  await withTimeout(ended, opts.timeoutMs ?? 60_000, `exec ${JSON.stringify(cmd)}`);
  // The exit code can lag the end of the stream by a moment.
  let info = await exec.inspect();
  for (let i = 0; info.Running && i < 100; i++) {
    await sleep(50);
    info = await exec.inspect();
  }
  return {
    exitCode: info.ExitCode ?? -1,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
  };
}

/** Force-remove every container with the label (`key=value` or `key`), and their anonymous volumes. */
export async function removeByLabel(docker: Docker, label: string = TEST_LABEL): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch((e: { statusCode?: number }) => {
          if (e.statusCode !== 404) throw e; // already gone (e.g. AutoRemove)
        }),
    ),
  );
  return list.length;
}

/**
 * Start the test service image hardened the way Shipshape deploys it: numeric non-root user,
 * read-only root filesystem, /tmp tmpfs, all capabilities dropped, no-new-privileges, and the
 * test label. Returns the started container.
 */
export async function runTestsvc(
  docker: Docker,
  opts: {
    mode?: "web" | "api" | "worker";
    name?: string;
    env?: string[];
    cmd?: string[];
    labels?: Record<string, string>;
    hostConfig?: Docker.HostConfig;
  } = {},
): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: TESTSVC_IMAGE,
    name: opts.name,
    Cmd: opts.cmd ?? (opts.mode ? [opts.mode] : undefined),
    Env: opts.env,
    User: TESTSVC_USER,
    Labels: { [TEST_LABEL_KEY]: "true", ...opts.labels },
    HostConfig: {
      ReadonlyRootfs: true,
      Tmpfs: { "/tmp": "rw,noexec,nosuid,size=16m" },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ...opts.hostConfig,
    },
  });
  await container.start();
  return container;
}
