import * as command from "@pulumi/command";
import * as dockerbuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import type { LintFinding } from "../lint";
import { evaluateGate, formatGateResult, parseScan, scanAuthEnv, scanCommand } from "../scan";
import { cosignAttestCommand, cosignSignCommand, cosignVerifyCommand, skopeoSignCommand, skopeoVerifyScript } from "../sign";
import { shellLine } from "../util/shell";
import type { SecureImageArgs } from "./args";
import { planBuild } from "./prepare";

/**
 * Builds, lints, pushes, scans and signs an image; `ref` is `repo@sha256:…` and resolves only
 * after the scan gate passed and the signature verified, so whatever deploys `ref` (a
 * DockerService, a stack, a Kubernetes Deployment) deploys exactly that digest.
 *
 * Build provider: `@pulumi/docker-build` Image rather than `@pulumi/docker` Image, because it
 * is BuildKit/buildx-native — registry cache-from/cache-to (mode=max), inline Dockerfiles for
 * the recipes, build secrets, multi-platform, in-memory registry credentials — and exposes the
 * pushed manifest `digest`. `@pulumi/docker` v4 Image builds through the engine API without
 * cache-to, and its `repoDigest` is only known after a push it manages itself. Neither has an
 * SBOM or provenance input, so the SBOM is a separate step here.
 *
 * Scanning, signing, verification and SBOM run as `@pulumi/command` local commands (cosign,
 * trivy, grype, syft or skopeo on the machine that runs `pulumi up`), each triggered by the
 * digest; the gate parses the scanner's JSON and throws the report, which fails the update.
 */
export class SecureImage extends pulumi.ComponentResource {
  /** Marks a digest-pinned image for the spec (`image: secureImage` is pinned by construction). */
  public readonly kind = "shipshape.dev/SecureImage" as const;
  public readonly pinnedByDigest = true as const;
  /** `repository@sha256:…`, available once pushed, scanned, signed and verified. */
  public readonly ref: pulumi.Output<string>;
  public readonly digest: pulumi.Output<string>;
  public readonly repository: string;
  /** Tags pushed with the image (semver ladder, `sha-<commit>`, extras). */
  public readonly tags: string[];
  public readonly labels: Record<string, string>;
  /** Warnings and advice from the Dockerfile lint (errors stop the constructor unless lint.mode is "warn"). */
  public readonly lintFindings: readonly LintFinding[];
  public readonly image: dockerbuild.Image;
  public readonly scanCommand?: command.local.Command;
  /** The gate's report (throws, failing the update, when the gate fails). */
  public readonly scanReport?: pulumi.Output<string>;
  public readonly signCommand?: command.local.Command;
  public readonly verifyCommand?: command.local.Command;
  public readonly sbomCommand?: command.local.Command;
  /** Path of the SBOM file written by the SBOM step. */
  public readonly sbomFile?: string;

