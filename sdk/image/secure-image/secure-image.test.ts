/**
 * SecureImage under Pulumi mocks: the children it registers (docker-build Image and the
 * scan/sign/verify/SBOM commands), their inputs and command text, the scan gate fed with
 * recorded scanner JSON, and the errors that stop a deployment before anything is built.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;
const created: { type: string; name: string; inputs: J }[] = [];
const DIGEST = `sha256:${"4f".repeat(32)}`;
const FIX = path.resolve(__dirname, "../../../test/fixtures/scanners");
let scanOutput = "";
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      created.push({ type: args.type, name: args.name, inputs: args.inputs });
      if (args.type === "docker-build:index:Image") return { id: `${args.name}-id`, state: { ...args.inputs, digest: DIGEST, ref: `${args.inputs.tags[0]}@${DIGEST}` } };
      if (args.type === "command:local:Command") return { id: `${args.name}-id`, state: { ...args.inputs, stdout: args.name.endsWith("-scan") ? scanOutput : "", stderr: "" } };
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "proj",
  "prod",
  false,
);
pulumi.runtime.setConfig("proj:registryPassword", "reg-pass-123");
pulumi.runtime.setConfig("proj:cosignPrivateKey", "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----x");
pulumi.runtime.setConfig("proj:cosignPassword", "cosign-pass-456");
pulumi.runtime.setConfig("proj:signingPublicKey", "-----BEGIN PUBLIC KEY-----y");
pulumi.runtime.setConfig("proj:signingKeyFingerprint", "2C349EAC721599B9AFC0B8EE9C4222DDA8868305");

import { LintError, pythonRecipe, SecureImage } from "..";
import { defineService } from "../../spec";

const value = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
const secretValue = (v: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: v });
const REPO = "127.0.0.1:5000/team/notes";
const COMMIT = "abcdef1234567890abcdef1234567890abcdef12";
const trivy = fs.readFileSync(path.join(FIX, "trivy-notes.json"), "utf8");
const clean = fs.readFileSync(path.join(FIX, "trivy-clean.json"), "utf8");

function context(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ss-image-unit-"));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}
const pkg = JSON.stringify({ name: "notes", version: "1.4.2", description: "Notes API", license: "Apache-2.0", repository: "git+ssh://git@github.com/acme/notes.git" });
const recipe = pythonRecipe({ name: "notes", baseImage: `debian:12-slim@sha256:${"b".repeat(64)}`, command: ["python", "app.py"], requirements: null });
const find = (name: string) => created.find((c) => c.name === name)!;
async function settle(img: SecureImage) {
  await value(img.urn);
  await Promise.all([img.image, img.scanCommand, img.signCommand, img.verifyCommand, img.sbomCommand].filter(Boolean).map((r) => value(r!.urn)));
}

describe("SecureImage under mocks", () => {
  beforeAll(() => {
    jest.spyOn(console, "warn").mockImplementation(() => undefined);
    jest.spyOn(console, "info").mockImplementation(() => undefined);
    jest.spyOn(console, "log").mockImplementation(() => undefined);
  });
  beforeEach(() => {
    created.length = 0;
  });

  test("recipe build: docker-build Image with semver + commit tags, OCI labels, push, registry cache and secret credentials", async () => {
    scanOutput = clean;
    const ctx = context({ "package.json": pkg, "app.py": "print(1)\n" });
    const img = new SecureImage("notes", { repository: REPO, context: ctx, recipe, commit: COMMIT, registry: { username: "ci", insecure: true } });
    await settle(img);
    expect(created.map((c) => `${c.type} ${c.name}`)).toEqual([
      "shipshape:image:SecureImage notes",
      "docker-build:index:Image notes-image",
      "command:local:Command notes-scan",
      "command:local:Command notes-sign",
      "command:local:Command notes-verify",
    ]);
    const b = find("notes-image").inputs;
    expect(b.tags).toEqual([`${REPO}:1.4.2`, `${REPO}:1.4`, `${REPO}:1`, `${REPO}:sha-abcdef123456`]);
    expect(b.labels).toEqual({
      "org.opencontainers.image.title": "notes",
      "org.opencontainers.image.version": "1.4.2",
      "org.opencontainers.image.revision": COMMIT,
      "org.opencontainers.image.source": "https://github.com/acme/notes",
      "org.opencontainers.image.description": "Notes API",
      "org.opencontainers.image.licenses": "Apache-2.0",
    });
    expect(b.push).toBe(true);
    expect(b.dockerfile).toEqual({ inline: recipe.dockerfile });
    expect(b.context).toEqual({ location: ctx });
    expect(b.cacheFrom).toEqual([{ registry: { ref: `${REPO}:buildcache` } }]);
    expect(b.cacheTo).toEqual([{ registry: { ref: `${REPO}:buildcache`, mode: "max", imageManifest: true, ociMediaTypes: true } }]);
    expect(b.registries).toEqual(secretValue([{ address: "127.0.0.1:5000", username: "ci", password: "reg-pass-123" }]));
    expect(img.tags).toEqual(b.tags);
    expect(await value(img.ref)).toBe(`${REPO}@${DIGEST}`);
  });

  test("scan, sign and verify commands run on the digest, with keys from config secrets", async () => {
    scanOutput = clean;
    const img = new SecureImage("notes", { repository: REPO, context: context({ "package.json": pkg }), recipe, commit: COMMIT, registry: { username: "ci", insecure: true } });
    await settle(img);
    const scan = find("notes-scan").inputs;
    expect(scan.create).toBe(`trivy image --quiet --format json --scanners vuln --timeout 10m --insecure ${REPO}@${DIGEST}`);
    expect(scan.environment).toEqual(secretValue({ TRIVY_USERNAME: "ci", TRIVY_PASSWORD: "reg-pass-123" }));
    expect(scan.triggers).toEqual([DIGEST]);
    const sign = find("notes-sign").inputs;
    expect(sign.create).toBe(`cosign sign --yes --key env://COSIGN_PRIVATE_KEY --tlog-upload=false --allow-insecure-registry --allow-http-registry -a org.opencontainers.image.revision=${COMMIT} ${REPO}@${DIGEST}`);
    expect(sign.environment).toEqual(secretValue({ COSIGN_PRIVATE_KEY: "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----x", COSIGN_PASSWORD: "cosign-pass-456" }));
    const verify = find("notes-verify").inputs;
    expect(verify.create).toBe(`cosign verify --key env://COSIGN_PUBLIC_KEY --insecure-ignore-tlog=true --allow-insecure-registry --allow-http-registry ${REPO}@${DIGEST}`);
    expect(verify.environment).toEqual({ COSIGN_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----y" });
    expect(await value(img.scanReport!)).toBe(`scan gate passed for ${REPO}@${DIGEST} (fail on HIGH and above; found CRITICAL 0, HIGH 0, MEDIUM 0, LOW 0, UNKNOWN 0)`);
  });

  /**
   * A failed gate fails the Pulumi program the way `pulumi up` fails: Pulumi re-raises the
   * rejected outputs as unhandled rejections, which would also end a jest worker, so the
   * program runs under mocks in its own Node process.
   */
  const scenario = (fixture: string) =>
    spawnSync(process.execPath, [path.join(__dirname, "run-ts.js"), path.join(__dirname, "gate-scenario.fixture.ts")], { encoding: "utf8", env: { ...process.env, SCAN_FIXTURE: path.join(FIX, fixture) }, timeout: 60_000 });

  test("the scan gate fails the program on recorded Trivy JSON, naming each blocking vulnerability", () => {
    const r = scenario("trivy-notes.json");
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain("REF ");
    expect(r.stderr).toContain("scan gate FAILED for 127.0.0.1:5000/team/notes@sha256:" + "4f".repeat(32) + " (fail on HIGH and above; found CRITICAL 1, HIGH 1, MEDIUM 2, LOW 1, UNKNOWN 0)");
    expect(r.stderr).toContain("  - CRITICAL CVE-2023-45853 in zlib1g 1:1.2.13.dfsg-1");
    expect(r.stderr).toContain("  - HIGH CVE-2024-5535 in libssl3 3.0.11-1~deb12u2");
  });

  test("the same program passes on a clean report and yields the digest ref", () => {
    const r = scenario("trivy-clean.json");
    expect(r.stderr).not.toContain("scan gate");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`REF 127.0.0.1:5000/team/notes@sha256:${"4f".repeat(32)}`);
  });

  test("an allow-list entry with reason and expiry plus failOn CRITICAL lets it through", async () => {
    scanOutput = trivy;
    const img = new SecureImage("allowed", {
      repository: REPO,
      context: context({ "package.json": pkg }),
      recipe,
      commit: COMMIT,
      sign: false,
      scan: { failOn: "CRITICAL", allow: [{ id: "CVE-2023-45853", reason: "minizip is not used by the service", expires: "2999-12-31" }] },
    });
    expect(await value(img.ref)).toBe(`${REPO}@${DIGEST}`);
    expect(await value(img.scanReport!)).toContain("allowed CRITICAL CVE-2023-45853 in zlib1g until 2999-12-31: minizip is not used by the service");
  });

  test("grype scanner, skopeo signer and an SBOM with attestation", async () => {
    scanOutput = fs.readFileSync(path.join(FIX, "grype-clean.json"), "utf8");
    const ctx = context({ "package.json": pkg });
    const img = new SecureImage("alt", {
      repository: REPO,
      context: ctx,
      recipe,
      commit: COMMIT,
      scan: { scanner: "grype" },
      sign: { signer: "skopeo", registriesD: "/etc/containers/registries.d", lookaside: "https://sigs.example.com", gnupgHome: "/run/gnupg" },
      sbom: { generator: "syft", format: "spdx" },
    });
    await settle(img);
    expect(find("alt-scan").inputs.create).toBe(`grype registry:${REPO}@${DIGEST} -o json --quiet`);
    expect(find("alt-sign").inputs.create).toBe(`skopeo --registries.d /etc/containers/registries.d copy --quiet --sign-by "$SIGNING_KEY_FINGERPRINT" docker://${REPO}@${DIGEST} docker://${REPO}:1.4.2`);
    expect(find("alt-sign").inputs.environment).toEqual({ SIGNING_KEY_FINGERPRINT: "2C349EAC721599B9AFC0B8EE9C4222DDA8868305", GNUPGHOME: "/run/gnupg" });
    expect(find("alt-verify").inputs.create).toContain(`skopeo --policy "$d/policy.json" --registries.d "$d/registries.d" copy --quiet docker://${REPO}@${DIGEST} "dir:$d/image"`);
    expect(find("alt-verify").inputs.create).toContain('"signedBy","keyType":"GPGKeys"');
    expect(find("alt-sbom").inputs.create).toBe(`syft registry:${REPO}@${DIGEST} -q -o spdx-json=${path.join(ctx, "sbom.spdx.json")}`);
    const att = new SecureImage("att", { repository: REPO, context: ctx, recipe, commit: COMMIT, scan: false, sbom: { generator: "trivy", attach: true } });
    await settle(att);
    expect(find("att-sbom").inputs.create).toBe(`trivy image --quiet --format cyclonedx --output ${path.join(ctx, "sbom.cyclonedx.json")} ${REPO}@${DIGEST} && cosign attest --yes --key env://COSIGN_PRIVATE_KEY --tlog-upload=false --type cyclonedx --predicate ${path.join(ctx, "sbom.cyclonedx.json")} ${REPO}@${DIGEST}`);
  });

  test("a user Dockerfile with lint errors stops the deployment with the findings; warn mode deploys", () => {
    const ctx = context({ "package.json": pkg, Dockerfile: "FROM debian:latest\nADD . /app\nCMD python app.py\n" });
    const make = (mode?: "warn") => new SecureImage(`bad-${mode ?? "error"}`, { repository: REPO, context: ctx, commit: COMMIT, scan: false, sign: false, lint: mode ? { mode } : undefined });
    expect(make).toThrow(LintError);
    expect(make).toThrow(
      [
        `Dockerfile lint failed for ${path.relative(process.cwd(), path.join(ctx, "Dockerfile"))} (3 errors; set lint.mode to "warn" to deploy anyway):`,
        `${path.relative(process.cwd(), path.join(ctx, "Dockerfile"))}:1 error SS001 run-as-non-root (CIS 4.1, CIS-DI-0001): the image has no USER instruction, so it runs as root. Fix: add \`USER 10001:10001\` (a numeric non-root user) after the last RUN of the final stage`,
        `${path.relative(process.cwd(), path.join(ctx, "Dockerfile"))}:1 error SS035 pinned-image (DL3007, DKL-DI-0006): FROM debian:latest uses the "latest" tag, so every build can get a different base. Fix: pin a version tag and digest, e.g. debian:<version>@sha256:<digest>`,
      ].join("\n"),
    );
    const img = make("warn");
    expect(img.lintFindings.filter((f) => f.level === "error").map((f) => f.upstreamIds[0])).toEqual(["CIS 4.1", "DL3007", "DL3020"]);
  });

  test("latest is refused outside dev stacks; bad arguments list every problem", () => {
    const ctx = context({ "package.json": pkg });
    expect(() => new SecureImage("l", { repository: REPO, context: ctx, recipe, commit: COMMIT, tags: ["latest"] })).toThrow(
      'SecureImage tags is invalid (1 problem):\n  - tags[0]: "latest" is refused on stack "prod": it moves under running services (RULES SS035); deploy by version and digest, or use a dev stack',
    );
    expect(() => new SecureImage("b", { repository: `${REPO}:1.0`, context: "/nonexistent", recipe, dockerfile: "Dockerfile", scan: { failOn: "SEVERE" as J, allow: [{ id: "CVE-2023-45853", reason: "", expires: "soon" }] }, sign: { signer: "skopeo" } })).toThrow(
      [
        'SecureImage "b" is invalid (8 problems):',
        '  - repository: "127.0.0.1:5000/team/notes:1.0" is not a repository without tag or digest; use e.g. "registry.example.com/team/api"',
        '  - context: "/nonexistent" is not a directory; give the build context directory',
        "  - dockerfile: give either a recipe or a dockerfile, not both",
        '  - scan.failOn: "SEVERE" is not a severity; use one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL',
        '  - scan.allow[0].reason: "" is missing or too short; say why the risk is accepted (at least 10 characters)',
        '  - scan.allow[0].expires: "soon" is not a date; give the last day the entry applies as YYYY-MM-DD, e.g. "2025-06-30"',
        "  - sign.registriesD: the skopeo signer needs a registries.d directory that says where signatures are written (lookaside-staging)",
        "  - sign.lookaside: verifying skopeo signatures needs the lookaside URL they are read from (or set sign.verify: false)",
      ].join("\n"),
    );
  });

  test("the service spec takes a SecureImage (its ref) as the image", async () => {
    scanOutput = clean;
    const img = new SecureImage("svc", { repository: REPO, context: context({ "package.json": pkg }), recipe, commit: COMMIT, sign: false });
    const spec = defineService({ name: "notes", image: img, resources: { memory: "256Mi", cpus: 0.5 }, healthcheck: { http: { path: "/healthz", port: 8080 } } } as J);
    expect(pulumi.Output.isInstance(spec.image)).toBe(true);
    expect(await value(spec.image as pulumi.Output<string>)).toBe(`${REPO}@${DIGEST}`);
  });

  test("no version and no git commit: no tag to push, said with the fix", () => {
    expect(() => new SecureImage("n", { repository: REPO, context: context({}), recipe })).toThrow("version: no tag: give a version (from package.json or the `version` input) or run in a git work tree so the commit tags the image");
  });
});
