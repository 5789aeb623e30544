import { shellLine } from "../util/shell";

export interface CosignOptions {
  /** Upload to the Rekor transparency log (public: off for private images). @default false */
  readonly tlog?: boolean;
  /** Talk plain HTTP to the registry. @default false */
  readonly insecureRegistry?: boolean;
  /** Annotations added to the signature payload (`-a key=value`). */
  readonly annotations?: Readonly<Record<string, string>>;
}

const DIGEST_REF = /@sha256:[a-f0-9]{64}$/;
const needDigest = (what: string, ref: string) => {
  if (!DIGEST_REF.test(ref)) throw new Error(`${what}: ${JSON.stringify(ref)} is not pinned by digest; sign and verify repo@sha256:… (a tag can move after signing)`);
};

/** `cosign sign` by digest with the key from the environment (COSIGN_PRIVATE_KEY, COSIGN_PASSWORD), never from a file in the repo. */
export function cosignSignCommand(ref: string, o: CosignOptions = {}): string {
  needDigest("sign", ref);
  return shellLine([
    "cosign", "sign", "--yes", "--key", "env://COSIGN_PRIVATE_KEY", `--tlog-upload=${o.tlog ?? false}`,
    ...(o.insecureRegistry ? ["--allow-insecure-registry", "--allow-http-registry"] : []),
    ...Object.entries(o.annotations ?? {}).flatMap(([k, v]) => ["-a", `${k}=${v}`]),
    ref,
  ]);
}

/** `cosign verify` against the public key (COSIGN_PUBLIC_KEY); exit status 0 only for a valid signature. */
export function cosignVerifyCommand(ref: string, o: CosignOptions = {}): string {
  needDigest("verify", ref);
  return shellLine(["cosign", "verify", "--key", "env://COSIGN_PUBLIC_KEY", `--insecure-ignore-tlog=${!(o.tlog ?? false)}`, ...(o.insecureRegistry ? ["--allow-insecure-registry", "--allow-http-registry"] : []), ref]);
}

/** `cosign attest` of an SBOM file (CycloneDX or SPDX predicate) to the image digest. */
export function cosignAttestCommand(ref: string, predicatePath: string, type: "cyclonedx" | "spdxjson", o: CosignOptions = {}): string {
  needDigest("attest", ref);
  return shellLine(["cosign", "attest", "--yes", "--key", "env://COSIGN_PRIVATE_KEY", `--tlog-upload=${o.tlog ?? false}`, "--type", type, "--predicate", predicatePath, ...(o.insecureRegistry ? ["--allow-insecure-registry", "--allow-http-registry"] : []), ref]);
}
