import type * as pulumi from "@pulumi/pulumi";
import type { LintOptions } from "../lint";
import type { Recipe } from "../recipes";
import type { AllowEntry, ScannerName, Severity } from "../scan";

/** Scan gate settings. */
export interface ScanArgs {
  /** @default "trivy" */
  readonly scanner?: ScannerName;
  /** Lowest severity that fails the deployment. @default "HIGH" */
  readonly failOn?: Severity;
  /** @default false */
  readonly ignoreUnfixed?: boolean;
  /** Accepted vulnerabilities, each with a reason and an expiry date (YYYY-MM-DD). @default [] */
  readonly allow?: readonly AllowEntry[];
}

/** Signing settings. Keys come from Pulumi config (secrets), never from files in the repo. */
export interface SignArgs {
  /**
   * - `cosign` (default): `cosign sign --key env://COSIGN_PRIVATE_KEY` by digest; needs the
   *   cosign CLI where `pulumi up` runs.
   * - `skopeo`: GPG simple signing with `skopeo copy --sign-by` into the lookaside location
   *   of `registriesD`; verifiable by podman/CRI-O/skopeo policies.
   * @default "cosign"
   */
  readonly signer?: "cosign" | "skopeo";
  /** Config key of the cosign private key (secret). @default "cosignPrivateKey" */
  readonly keyConfigKey?: string;
  /** Config key of the cosign key password (secret). @default "cosignPassword" */
  readonly passwordConfigKey?: string;
  /** Config key of the public key used to verify (cosign PEM or armored GPG). @default "signingPublicKey" */
  readonly publicKeyConfigKey?: string;
  /** skopeo: config key of the GPG key fingerprint. @default "signingKeyFingerprint" */
  readonly fingerprintConfigKey?: string;
  /** skopeo: GNUPGHOME holding the signing key. */
  readonly gnupgHome?: string;
  /** skopeo: directory with the registries.d config (lookaside for signatures). */
  readonly registriesD?: string;
  /** skopeo: lookaside URL the verifier reads signatures from. */
  readonly lookaside?: string;
  /**
   * Verify the signature after signing; `ref` resolves only after verification, so every
   * container that deploys `ref` requires a verified signature first. @default true
   */
  readonly verify?: boolean;
  /** cosign: upload to the public Rekor log. @default false */
  readonly tlog?: boolean;
}

/** SBOM settings: generated from the pushed digest, written to a file and optionally attested. */
export interface SbomArgs {
  /** `syft` (needs syft) or `trivy` (needs trivy). @default "syft" */
  readonly generator?: "syft" | "trivy";
  /** @default "cyclonedx" */
  readonly format?: "cyclonedx" | "spdx";
  /** Where to write the SBOM. @default "<context>/sbom.<format>.json" */
  readonly output?: string;
  /** Attach it as a signed attestation with `cosign attest` (needs the cosign key). @default false */
  readonly attach?: boolean;
}

export interface SecureImageArgs {
  /** Registry repository without tag, e.g. `registry.example.com/team/api`. */
  readonly repository: string;
  /** Build context directory. */
  readonly context: string;
  /** Dockerfile path relative to the context (when no recipe is given). @default "Dockerfile" */
  readonly dockerfile?: string;
  /** A recipe from `pythonRecipe` / `nodeRecipe` / `staticRecipe` instead of a Dockerfile. */
  readonly recipe?: Recipe;
  /** `error` stops the deployment on lint errors; `warn` reports them. @default { mode: "error" } */
  readonly lint?: { readonly mode?: "error" | "warn" | "off"; readonly ignore?: LintOptions["ignore"] };
  /** Version for labels and semver tags. @default package.json / pyproject.toml version in the context */
  readonly version?: string;
  /** Git commit for labels and the `sha-` tag. @default `git rev-parse HEAD` in the context */
  readonly commit?: string;
  /** Extra tags; `latest` only on dev stacks. */
  readonly tags?: readonly string[];
  /** Stacks where `latest` is accepted. @default /^(dev|local)([-_].*)?$/ */
  readonly devStacks?: RegExp;
  /** Extra labels (OCI labels are set from git and package metadata). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly buildArgs?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Build secrets (RUN --mount=type=secret,id=…), never stored in layers. */
  readonly buildSecrets?: Readonly<Record<string, pulumi.Input<string>>>;
  readonly target?: string;
  /** Registry login; the password is read from Pulumi config as a secret. */
  readonly registry?: { readonly username?: string; readonly passwordConfigKey?: string; readonly insecure?: boolean };
  /** Registry build cache (cache-from and cache-to, mode=max); `false` to disable. @default `<repository>:buildcache` */
  readonly cache?: false | { readonly ref?: string };
  /** Scan gate; `false` to disable (logged as a warning on every deployment). @default { scanner: "trivy", failOn: "HIGH" } */
  readonly scan?: false | ScanArgs;
  /** Signing; `false` to disable (logged as a warning on every deployment). @default { signer: "cosign", verify: true } */
  readonly sign?: false | SignArgs;
  /** SBOM; off unless set. */
  readonly sbom?: SbomArgs;
}
