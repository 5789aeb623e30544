/**
 * Every example is a standalone Pulumi program; here each one runs under Pulumi mocks (its
 * index.ts is loaded as `pulumi up` would load it): what it registers, where its secret goes,
 * and the policy pack over it (zero mandatory violations).
 * Each program is required once per file: Node caches modules, so one example, one run.
 */
import { parse } from "yaml";
import { readdirSync, readFileSync, existsSync } from "fs";
import { join } from "path";
import { CapturedResource, evaluatePolicies, formatViolations, mandatoryViolations, PolicyReport, RunOptions, runProgramUnderMocks } from "../sdk/testing";
import { composeValidator } from "../test/support/compose-schema";

jest.setTimeout(60_000);

type Obj = Record<string, any>;
const named = (rs: CapturedResource[], type: string, name: string) => {
  const r = rs.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}; have ${rs.map((x) => `${x.type}/${x.name}`).join(", ")}`);
  return r;
};
/** Run an example's program once under mocks; evaluate the policy pack over what it registered. */
async function runExample(dir: string, secrets: Record<string, string>, extra: Pick<RunOptions, "state"> & { plain?: Record<string, string> } = {}): Promise<{ rs: CapturedResource[]; program: Obj; report: PolicyReport }> {
  const run = await runProgramUnderMocks(
    // The module's exports are the stack outputs; the runner resolves them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    () => ({ ...(require(`./${dir}`) as Obj) }),
    { config: { ...secrets, ...(extra.plain ?? {}) }, secretConfigKeys: Object.keys(secrets), ...(extra.state ? { state: extra.state } : {}) },
  );
  return { rs: run.resources, program: run.outputs, report: await evaluatePolicies(run) };
}

/** Dotted paths of every string input containing `value`. */
function pathsOf(value: string, x: unknown, path: string[] = [], out: string[] = []): string[] {
  if (typeof x === "string" && x.includes(value)) out.push(path.join("."));
  else if (Array.isArray(x)) x.forEach((v, i) => pathsOf(value, v, [...path, String(i)], out));
  else if (x && typeof x === "object") Object.entries(x).forEach(([k, v]) => pathsOf(value, v, [...path, k], out));
  return out;
}

/** The secret value appears only under input paths that were Pulumi secrets. */
function expectOnlyInSecrets(rs: CapturedResource[], value: string): void {
  let found = 0;
  for (const r of rs) {
    const paths = pathsOf(value, r.inputs);
    found += paths.length;
    const exposed = paths.filter((p) => !r.secretPaths.some((s) => p === s || p.startsWith(`${s}.`)));
    expect([`${r.type} ${r.name}`, exposed]).toEqual([`${r.type} ${r.name}`, []]);
  }
  expect(found).toBeGreaterThan(0);
}

function expectNoMandatory(report: PolicyReport): void {
  const mandatory = mandatoryViolations(report);
  if (mandatory.length) throw new Error(`mandatory violations:\n${formatViolations(mandatory)}`);
}

test("every example is a standalone Pulumi program with a README", () => {
  const dirs = ["hardened-container", "compose-stack", "kubernetes-service", "secure-image", "team-policy-test"];
  expect(readdirSync(__dirname)).toEqual(expect.arrayContaining(dirs));
  for (const d of dirs) {
    const project = parse(readFileSync(join(__dirname, d, "Pulumi.yaml"), "utf8"));
    expect(project).toMatchObject({ name: d, runtime: { name: "nodejs", options: { typescript: true } } });
    expect(existsSync(join(__dirname, d, "index.ts"))).toBe(true);
    expect(readFileSync(join(__dirname, d, "README.md"), "utf8")).toMatch(/^# /);
  }
});

describe("hardened-container", () => {
  const TOKEN = "fake-notes-token-8c1f0a";
  let rs: CapturedResource[];
  let program: Obj;
  let report: PolicyReport;
  beforeAll(async () => {
    ({ rs, program, report } = await runExample("hardened-container", { notesApiToken: TOKEN }));
  });

  test("one DockerService: its network, retained volume, secret seeder and hardened container", () => {
    expect(rs.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "shipshape:docker:Service notes",
        "docker:index/network:Network notes-default",
        "docker:index/network:Network notes-ingress",
        "docker:index/volume:Volume notes-notes-data",
        "docker:index/volume:Volume notes-secrets",
        "docker:index/container:Container notes-secrets-seeder",
        "docker:index/container:Container notes",
      ].sort(),
    );
    const c = named(rs, "docker:index/container:Container", "notes").inputs as Obj;
    expect(c).toMatchObject({
      name: "notes-notes-api",
      user: "10001:10001",
      readOnly: true,
      capabilities: { drops: ["ALL"] },
      securityOpts: ["no-new-privileges:true"],
      memory: 256,
      cpus: "0.5",
      ulimits: [{ name: "nproc", soft: 128, hard: 128 }],
      ports: [{ internal: 8080, external: 8080, ip: "127.0.0.1", protocol: "tcp" }],
      envs: ["NOTES_API_TOKEN_FILE=/run/secrets/api_token", "NOTES_DB=/var/lib/notes/notes.sqlite"],
      wait: true,
    });
    expect(c.mounts).toContainEqual({ type: "volume", source: "notes-notes-data", target: "/var/lib/notes", readOnly: false });
  });

  test("the token is a secret upload, nowhere in plain inputs", () => {
    const seeder = named(rs, "docker:index/container:Container", "notes-secrets-seeder");
    expect(seeder.secretPaths).toEqual(["uploads"]);
    expect((seeder.inputs as Obj).uploads[0]).toMatchObject({ file: "/run/secrets/api_token", content: TOKEN, permissions: "0400" });
    expectOnlyInSecrets(rs, TOKEN);
    expect(program.url).toBe("http://127.0.0.1:8080");
  });

  test("zero mandatory policy violations", () => expectNoMandatory(report));
});

describe("compose-stack", () => {
  let rs: CapturedResource[];
  let program: Obj;
  let report: PolicyReport;
  beforeAll(async () => {
    ({ rs, program, report } = await runExample("compose-stack", { dbPassword: "fake-db-password-77aa" }));
  });

  test("three services started in dependency order on an internal network", () => {
    const containers = rs.filter((r) => r.type === "docker:index/container:Container" && !r.name.endsWith("seeder")).map((r) => (r.inputs as Obj).name);
    expect(containers).toEqual(["shop-db", "shop-api", "shop-web"]);
    expect(named(rs, "docker:index/network:Network", "shop-default").inputs).toMatchObject({ internal: true });
    expect(rs.filter((r) => r.type === "docker:index/network:Network").map((r) => r.name).sort()).toEqual(["shop-default", "shop-ingress"]);
    expect((named(rs, "docker:index/container:Container", "shop-web").inputs as Obj).ports).toEqual([{ internal: 8080, external: 8080, ip: "127.0.0.1", protocol: "tcp" }]);
    expect((named(rs, "docker:index/container:Container", "shop-db").inputs as Obj).healthcheck.tests).toEqual(["CMD", "pg_isready", "-U", "shop", "-d", "shop"]);
  });

  test("the compose output is a valid compose file with the same services and no secret value", () => {
    const file = parse(program.composeYaml as string);
    const validate = composeValidator();
    expect(validate(file)).toBe(true);
    expect(Object.keys(file.services)).toEqual(["db", "api", "web"]);
    expect(file.services.api.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(file.secrets).toEqual({ dbPassword: { file: "./secrets/dbPassword" } });
    expect(program.composeYaml).not.toContain("fake-db-password-77aa");
  });

  test("the password is only in secrets; zero mandatory policy violations", () => {
    expectOnlyInSecrets(rs, "fake-db-password-77aa");
    expectNoMandatory(report);
  });
});

describe("kubernetes-service", () => {
  let rs: CapturedResource[];
  let program: Obj;
  let report: PolicyReport;
  beforeAll(async () => {
    ({ rs, program, report } = await runExample("kubernetes-service", { ordersSigningKey: "fake-signing-key-3e3e" }));
  });

  test("a restricted-PSS Deployment with two replicas, probes, a PDB and its Service", () => {
    const types = rs.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(["shipshape:kubernetes:Service", "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service", "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:Secret"]));
    const d = rs.find((r) => r.type === "kubernetes:apps/v1:Deployment")!.inputs as Obj;
    expect(d.metadata).toMatchObject({ name: "orders-api", namespace: "shop" });
    expect(d.spec.replicas).toBe(2);
    const pod = d.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.containers[0].readinessProbe.httpGet).toMatchObject({ path: "/healthz", port: 8080 });
    expect(pod.containers[0].resources.limits).toMatchObject({ memory: "512Mi", cpu: "1" });
  });

  test("the signing key is a secret in state and nowhere in plain inputs", () => {
    const secret = rs.find((r) => r.type === "kubernetes:core/v1:Secret")!;
    expect(secret.secretPaths).toEqual(["stringData"]);
    expectOnlyInSecrets(rs, "fake-signing-key-3e3e");
    expect(program.host).toBe("orders-api.shop.svc");
  });

  test("zero mandatory policy violations", () => expectNoMandatory(report));
});

describe("secure-image", () => {
  const DIGEST = `sha256:${"5e".repeat(32)}`;
  const KEY = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----fake-key-1f1f";
  const clean = readFileSync(join(__dirname, "../test/fixtures/scanners/trivy-clean.json"), "utf8");
  let rs: CapturedResource[];
  let program: Obj;
  let report: PolicyReport;
  let warnings: string[];
  beforeAll(async () => {
    // The Dockerfile lint reports through pulumi.log (console under mocks): collect, don't print.
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    ({ rs, program, report } = await runExample(
      "secure-image",
      { cosignPrivateKey: KEY, cosignPassword: "fake-cosign-password-2e2e" },
      {
        plain: { signingPublicKey: "-----BEGIN PUBLIC KEY-----fake" },
        // What the providers would report: the pushed digest, and a clean trivy report for the scan step.
        state: (type, name) => (type === "docker-build:index:Image" ? { digest: DIGEST } : type === "command:local:Command" ? { stdout: name.endsWith("-scan") ? clean : "", stderr: "" } : undefined),
      },
    ));
    warnings = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
  });

  test("the generated Dockerfile passes the lint; unpinned Debian packages are advisory warnings only", () => {
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/warning SS039 apt-get install without version pins/);
  });

  test("builds the recipe's Dockerfile, pushes version and commit tags to the registry", () => {
    const img = rs.find((r) => r.type === "docker-build:index:Image")!.inputs as Obj;
    expect(img.push).toBe(true);
    expect(img.dockerfile.inline).toMatch(/^# Generated by Shipshape \(node recipe\)/);
    expect(img.tags).toEqual(expect.arrayContaining(["127.0.0.1:5000/examples/hello:1.2.0", "127.0.0.1:5000/examples/hello:1.2", "127.0.0.1:5000/examples/hello:1"]));
    expect(img.tags).not.toContain("127.0.0.1:5000/examples/hello:latest");
  });

  test("scans, signs and verifies the pushed digest; the container runs that digest", () => {
    const commands = rs.filter((r) => r.type === "command:local:Command").map((r) => r.name);
    expect(commands).toEqual(expect.arrayContaining(["hello-scan", "hello-sign", "hello-verify"]));
    const scan = rs.find((r) => r.name === "hello-scan")!.inputs as Obj;
    expect(scan.create).toContain(`127.0.0.1:5000/examples/hello@${DIGEST}`);
    expect(scan.create).toMatch(/^trivy /);
    expect((rs.find((r) => r.name === "hello-sign")!.inputs as Obj).create).toMatch(/cosign sign/);
    const c = rs.find((r) => r.type === "docker:index/container:Container")!.inputs as Obj;
    expect(c.image).toBe(`127.0.0.1:5000/examples/hello@${DIGEST}`);
    expect(c).toMatchObject({ user: "10001:10001", readOnly: true, healthcheck: { tests: expect.arrayContaining(["CMD", "node"]) } });
    expect(program.ref).toBe(`127.0.0.1:5000/examples/hello@${DIGEST}`);
    expect(program.scanReport).toMatch(/PASS/i);
  });

  test("the signing key is only in secrets; zero mandatory policy violations", () => {
    expectOnlyInSecrets(rs, "fake-key-1f1f");
    expectNoMandatory(report);
  });
});
