import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BASE_IMAGE, BenchService } from "./services";
import { DOCKER, must, PREFIX, run } from "./docker";

/**
 * The floor: the bytes of the files a service truly needs at run time. The service runs in
 * its recipe image under strace (a static copy of strace and its libraries added at
 * /.strace), the benchmark exercises its endpoints, and every file it successfully opens or
 * executes — interpreter, shared libraries, modules, its own code, data files — is summed
 * once, after resolving symlinks, with the sizes from the image's own filesystem. The ELF
 * loader, which the kernel maps without an open(), is added.
 */
export interface Floor {
  readonly bytes: number;
  readonly files: number;
  /** The ten largest files, for the README. */
  readonly largest: readonly { readonly path: string; readonly bytes: number }[];
}

const TRACER = `${PREFIX}/tracer:1`;
const LOADER = "/lib64/ld-linux-x86-64.so.2";

/** The tracer image: strace and the libraries it loads, copied under /s. */
export function buildTracer(cacheId: string): void {
  const dockerfile = [
    `FROM ${BASE_IMAGE}`,
    `RUN --mount=type=cache,id=${cacheId}-apt-cache,target=/var/cache/apt,sharing=locked \\`,
    `    --mount=type=cache,id=${cacheId}-apt-lists,target=/var/lib/apt,sharing=locked \\`,
    `    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y --no-install-recommends strace \\`,
    `    && mkdir -p /s && for f in /usr/bin/strace $(ldd /usr/bin/strace | grep -o '/[^ ]*'); do cp --parents -L "$f" /s; done`,
    "",
  ].join("\n");
  must(["build", "-q", "-t", TRACER, "-"], { input: dockerfile });
}

interface Entry {
  type: string;
  size: number;
  link?: string;
}

/** The image's filesystem as `tar -tv` sees it after `docker export`. */
function listImage(image: string): Map<string, Entry> {
  const c = must(["create", image]).stdout.trim();
  try {
    const r = spawnSync("sh", ["-c", `${DOCKER} export ${c} | tar --numeric-owner -tvf -`], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`docker export | tar failed: ${r.stderr}`);
    const m = new Map<string, Entry>();
    for (const line of r.stdout.split("\n")) {
      const x = /^(\S)\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(line);
      if (!x) continue;
      let name = x[3];
      let link: string | undefined;
      if (x[1] === "l") [name, link] = name.split(" -> ");
      else if (x[1] === "h") [name, link] = name.split(" link to ");
      const p = "/" + name.replace(/^\.?\//, "").replace(/\/$/, "");
      m.set(p, { type: x[1], size: Number(x[2]), link: x[1] === "h" ? "/" + link!.replace(/^\.?\//, "") : link });
    }
    return m;
  } finally {
    run(["rm", "-f", c]);
  }
}

/** Resolve symlinks component by component; undefined when the path does not exist. */
function resolve(fsMap: Map<string, Entry>, p: string, depth = 0): string | undefined {
  if (depth > 40) return undefined;
  const parts = p.split("/").filter(Boolean);
  let cur = "";
  for (let i = 0; i < parts.length; i++) {
    const next = path.posix.normalize(`${cur}/${parts[i]}`);
    const e = fsMap.get(next);
    if (!e) return undefined;
    if (e.type === "l") {
      const target = e.link!.startsWith("/") ? e.link! : path.posix.join(cur || "/", e.link!);
      return resolve(fsMap, path.posix.join(target, ...parts.slice(i + 1)), depth + 1);
    }
    cur = next;
  }
  return cur || "/";
}

/** Paths a strace log shows were opened or executed successfully (joins unfinished/resumed halves). */
export function openedPaths(trace: string, workdir: string): Set<string> {
  const pending = new Map<string, { path: string; dir: boolean }>();
  const out = new Set<string>();
  const add = (p: string, dir: boolean, result: string) => {
    if (dir || !/^\d+/.test(result.trim())) return;
    out.add(p.startsWith("/") ? p : path.posix.join(workdir, p));
  };
  for (const line of trace.split("\n")) {
    const pid = /^(\d+)\s+/.exec(line)?.[1] ?? "0";
    const call = /(execve|openat|open)\((?:AT_FDCWD, )?"([^"]+)"(.*)$/.exec(line);
    if (call) {
      const dir = /O_DIRECTORY/.test(call[3]);
      const done = /\)\s+=\s+(.*)$/.exec(call[3]);
      if (done) add(call[2], dir, done[1]);
      else if (/<unfinished \.\.\.>/.test(call[3])) pending.set(pid, { path: call[2], dir });
      continue;
    }
    const resumed = /<\.\.\. (?:execve|openat|open) resumed>.*\)\s+=\s+(.*)$/.exec(line);
    if (resumed && pending.has(pid)) {
      const p = pending.get(pid)!;
      pending.delete(pid);
      add(p.path, p.dir, resumed[1]);
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run the service in `image` under strace, exercise it and sum the files it used. */
export async function measureFloor(s: BenchService, image: string): Promise<Floor> {
  const probe = `${PREFIX}/probe-${s.name}:1`;
  must(["build", "-q", "-t", probe, "-"], { input: `FROM ${TRACER} AS t\nFROM ${image}\nCOPY --from=t /s /.strace\n` });
  const cfg = JSON.parse(must(["image", "inspect", "--format", "{{json .Config}}", image]).stdout) as { WorkingDir: string };
  const name = `${PREFIX}-floor-${s.name}-${process.pid}`;
  run(["rm", "-f", name]);
  const lib = ["/.strace/lib/x86_64-linux-gnu", "/.strace/usr/lib/x86_64-linux-gnu"].join(":");
  must(["run", "-d", "--name", name, "--label", "org.shipshape.test=true", "-p", `127.0.0.1::${s.port}`, "--entrypoint", `/.strace${LOADER}`, probe,
    "--library-path", lib, "/.strace/usr/bin/strace", "-f", "-qq", "-e", "trace=open,openat,execve", "-o", "/tmp/trace", ...s.command]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}-floor-`));
  try {
    const port = must(["port", name, `${s.port}/tcp`]).stdout.trim().split(":").pop();
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 100) throw new Error(`${s.name}: the traced service did not answer on ${url}/healthz\n${run(["logs", name]).stderr}`);
      await sleep(200);
    }
    for (const r of s.exercise) await (await fetch(`${url}${r.path}`, { method: r.method, body: r.body })).text();
    await sleep(500);
    must(["cp", `${name}:/tmp/trace`, path.join(tmp, "trace")]);
    const opened = openedPaths(fs.readFileSync(path.join(tmp, "trace"), "utf8"), cfg.WorkingDir || "/");
    opened.add(LOADER);
    const fsMap = listImage(image);
    const files = new Map<string, number>();
    for (const p of opened) {
      if (/^\/(proc|sys|dev|tmp|\.strace)(\/|$)/.test(p)) continue;
      const real = resolve(fsMap, p);
      const e = real ? fsMap.get(real) : undefined;
      if (!real || !e) continue;
      const target = e.type === "h" ? e.link! : real;
      const size = fsMap.get(target)?.size ?? e.size;
      if ((fsMap.get(target)?.type ?? e.type) === "-" || e.type === "h") files.set(target, size);
    }
    const largest = [...files].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([p, bytes]) => ({ path: p, bytes }));
    return { bytes: [...files.values()].reduce((a, b) => a + b, 0), files: files.size, largest };
  } finally {
    run(["rm", "-f", name]);
    run(["rmi", "-f", probe]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