  constructor(name: string, args: SecureImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("shipshape:image:SecureImage", name, {}, opts);
    const plan = planBuild(name, args, pulumi.getStack());
    const config = new pulumi.Config();
    for (const f of plan.lint.findings) (f.level === "info" ? pulumi.log.info : pulumi.log.warn)(`${f.at} ${f.level} ${f.ruleId} ${f.message}. Fix: ${f.fix}`, this);
    this.repository = args.repository;
    this.tags = plan.tags;
    this.labels = plan.labels;
    this.lintFindings = plan.lint.findings;

    const insecure = args.registry?.insecure ?? false;
    const username = args.registry?.username;
    const password = username ? config.requireSecret(args.registry?.passwordConfigKey ?? "registryPassword") : undefined;
    this.image = new dockerbuild.Image(
      `${name}-image`,
      {
        context: { location: path.resolve(args.context) },
        dockerfile: args.recipe ? { inline: plan.dockerfileText } : { location: plan.dockerfilePath },
        tags: plan.tags,
        labels: plan.labels,
        push: true,
        buildArgs: args.buildArgs as Record<string, pulumi.Input<string>> | undefined,
        secrets: args.buildSecrets as Record<string, pulumi.Input<string>> | undefined,
        target: args.target,
        registries: username && plan.registryHost ? [{ address: plan.registryHost, username, password }] : undefined,
        cacheFrom: plan.cacheRef ? [{ registry: { ref: plan.cacheRef } }] : undefined,
        cacheTo: plan.cacheRef ? [{ registry: { ref: plan.cacheRef, mode: dockerbuild.CacheMode.Max, imageManifest: true, ociMediaTypes: true } }] : undefined,
      },
      { parent: this },
    );
    this.digest = this.image.digest;
    const pushed = pulumi.interpolate`${args.repository}@${this.image.digest}`;
    const gates: pulumi.Output<unknown>[] = [];
    // Turning a supply-chain gate off is allowed, never silent (RULES.md SS036, SS039).
    if (args.scan === false) pulumi.log.warn(`${name}: the vulnerability scan gate is disabled (scan: false); ${args.repository} deploys unscanned.`, this);
    if (args.sign === false) pulumi.log.warn(`${name}: signing is disabled (sign: false); deployments cannot verify ${args.repository}.`, this);

    if (args.scan !== false) {
      const s = args.scan ?? {};
      const scanner = s.scanner ?? "trivy";
      const env = scanAuthEnv(scanner);
      this.scanCommand = new command.local.Command(
        `${name}-scan`,
        {
          create: pushed.apply((r) => scanCommand(scanner, r, { insecureRegistry: insecure })),
          environment: username && password ? { [env.username]: username, [env.password]: password } : undefined,
          triggers: [this.image.digest],
          logging: "stderr",
        },
        { parent: this },
      );
      this.scanReport = pulumi.all([this.scanCommand.stdout, pushed]).apply(([out, r]) => {
        const result = evaluateGate(parseScan(scanner, out), { failOn: s.failOn, ignoreUnfixed: s.ignoreUnfixed, allow: s.allow });
        const report = formatGateResult(result, r);
        if (!result.pass) throw new Error(report);
        return report;
      });
      gates.push(this.scanReport);
    }

    if (args.sign !== false) {
      const g = args.sign ?? {};
      const signer = g.signer ?? "cosign";
      const afterGate = pulumi.all([pushed, ...gates]).apply(([r]) => r as string);
      const creds: Record<string, pulumi.Input<string>> = username && password ? { SKOPEO_CREDS: pulumi.interpolate`${username}:${password}` } : {};
      if (signer === "cosign") {
        this.signCommand = new command.local.Command(
          `${name}-sign`,
          {
            create: afterGate.apply((r) => cosignSignCommand(r, { tlog: g.tlog, insecureRegistry: insecure, annotations: { "org.opencontainers.image.revision": plan.labels["org.opencontainers.image.revision"] ?? "" } })),
            environment: { COSIGN_PRIVATE_KEY: config.requireSecret(g.keyConfigKey ?? "cosignPrivateKey"), COSIGN_PASSWORD: config.requireSecret(g.passwordConfigKey ?? "cosignPassword") },
            triggers: [this.image.digest],
          },
          { parent: this },
        );
      } else {
        this.signCommand = new command.local.Command(
          `${name}-sign`,
          {
            create: afterGate.apply((r) => skopeoSignCommand(r, plan.tags[0], { registriesD: g.registriesD!, insecure, credentialsEnv: username ? "SKOPEO_CREDS" : undefined })),
            environment: { SIGNING_KEY_FINGERPRINT: config.require(g.fingerprintConfigKey ?? "signingKeyFingerprint"), ...(g.gnupgHome ? { GNUPGHOME: g.gnupgHome } : {}), ...creds },
            triggers: [this.image.digest],
          },
          { parent: this },
        );
      }
      gates.push(this.signCommand.stdout);
      if (g.verify ?? true) {
        const publicKey = config.require(g.publicKeyConfigKey ?? "signingPublicKey");
        const signed = pulumi.all([pushed, this.signCommand.stdout]).apply(([r]) => r);
        this.verifyCommand = new command.local.Command(
          `${name}-verify`,
          {
            create: signed.apply((r) =>
              signer === "cosign"
                ? cosignVerifyCommand(r, { tlog: g.tlog, insecureRegistry: insecure })
                : skopeoVerifyScript(r, { kind: "simple", registry: plan.registryHost ?? "docker.io", scope: args.repository, publicKey, lookaside: g.lookaside, insecure, credentialsEnv: username ? "SKOPEO_CREDS" : undefined }),
            ),
            environment: signer === "cosign" ? { COSIGN_PUBLIC_KEY: publicKey } : creds,
            triggers: [this.image.digest],
          },
          { parent: this, dependsOn: [this.signCommand] },
        );
        gates.push(this.verifyCommand.stdout);
      }
    }

    if (args.sbom) {
      const b = args.sbom;
      const format = b.format ?? "cyclonedx";
      this.sbomFile = b.output ?? path.join(path.resolve(args.context), `sbom.${format}.json`);
      const file = this.sbomFile;
      const gen = b.generator ?? "syft";
      this.sbomCommand = new command.local.Command(
        `${name}-sbom`,
        {
          create: pushed.apply((r) => {
            const make =
              gen === "syft"
                ? shellLine(["syft", `registry:${r}`, "-q", "-o", `${format === "cyclonedx" ? "cyclonedx-json" : "spdx-json"}=${file}`])
                : shellLine(["trivy", "image", "--quiet", "--format", format === "cyclonedx" ? "cyclonedx" : "spdx-json", "--output", file, ...(insecure ? ["--insecure"] : []), r]);
            return b.attach ? `${make} && ${cosignAttestCommand(r, file, format === "cyclonedx" ? "cyclonedx" : "spdxjson", { insecureRegistry: insecure })}` : make;
          }),
          environment: b.attach && args.sign !== false ? { COSIGN_PRIVATE_KEY: config.requireSecret((args.sign ?? {}).keyConfigKey ?? "cosignPrivateKey"), COSIGN_PASSWORD: config.requireSecret((args.sign ?? {}).passwordConfigKey ?? "cosignPassword") } : undefined,
          triggers: [this.image.digest],
        },
        { parent: this },
      );
    }

    this.ref = pulumi.all([pushed, ...gates]).apply(([r]) => r as string);
    this.registerOutputs({ ref: this.ref, digest: this.digest, repository: this.repository, tags: this.tags, labels: this.labels, lintFindings: this.lintFindings, scanReport: this.scanReport, sbomFile: this.sbomFile });
  }
}
