/** The CLI in-process (run(argv, io)): flags, formats, exit codes and messages. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run, CliIo } from "../../../sdk/cli";

const ROOT = path.resolve(__dirname, "../../..");
const FIX = path.join(ROOT, "test/fixtures/compose");

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const x: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: false, stdoutIsTTY: false, cwd: process.cwd(), env: {} };
  return { x, out: () => out.join(""), err: () => err.join("") };
}

describe("shipshape CLI", () => {
  it("audit prints JSON and exits 0 without a threshold", async () => {
    const t = io();
    const code = await run(["audit", path.join(FIX, "hardened.yml"), path.join(FIX, "ai-server.yml"), "--format", "json", "--no-resolve-images"], t.x);
    expect(code).toBe(0);
    const report = JSON.parse(t.out());
    expect(report.subjects.map((s: { name: string }) => s.name).sort()).toEqual(["api", "n8n", "ollama", "open-webui", "proxy", "qdrant", "watchtower"]);
    const api = report.subjects.find((s: { name: string }) => s.name === "api");
    const watchtower = report.subjects.find((s: { name: string }) => s.name === "watchtower");
    expect(api.score).toBeGreaterThan(90);
    expect(watchtower.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(["SS003", "SS019"]));
  });

  it("exits 1 below --fail-under and says why", async () => {
    const t = io();
    expect(await run(["audit", path.join(FIX, "ai-server.yml"), "--fail-under", "70", "--no-resolve-images", "--no-details"], t.x)).toBe(1);
    expect(t.err()).toMatch(/^shipshape audit: overall score \d+ is below --fail-under 70\n$/);
    const ok = io();
    expect(await run(["audit", path.join(FIX, "hardened.yml"), "--fail-under", "70", "--no-resolve-images"], ok.x)).toBe(0);
  });

  it("exits 2 on usage errors and unreadable targets, with a fix", async () => {
    const none = io();
    expect(await run(["audit"], none.x)).toBe(2);
    expect(none.err()).toContain("nothing to audit. Give Dockerfiles or compose files, or --engine");
    const bad = io();
    expect(await run(["audit", "x.yml", "--fail-under", "101"], bad.x)).toBe(2);
    expect(bad.err()).toContain('"101" is not a score; give a whole number from 0 to 100, e.g. --fail-under 70.');
    const missing = io();
    expect(await run(["audit", "/nope/compose.yml", "--no-resolve-images"], missing.x)).toBe(2);
    expect(missing.out()).toContain("error: /nope/compose.yml: no such file; check the path.");
    const fmt = io();
    expect(await run(["audit", "x.yml", "--format", "pdf"], fmt.x)).toBe(2);
    expect(fmt.err()).toContain("Allowed choices are terminal, json, markdown, html");
  });

  it("writes the report to --output", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-cli-"));
    const t = io();
    expect(await run(["audit", path.join(FIX, "web-db-worker.yml"), "-f", "markdown", "-o", path.join(dir, "r.md"), "--no-resolve-images"], t.x)).toBe(0);
    expect(fs.readFileSync(path.join(dir, "r.md"), "utf8")).toMatch(/^# Shipshape audit — score \d+\/100/);
    expect(t.err()).toMatch(/markdown report written to .*r\.md \(overall score \d+\/100\)/);
  });

  it("convert writes the stack and summarizes what to review", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-cli-"));
    const t = io();
    const out = path.join(dir, "stack.ts");
    expect(await run(["convert", path.join(FIX, "ai-server.yml"), "-o", out], t.x)).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toContain('from "shipshape";');
    expect(t.err()).toContain('shipshape convert: 6 services → stack "ai-server" in');
    expect(t.err()).toContain("21 relaxations to justify (TODO), 3 settings that cannot be expressed (ERROR), 2 secrets moved out of environment.");
    expect(t.err()).toContain("  watchtower: ERROR SS003 `privileged: true`");
    const again = io();
    expect(await run(["convert", path.join(FIX, "ai-server.yml"), "-o", out], again.x)).toBe(2);
    expect(again.err()).toContain("exists; pass --force to overwrite it.");
    const missing = io();
    expect(await run(["convert", "nope.yml"], missing.x)).toBe(2);
    expect(missing.err()).toContain("cannot read nope.yml: no such file.");
  });
});
