import { shq } from "../util/shell";

/**
 * Signature formats containers/image (skopeo, podman, CRI-O) verifies:
 * - `simple`: GPG "simple signing" stored in a lookaside location (a directory or web server),
 *   policy `signedBy`. Debian's skopeo 1.9 signs and verifies these.
 * - `sigstore`: cosign's format stored as registry attachments, policy `sigstoreSigned`.
 *   Debian's skopeo 1.9 is built without it ("Debian-local change: sigstore disabled");
 *   upstream skopeo >= 1.9, podman and CRI-O verify it.
 */
export type SignatureKind = "simple" | "sigstore";

/**
 * containers-policy.json(5) that accepts images under `scope` (e.g. `127.0.0.1:5000/team`)
 * only with a signature valid for the key at `keyPath`, naming the same repository, and
 * rejects everything else (local `dir:`/`oci:` destinations are accepted).
 */
export function verifyPolicy(kind: SignatureKind, scope: string, keyPath: string): object {
  const req =
    kind === "sigstore"
      ? { type: "sigstoreSigned", keyPath, signedIdentity: { type: "matchRepository" } }
      : { type: "signedBy", keyType: "GPGKeys", keyPath, signedIdentity: { type: "matchRepoDigestOrExact" } };
  return {
    default: [{ type: "reject" }],
    transports: {
      docker: { [scope]: [req] },
      dir: { "": [{ type: "insecureAcceptAnything" }] },
      oci: { "": [{ type: "insecureAcceptAnything" }] },
    },
  };
}

/**
 * containers-registries.d(5) entry for `registry`: sigstore signatures as registry
 * attachments, or simple signatures read from (and staged to) a lookaside URL.
 */
export function registriesDConfig(registry: string, kind: SignatureKind, lookaside?: string): string {
  if (kind === "sigstore") return `docker:\n  ${registry}:\n    use-sigstore-attachments: true\n`;
  if (!lookaside || !/^(file|https?):\/\//.test(lookaside)) throw new Error(`lookaside: ${JSON.stringify(lookaside)} must be a file://, http:// or https:// URL where the simple signatures are kept`);
  return `docker:\n  ${registry}:\n    lookaside: ${lookaside}\n${lookaside.startsWith("file://") ? `    lookaside-staging: ${lookaside}\n` : ""}`;
}

export interface SkopeoVerifyOptions {
  readonly kind: SignatureKind;
  /** Registry host:port the image is in. */
  readonly registry: string;
  /** Policy scope: a registry, a namespace or a repository. */
  readonly scope: string;
  /** Public key: PEM (sigstore) or an armored GPG public key (simple). */
  readonly publicKey: string;
  /** Lookaside URL of simple signatures. */
  readonly lookaside?: string;
  /** Plain HTTP registry. @default false */
  readonly insecure?: boolean;
  /** Environment variable holding `user:password` for the registry. */
  readonly credentialsEnv?: string;
}

/**
 * A /bin/sh script that verifies `ref` with skopeo: it writes the key, policy and
 * registries.d into a temporary directory and copies the image out (skopeo checks the policy
 * on every copy; `inspect` does not). Exit status 0 only for a valid signature.
 */
export function skopeoVerifyScript(ref: string, o: SkopeoVerifyOptions): string {
  if (o.credentialsEnv !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(o.credentialsEnv)) throw new Error(`credentialsEnv: ${JSON.stringify(o.credentialsEnv)} is not an environment variable name`);
  const policy = JSON.stringify(verifyPolicy(o.kind, o.scope, "@KEY@")).replace("@KEY@", "%s/key");
  return [
    "set -eu",
    'd="$(mktemp -d)"',
    "trap 'rm -rf \"$d\"' EXIT",
    'mkdir "$d/registries.d"',
    `printf '%s' ${shq(o.publicKey)} > "$d/key"`,
    `printf '%s' ${shq(registriesDConfig(o.registry, o.kind, o.lookaside))} > "$d/registries.d/shipshape.yaml"`,
    `printf ${shq(policy)} "$d" > "$d/policy.json"`,
    `skopeo --policy "$d/policy.json" --registries.d "$d/registries.d" copy --quiet${o.insecure ? " --src-tls-verify=false" : ""}${o.credentialsEnv ? ` --src-creds "$${o.credentialsEnv}"` : ""} ${shq(`docker://${ref}`)} "dir:$d/image"`,
  ].join("\n");
}

export interface SkopeoSignOptions {
  /** Directory with the registries.d config that says where signatures are written. */
  readonly registriesD: string;
  /** Plain HTTP registry. @default false */
  readonly insecure?: boolean;
  /** Environment variable holding `user:password` for the registry. */
  readonly credentialsEnv?: string;
}

/**
 * Sign a pushed image with GPG simple signing: copy it by digest onto its own tag with
 * `--sign-by` (layers already there, so only the signature is written). The key fingerprint
 * comes from $SIGNING_KEY_FINGERPRINT and the keyring from $GNUPGHOME.
 */
export function skopeoSignCommand(digestRef: string, tagRef: string, o: SkopeoSignOptions): string {
  if (!/@sha256:[a-f0-9]{64}$/.test(digestRef)) throw new Error(`sign: ${JSON.stringify(digestRef)} is not pinned by digest; sign exactly the pushed repo@sha256:…`);
  const tls = o.insecure ? " --src-tls-verify=false --dest-tls-verify=false" : "";
  const creds = o.credentialsEnv ? ` --src-creds "$${o.credentialsEnv}" --dest-creds "$${o.credentialsEnv}"` : "";
  return `skopeo --registries.d ${shq(o.registriesD)} copy --quiet${tls}${creds} --sign-by "$SIGNING_KEY_FINGERPRINT" ${shq(`docker://${digestRef}`)} ${shq(`docker://${tagRef}`)}`;
}
