/**
 * Registry push for real: the Python recipe (the benchmark's sample service) built with
 * BuildKit, lint-clean, pushed to the htpasswd registry (127.0.0.1:5001) with credentials,
 * refused without them, and run by digest as a hardened container that turns healthy.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AUTH_REGISTRY, BASE_IMAGE, describeWithEngine, REGISTRY_PASSWORD, REGISTRY_USER, TEST_LABEL, waitHealthy } from "../engine";
import { lintDockerfile, pythonRecipe } from "../../../sdk/image";
import { DOCKER, must, PREFIX, run, RUN_ID } from "./helpers";

const SERVICE = path.resolve(__dirname, "../../fixtures/bench/python-svc");

describeWithEngine("recipe image: build, authenticated push, run by digest", (docker) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}-push-`));
  const ctx = path.join(dir, "ctx");
  const loggedIn = path.join(dir, "docker-config");
  const anonymous = path.join(dir, "docker-anon");
  const local = `${PREFIX}/notes:${RUN_ID}`;
  const repo = `${AUTH_REGISTRY}/${PREFIX}/notes`;
  const tag = `${repo}:1.0.0-${RUN_ID}`;
  const container = `${PREFIX}-notes-${RUN_ID}`;
  const recipe = pythonRecipe({ name: "notes", baseImage: BASE_IMAGE, command: ["python", "app.py"], source: ["app.py"], cacheId: PREFIX, dataDirs: ["/data"] });
  const volume = `${PREFIX}-notes-data-${RUN_ID}`;
  let digest = "";

  beforeAll(() => {
    fs.cpSync(SERVICE, ctx, { recursive: true });
    fs.writeFileSync(path.join(ctx, "Dockerfile"), recipe.dockerfile);
    fs.writeFileSync(path.join(ctx, ".dockerignore"), recipe.dockerignore);
    fs.mkdirSync(loggedIn);
    fs.mkdirSync(anonymous);
  });
  afterAll(() => {
    run(DOCKER, ["rm", "-f", container]);
    run(DOCKER, ["volume", "rm", "-f", volume]);
    run(DOCKER, ["rmi", "-f", local, tag]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the recipe has no lint errors and builds with BuildKit", () => {
    expect(lintDockerfile(recipe.dockerfile, { dockerignore: recipe.dockerignore }).errors).toBe(0);
    must(DOCKER, ["build", "-q", "-t", local, ctx], { timeoutMs: 600_000 });
    const cfg = JSON.parse(must(DOCKER, ["image", "inspect", "--format", "{{json .Config}}", local]).stdout);
    expect(cfg.User).toBe("10001:10001");
    expect(cfg.Cmd).toEqual(["python", "app.py"]);
    expect(cfg.Healthcheck.Test[0]).toBe("CMD");
    expect(cfg.Labels["org.opencontainers.image.title"]).toBe("notes");
  });

  test("push without credentials is refused; with them it is accepted and returns the digest", () => {
    must(DOCKER, ["tag", local, tag]);
    const anon = run(DOCKER, ["--config", anonymous, "push", tag]);
    expect(anon.status).not.toBe(0);
    expect(anon.stderr + anon.stdout).toMatch(/no basic auth credentials|unauthorized/);
    must(DOCKER, ["--config", loggedIn, "login", "--username", REGISTRY_USER, "--password-stdin", AUTH_REGISTRY], { input: REGISTRY_PASSWORD });
    const pushed = must(DOCKER, ["--config", loggedIn, "push", tag]);
    digest = /digest: (sha256:[a-f0-9]{64})/.exec(pushed.stdout)![1];
    const remote = run("skopeo", ["inspect", "--tls-verify=false", "--creds", `${REGISTRY_USER}:${REGISTRY_PASSWORD}`, "--format", "{{.Digest}}", `docker://${tag}`]);
    expect(remote.stdout.trim()).toBe(digest);
    const noCreds = run("skopeo", ["inspect", "--tls-verify=false", `docker://${tag}`]);
    expect(noCreds.status).not.toBe(0);
  });

  const start = async (ref: string) => {
    must(DOCKER, ["--config", loggedIn, "run", "-d", "--name", container, "--label", TEST_LABEL, "--read-only", "--tmpfs", "/tmp:size=16m", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "-p", "127.0.0.1::8080", "-e", "DATA_DIR=/data", "-v", `${volume}:/data`, ref]);
    return waitHealthy(docker(), container, 60_000);
  };

  test("runs by digest, hardened (read-only root, no capabilities, non-root), and turns healthy", async () => {
    const ref = `${repo}@${digest}`;
    const info = await start(ref);
    expect(info.Config.Image).toBe(ref);
    const port = info.NetworkSettings.Ports["8080/tcp"]![0].HostPort;
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toEqual({ ok: true, version: "1.0.0" });
    const created = await (await fetch(`http://127.0.0.1:${port}/notes`, { method: "POST", body: '{"text":"hi"}' })).json();
    expect(created).toEqual({ id: 1, text: "hi" });
    // distroless: no shell in the image
    expect(run(DOCKER, ["exec", container, "sh", "-c", "true"]).status).not.toBe(0);
  });

  test("the recipe's dataDirs make a fresh named volume writable by the non-root user, and the data survives a new container", async () => {
    // The note above went into /data/notes.db on the volume: only possible because the image's
    // /data belongs to 10001 and Docker gave the fresh volume that ownership.
    must(DOCKER, ["rm", "-f", container]);
    const info = await start(`${repo}@${digest}`);
    const port = info.NetworkSettings.Ports["8080/tcp"]![0].HostPort;
    const notes = await (await fetch(`http://127.0.0.1:${port}/notes`)).json();
    expect(notes).toEqual([{ id: 1, text: "hi" }]);
  });
});
