/**
 * Path 1: the @pulumi/docker resources DockerStack registers (captured under mocks) replayed
 * against the real Engine in the provider's order.
 */
import { DockerStack } from "../../../sdk";
import { captureProgram, CapturedResource } from "../../support/capture";
import { requireEngine } from "../engine";
import { replay, Replayed, teardown } from "../replay";
import { Deployed, hardenedSuite } from "./assertions";
import { freePort } from "./ports";
import { SECRET_VALUE, threeServices } from "./three-services";

const STACK = "ssc-replay";
let captured: CapturedResource[] = [];
let replayed: Partial<Replayed> = {};

async function clean(docker: import("dockerode")): Promise<void> {
  for (const c of await docker.listContainers({ all: true, filters: { label: [`shipshape.dev/stack=${STACK}`] } })) await docker.getContainer(c.Id).remove({ force: true });
  for (const v of (await docker.listVolumes({ filters: { label: [`shipshape.dev/stack=${STACK}`] } })).Volumes ?? []) await docker.getVolume(v.Name).remove({ force: true });
  for (const n of await docker.listNetworks({ filters: { label: [`shipshape.dev/stack=${STACK}`] } })) await docker.getNetwork(n.Id).remove();
}

hardenedSuite(
  "DockerStack replayed on a real engine",
  async () => {
    const docker = await requireEngine();
    if (!docker) throw new Error("no Docker engine: run `bash scripts/engine.sh up` (see the warning above)");
    await clean(docker);
    const webPort = await freePort();
    captured = await captureProgram(() => new DockerStack(STACK, { services: threeServices(webPort) }), { apiToken: SECRET_VALUE });
    replayed = await replay(docker, captured, { healthyTimeoutMs: 90_000 });
    const id = (svc: string) => replayed.containers![`${STACK}-${svc}`];
    return { docker, webPort, ids: { web: id("web"), api: id("api"), worker: id("worker") } };
  },
  async (d: Deployed) => {
    // Recreate the API container exactly as the provider would on a replacement.
    const api = captured.filter((r) => r.type === "docker:index/container:Container" && r.inputs.name === `${STACK}-api`);
    await d.docker.getContainer(d.ids.api).remove({ force: true });
    const again = await replay(d.docker, api, { healthyTimeoutMs: 90_000 });
    replayed.containers![`${STACK}-api`] = again.containers[`${STACK}-api`];
    return { ...d, ids: { ...d.ids, api: again.containers[`${STACK}-api`] } };
  },
  async () => {
    const docker = await requireEngine();
    if (docker) {
      await teardown(docker, replayed);
      await clean(docker);
    }
  },
);
