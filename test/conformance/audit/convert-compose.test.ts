/**
 * `shipshape convert` → renderCompose output checked by the real docker-compose (Debian 1.29):
 * every converted fixture renders to a compose file docker-compose accepts, and the converted
 * hardened fixture deploys and audits at 90 or more on the live engine.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../../../sdk/audit";
import { convertComposeDetailed } from "../../../sdk/audit/convert";
import { describeWithEngine, waitHealthy } from "../engine";
import { freePort } from "../docker/ports";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(ROOT, "test/fixtures/compose");
const PROJECT = "audit-test-conv";

/** Convert a fixture into a temp dir next to the repo's sdk (so the generated import resolves) and render it. */
function convertAndRender(name: string, env: Record<string, string> = {}): { dir: string; compose: string } {
  const dir = fs.mkdtempSync(path.join(ROOT, "test-artifacts", `convert-${name}-`));
  const file = path.join(FIXTURES, `${name}.yml`);
  const rel = path.relative(dir, path.join(ROOT, "sdk"));
  const r = convertComposeDetailed(fs.readFileSync(file, "utf8"), { file, importPath: rel, env });
  const ts = path.join(dir, "stack.ts");
  fs.writeFileSync(ts, r.code);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = (require(ts) as { renderStack: () => string }).renderStack();
  const compose = path.join(dir, "compose.yml");
  fs.writeFileSync(compose, yaml);
  return { dir, compose };
}

describe("converted stacks render to compose files docker-compose accepts", () => {
  fs.mkdirSync(path.join(ROOT, "test-artifacts"), { recursive: true });
  it.each(["ai-server", "web-db-worker", "secrets-binds", "hardened"])("%s", (name) => {
    const { dir, compose } = convertAndRender(name);
    try {
      // Secret files must exist for `config` to resolve them.
      fs.mkdirSync(path.join(dir, "secrets"), { recursive: true });
      for (const s of ["postgres_password", "api_token", "database_password", "aws_secret_access_key", "signing_key"]) fs.writeFileSync(path.join(dir, "secrets", s), "x");
      const out = execFileSync("docker-compose", ["-f", compose, "--compatibility", "config"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(out).toContain("services:");
      expect(out).toContain("no-new-privileges:true");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithEngine("a converted stack deployed with docker-compose audits clean", (engine) => {
  let dir = "";
  let compose = "";
  const dc = (...args: string[]) => execFileSync("docker-compose", ["--no-ansi", "-p", PROJECT, "-f", compose, "--compatibility", ...args], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  beforeAll(async () => {
    const port = await freePort();
    ({ dir, compose } = convertAndRender("hardened", { API_PORT: String(port) }));
    fs.chmodSync(dir, 0o755);
    try {
      dc("down", "-v", "--remove-orphans");
    } catch {
      /* nothing to remove */
    }
    dc("up", "-d");
    const [c] = await engine().listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`] } });
    await waitHealthy(engine(), c.Id, 90_000);
  });

  afterAll(() => {
    if (compose) dc("down", "-v", "--remove-orphans");
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // SS023 is the one gap left: on a cgroup v1 host the engine defaults to the host cgroup
  // namespace and the compose rendering does not yet set `cgroup: private`.
  it("scores the running service 90 or more, with no finding above low but SS023 (cgroup v1 default)", async () => {
    const report = await runAudit({ engine: { docker: engine(), images: "none", filters: { label: [`com.docker.compose.project=${PROJECT}`] } } });
    expect(report.subjects).toHaveLength(1);
    const [api] = report.subjects;
    expect(api.facts).toMatchObject({ user: "10001:10001", healthcheck: true, health: "healthy" });
    const cgroupV1 = (await engine().info()).CgroupVersion === "1";
    expect(api.findings.filter((f) => f.severity !== "low" && !(cgroupV1 && f.ruleId === "SS023")).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    expect(api.score).toBeGreaterThanOrEqual(90);
  });
});
