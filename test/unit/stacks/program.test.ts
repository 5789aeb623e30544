/**
 * The root Pulumi project: Pulumi.yaml points at stacks/, each Pulumi.<stack>.yaml selects a
 * team stack, a target and images (production ones by digest) and holds no secret value, and
 * the program entry (stacks/index.ts) deploys a stack file's config under mocks.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { parseImageRef } from "../../../sdk/spec";
import { resolveSettings } from "../../../stacks/config";
import { deploy } from "../../../stacks/deploy";
import { TEAM_STACKS, teamStackFor } from "../../../stacks/registry";
import { captureProgram } from "../../support/capture";
import { fakeSecrets } from "./support";

jest.setTimeout(60_000);

const ROOT = join(__dirname, "../../..");
const stackFiles = readdirSync(ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();
const stackName = (file: string) => file.replace(/^Pulumi\.|\.yaml$/g, "");
const configOf = (file: string) => (parse(readFileSync(join(ROOT, file), "utf8")) as { config: Record<string, unknown> }).config;
/** `shipshape:images` → `images` (how the program's `new pulumi.Config()` sees it). */
const plainKeys = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^shipshape:/, ""), v]));

test("Pulumi.yaml runs the stacks/ program in TypeScript", () => {
  const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
  expect(project).toMatchObject({ name: "shipshape", runtime: { name: "nodejs", options: { typescript: true } }, main: "stacks/" });
  expect(project.description.length).toBeGreaterThan(20);
});

test("there is a stack file per team stack", () => {
  expect(stackFiles).toEqual(["Pulumi.erlmcp.yaml", "Pulumi.galway.yaml", "Pulumi.hostinger-prod.yaml", "Pulumi.local-ai.yaml"]);
  expect(stackFiles.map((f) => teamStackFor(stackName(f))).sort()).toEqual(Object.keys(TEAM_STACKS).sort());
});

describe.each(stackFiles)("%s", (file) => {
  const config = configOf(file);

  test("holds only plain settings: no secret values, no unknown keys", () => {
    for (const k of Object.keys(config)) expect(["shipshape:stack", "shipshape:target", "shipshape:images", "shipshape:kubernetes"]).toContain(k);
    expect(JSON.stringify(config)).not.toMatch(/secure/);
    expect(config["shipshape:stack"]).toBe(teamStackFor(stackName(file)));
  });

  test("resolves to valid settings; production stacks pin every image by digest", () => {
    const raw = plainKeys(config) as { stack?: string; target?: string; images?: unknown; kubernetes?: unknown };
    const s = resolveSettings({ pulumiStack: stackName(file), ...raw });
    if (file === "Pulumi.local-ai.yaml") return expect(s.images).toEqual(TEAM_STACKS["local-ai"].images);
    expect(Object.keys(raw.images as object).sort()).toEqual(Object.keys(s.team.images).sort());
    for (const ref of Object.values(s.images)) expect([ref, parseImageRef(ref)?.digest]).toEqual([ref, expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
  });
});

test("stacks/index.ts deploys hostinger-prod's config: its images by digest, its outputs", async () => {
  const config = plainKeys(configOf("Pulumi.hostinger-prod.yaml"));
  const flat = Object.fromEntries(Object.entries({ ...config, ...fakeSecrets("hostinger") }).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  let program: Record<string, unknown> = {};
  const rs = await captureProgram(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program = require("../../../stacks");
  }, flat);
  const images = config.images as Record<string, string>;
  const containers = rs.filter((r) => r.type === "docker:index/container:Container" && !r.name.endsWith("-secrets-seeder"));
  expect(containers).toHaveLength(13);
  expect(containers.find((c) => c.name === "hostinger-n8n")!.inputs.image).toBe(images.n8n);
  expect(containers.find((c) => c.name === "hostinger-whisperx-worker")!.inputs.image).toBe(images.whisperx);
  expect(program).toMatchObject({ teamStack: "hostinger", target: "docker" });
  expect((program.services as string[]).length).toBe(13);
  expect(program.endpoints).toMatchObject({ n8n: ["http://127.0.0.1:5678"], "support-dashboard": ["http://127.0.0.1:8502"], paperflow: ["http://127.0.0.1:8000"] });
});

test("Pulumi.erlmcp.yaml deploys on Kubernetes in its namespace; the endpoint is the in-cluster name", async () => {
  const raw = plainKeys(configOf("Pulumi.erlmcp.yaml")) as { stack?: string; target?: string; images?: unknown; kubernetes?: unknown };
  let endpoints: Record<string, string[]> = {};
  const rs = await captureProgram(() => {
    endpoints = deploy(resolveSettings({ pulumiStack: "erlmcp", ...raw })).endpoints;
  }, fakeSecrets("erlmcp"));
  expect(rs.filter((r) => r.type === "kubernetes:core/v1:Namespace").map((r) => r.inputs.metadata.name)).toEqual(["erlmcp"]);
  const sts = rs.find((r) => r.type === "kubernetes:apps/v1:StatefulSet")!.inputs;
  expect(sts.spec.template.spec.containers[0].image).toBe((raw.images as Record<string, string>).erlmcp);
  expect(rs.find((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaim")!.inputs.spec.storageClassName).toBe("standard");
  expect(endpoints).toEqual({ erlmcp: ["erlmcp.erlmcp.svc:8080"] });
});
