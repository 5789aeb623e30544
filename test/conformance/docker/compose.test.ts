/**
 * Path 2: the compose rendering of the same stack deployed with Debian's docker-compose.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defineService, renderCompose } from "../../../sdk";
import { requireEngine, waitHealthy } from "../engine";
import { Deployed, hardenedSuite } from "./assertions";
import { freePort } from "./ports";
import { SECRET_VALUE, threeServices } from "./three-services";

const PROJECT = "ssccompose";
let dir = "";

function compose(...args: string[]): string {
  return execFileSync("docker-compose", ["--ansi", "never", "-p", PROJECT, "-f", path.join(dir, "compose.yml"), "--compatibility", ...args], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function ids(docker: import("dockerode")): Promise<Deployed["ids"]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${PROJECT}`] } });
  const by = (svc: string) => {
    const c = list.find((x) => x.Labels["com.docker.compose.service"] === svc);
    if (!c) throw new Error(`compose did not start ${svc}`);
    return c.Id;
  };
  return { web: by("web"), api: by("api"), worker: by("worker") };
}

async function waitAll(docker: import("dockerode"), i: Deployed["ids"]): Promise<void> {
  for (const id of Object.values(i)) await waitHealthy(docker, id, 90_000);
}

hardenedSuite(
  "the compose rendering deployed with docker-compose",
  async () => {
    const docker = await requireEngine();
    if (!docker) throw new Error("no Docker engine: run `bash scripts/engine.sh up` (see the warning above)");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-compose-"));
    const webPort = await freePort();
    fs.writeFileSync(path.join(dir, "compose.yml"), renderCompose({ name: PROJECT, services: threeServices(webPort) }));
    // Compose (without swarm) bind-mounts secret files as they are on the host: give the
    // file to the service user, readable by it alone.
    fs.mkdirSync(path.join(dir, "secrets"), { mode: 0o700 });
    const secret = path.join(dir, "secrets", "apiToken");
    fs.writeFileSync(secret, SECRET_VALUE, { mode: 0o400 });
    const api = defineService(threeServices(webPort).find((x) => x.name === "api")!);
    fs.chownSync(secret, api.user.uid, api.user.gid);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, "secrets"), 0o755);
    try {
      compose("down", "-v", "--remove-orphans");
    } catch {
      /* nothing to remove */
    }
    compose("up", "-d");
    const i = await ids(docker);
    await waitAll(docker, i);
    return { docker, webPort, ids: i };
  },
  async (d: Deployed) => {
    compose("up", "-d", "--force-recreate", "--no-deps", "api");
    const i = await ids(d.docker);
    await waitHealthy(d.docker, i.api, 90_000);
    return { ...d, ids: i };
  },
  async () => {
    if (dir && (await requireEngine())) compose("down", "-v", "--remove-orphans");
  },
);
