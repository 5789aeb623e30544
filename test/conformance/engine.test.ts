/** The local engine that scripts/engine.sh up provides: daemon, images, registries, test service. */
import { randomUUID } from "node:crypto";
import {
  AUTH_REGISTRY,
  BASE_IMAGE,
  REGISTRY,
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  TESTSVC_IMAGE,
  describeWithEngine,
  execIn,
  imageExists,
  removeByLabel,
  requireEngine,
  runTestsvc,
  waitHealthy,
} from "./engine";

const RUN_LABEL = "org.shipshape.test.run";
const runId = randomUUID();

describeWithEngine("local engine (scripts/engine.sh up)", (docker) => {
  afterAll(async () => {
    await removeByLabel(docker(), `${RUN_LABEL}=${runId}`);
  });

  it("answers a ping", async () => {
    const d = await requireEngine();
    expect(d).not.toBeNull();
    const version = await d!.version();
    expect(version.ApiVersion).toBeTruthy();
  });

  it("has the base and test service images", async () => {
    expect(await imageExists(BASE_IMAGE, docker())).toBe(true);
    expect(await imageExists(TESTSVC_IMAGE, docker())).toBe(true);
    expect(await imageExists("shipshape/no-such-image:0", docker())).toBe(false);
  });

  it("has a plain registry answering /v2/", async () => {
    const res = await fetch(`http://${REGISTRY}/v2/`);
    expect(res.status).toBe(200);
  });

  it("has an htpasswd registry that wants the test credentials", async () => {
    expect((await fetch(`http://${AUTH_REGISTRY}/v2/`)).status).toBe(401);
    const basic = Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString("base64");
    const res = await fetch(`http://${AUTH_REGISTRY}/v2/`, { headers: { Authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
  });

  it("runs the test service hardened: uid 10001, read-only root, healthy", async () => {
    const c = await runTestsvc(docker(), { mode: "web", labels: { [RUN_LABEL]: runId } });
    const id = await execIn(docker(), c.id, ["id", "-u"], { user: "10001" });
    expect(id).toEqual({ exitCode: 0, stdout: "10001\n", stderr: "" });

    const ro = await execIn(docker(), c.id, ["touch", "/etc/x"]);
    expect(ro.exitCode).not.toBe(0);
    expect(ro.stderr).toMatch(/Read-only file system/);

    const info = await waitHealthy(docker(), c.id, 60_000);
    expect(info.Config.User).toBe("10001:10001");
    const health = await execIn(docker(), c.id, ["busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]);
    expect(health.stdout.trim()).toBe("ok");
  });
});
