/**
 * `shipshape audit --engine` on a real engine: deliberately bad containers and a hardened one,
 * ranked and explained by rule id; the built CLI writes the HTML report, which headless
 * Chromium renders (table and charts checked in the DOM, screenshot in test-artifacts/).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import Docker from "dockerode";
import { runAudit, SubjectReport } from "../../../sdk/audit";
import { describeWithEngine, TEST_LABEL, TEST_LABEL_KEY, TESTSVC_IMAGE, waitHealthy } from "../engine";
import { freePort } from "../docker/ports";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const PREFIX = "audit-test-";
const CHROMIUM = process.env.SHIPSHAPE_CHROMIUM ?? "/usr/bin/chromium";
const labels = { [TEST_LABEL_KEY]: "true" };

async function removeOurs(docker: Docker): Promise<void> {
  for (const c of await docker.listContainers({ all: true, filters: { label: [TEST_LABEL], name: [PREFIX] } }))
    if (c.Names.some((n) => n.startsWith(`/${PREFIX}`))) await docker.getContainer(c.Id).remove({ force: true });
  for (const n of await docker.listNetworks({ filters: { label: [TEST_LABEL], name: [PREFIX] } })) if (n.Name.startsWith(PREFIX)) await docker.getNetwork(n.Id).remove();
}

describeWithEngine("shipshape audit on a live engine", (engine) => {
  let bad: SubjectReport, plain: SubjectReport, good: SubjectReport, image: SubjectReport | undefined;
  let goodPort = 0;
  let badPort = 0;

  beforeAll(async () => {
    const docker = engine();
    await removeOurs(docker);
    const front = await docker.createNetwork({ Name: `${PREFIX}front`, Labels: labels });
    [goodPort, badPort] = [await freePort(), await freePort()];
    // Root, an added NET_ADMIN, published on every interface, healthcheck off, restart forever,
    // a token in env, no limits, writable root: bad on purpose, harmless to the host.
    const badC = await docker.createContainer({
      name: `${PREFIX}bad`,
      Image: TESTSVC_IMAGE,
      User: "0:0",
      Env: ["API_TOKEN=not-a-real-token"],
      Labels: labels,
      Healthcheck: { Test: ["NONE"] },
      ExposedPorts: { "8080/tcp": {} },
      HostConfig: { CapAdd: ["NET_ADMIN"], PortBindings: { "8080/tcp": [{ HostIp: "0.0.0.0", HostPort: String(badPort) }] }, RestartPolicy: { Name: "always" } },
    });
    // Docker's defaults with the image's own user and healthcheck: in between.
    const plainC = await docker.createContainer({ name: `${PREFIX}plain`, Image: TESTSVC_IMAGE, Labels: labels });
    // Hardened: the flags of the brief, plus swap = memory, a CPU limit, a sized /tmp, an init,
    // a private cgroup namespace and a user-defined network.
    const goodC = await docker.createContainer({
      name: `${PREFIX}good`,
      Image: TESTSVC_IMAGE,
      Labels: labels,
      ExposedPorts: { "8080/tcp": {} },
      HostConfig: {
        ReadonlyRootfs: true,
        Tmpfs: { "/tmp": "rw,noexec,nosuid,size=16m" },
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        Memory: 128 * 2 ** 20,
        MemorySwap: 128 * 2 ** 20,
        NanoCpus: 5e8,
        PidsLimit: 64,
        Init: true,
        CgroupnsMode: "private",
        RestartPolicy: { Name: "on-failure", MaximumRetryCount: 5 },
        PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: String(goodPort) }] },
        NetworkMode: front.id,
      },
    } as Docker.ContainerCreateOptions);
    for (const c of [badC, plainC, goodC]) await c.start();
    await waitHealthy(docker, goodC.id, 60_000);

    const report = await runAudit({ engine: { docker, filters: { label: [TEST_LABEL], name: [PREFIX] } } });
    const by = (name: string) => {
      const s = report.subjects.find((x) => x.kind === "container" && x.name === name);
      if (!s) throw new Error(`no audit row for ${name}: ${report.subjects.map((x) => x.name).join(", ")}`);
      return s;
    };
    [bad, plain, good] = [by(`${PREFIX}bad`), by(`${PREFIX}plain`), by(`${PREFIX}good`)];
    image = report.subjects.find((x) => x.kind === "image");
  });

  afterAll(async () => {
    await removeOurs(engine());
  });

  it("ranks the hardened container above Docker's defaults, and those above the bad one", () => {
    expect(good.score).toBeGreaterThanOrEqual(90);
    expect(good.score).toBeGreaterThan(plain.score);
    expect(plain.score).toBeGreaterThan(bad.score);
    expect(bad.score).toBeLessThan(30);
  });

  it("explains the bad container by rule id", () => {
    const ids = bad.findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["SS001", "SS004", "SS005", "SS006", "SS011", "SS024", "SS028", "SS029", "SS030", "SS032", "SS033", "SS037"]));
    expect(bad.findings.find((f) => f.ruleId === "SS024")!.message).toBe(`publishes ${badPort}→8080/tcp on every interface (0.0.0.0).`);
    expect(bad.findings.find((f) => f.ruleId === "SS006")!.message).toBe("adds NET_ADMIN, which lets a container escape or sniff the host.");
    expect(bad.findings.find((f) => f.ruleId === "SS001")!.upstreamIds).toEqual(["CIS 4.1", "PSS restricted runAsNonRoot", "DL3002", "CIS-DI-0001"]);
    expect(bad.facts).toMatchObject({ user: "0:0", healthcheck: false, image: TESTSVC_IMAGE });
  });

  it("credits the image's own user and healthcheck to the plain container", () => {
    const ids = plain.findings.map((f) => f.ruleId);
    expect(ids).not.toContain("SS001");
    expect(ids).not.toContain("SS032");
    expect(ids).toEqual(expect.arrayContaining(["SS004", "SS005", "SS011", "SS028"]));
  });

  it("finds nothing a hardened container could fix", () => {
    expect(good.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    expect(good.facts).toMatchObject({ user: "10001:10001", healthcheck: true, memoryBytes: 128 * 2 ** 20, cpus: 0.5, pidsLimit: 64 });
    expect(good.facts.sizeBytes).toBeGreaterThan(10e6);
  });

  it("reports the image the containers run, under the reference they use", () => {
    expect(image).toMatchObject({ name: TESTSVC_IMAGE, score: 100, facts: { user: "10001:10001", healthcheck: true } });
    expect(image!.facts.layers).toBeGreaterThan(1);
  });

  it("the built CLI writes a self-contained HTML report that Chromium renders with the table and charts", async () => {
    const bin = path.join(ROOT, "bin/shipshape.js");
    if (!fs.existsSync(path.join(ROOT, "dist/sdk/cli/main.js"))) throw new Error("dist/sdk/cli/main.js is missing: run `npm run build` before the conformance tests (npm test does).");
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (npm test does).`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const html = path.join(ARTIFACTS, "audit-report.html");
    const png = path.join(ARTIFACTS, "audit-report.png");
    fs.rmSync(png, { force: true });

    // --fail-under 99: the bad containers pull the mean down, so the CLI must exit 1.
    const cli = await run(process.execPath, [bin, "audit", "--engine", "--label", TEST_LABEL, "--name", PREFIX, "--format", "html", "--output", html, "--fail-under", "99"], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/html report written to .*audit-report\.html \(overall score \d+\/100\)/);
    const text = fs.readFileSync(html, "utf8");
    expect(text).not.toMatch(/(src|href)="(https?:)?\/\//);

    const tmp = fs.mkdtempSync(path.join(ARTIFACTS, "chromium-"));
    const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${tmp}`];
    try {
      const dom = (await run(CHROMIUM, [...flags, "--dump-dom", `file://${html}`], { timeout: 90_000, maxBuffer: 20 * 2 ** 20 })).stdout;
      expect(dom).toContain('<table id="subjects">');
      for (const n of ["bad", "plain", "good"]) expect(dom).toContain(`data-subject="${PREFIX}${n}"`);
      expect(dom).toMatch(/<svg id="score-chart"[^>]*>/);
      expect(dom).toMatch(/<svg id="size-chart"[^>]*>/);
      expect((dom.match(/<rect class="bar"/g) ?? []).length).toBeGreaterThanOrEqual(5); // 3 containers + 1 image in scores, 1 image size
      await run(CHROMIUM, [...flags, `--screenshot=${png}`, "--window-size=1280,900", "--hide-scrollbars", `file://${html}`], { timeout: 90_000 });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const img = fs.readFileSync(png);
    expect(img.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a"); // PNG signature
    expect([img.readUInt32BE(16), img.readUInt32BE(20)]).toEqual([1280, 900]); // IHDR width, height
    expect(img.length).toBeGreaterThan(40_000); // a blank page compresses to a few kB
  });
});
