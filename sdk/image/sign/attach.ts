import * as crypto from "node:crypto";
import { sigstorePayload, signatureTag } from "./payload";
import { getBlob, getManifest, putBlob, putManifest, RegistryTarget, resolveDigest } from "./registry-client";

export const SIGSTORE_SIGNATURE_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
export const SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

export interface SignResult {
  /** The signed manifest digest. */
  readonly digest: string;
  /** Where the signature lives: `<repository>:sha256-<hex>.sig`. */
  readonly signatureRef: string;
  readonly payload: Buffer;
  /** Base64 ECDSA-SHA256 signature over the payload. */
  readonly signature: string;
}

/**
 * Sign an image in a registry the way `cosign sign --key` does and store the signature as a
 * sigstore attachment (an OCI manifest tagged `sha256-<digest>.sig` whose layer is the payload
 * with the signature in an annotation). containers/image (`use-sigstore-attachments: true`,
 * policy `sigstoreSigned`) and cosign verify this format. Existing signatures are kept.
 * `reference` may be a tag or a digest; what is signed is the digest it resolves to now.
 */
export async function signImage(t: RegistryTarget, reference: string, privateKey: crypto.KeyObject, optional: Record<string, string> | null = null): Promise<SignResult> {
  const digest = reference.startsWith("sha256:") ? reference : await resolveDigest(t, reference);
  const payload = sigstorePayload(`${t.registry}/${t.repository}`, digest, optional);
  const signature = crypto.sign("sha256", payload, privateKey).toString("base64");
  const payloadDigest = await putBlob(t, payload);
  const tag = signatureTag(digest);

  type Layer = { mediaType: string; size: number; digest: string; annotations?: Record<string, string> };
  const existing = await getManifest(t, tag);
  const layers: Layer[] = existing ? ((JSON.parse(existing.body.toString("utf8")) as { layers?: Layer[] }).layers ?? []) : [];
  layers.push({ mediaType: SIGSTORE_SIGNATURE_TYPE, size: payload.length, digest: payloadDigest, annotations: { [SIGNATURE_ANNOTATION]: signature } });
  const config = Buffer.from(JSON.stringify({ architecture: "", created: "0001-01-01T00:00:00Z", history: [{ created: "0001-01-01T00:00:00Z" }], os: "", rootfs: { type: "layers", diff_ids: layers.map((l) => l.digest) }, config: {} }));
  const configDigest = await putBlob(t, config);
  const manifest = { schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config: { mediaType: "application/vnd.oci.image.config.v1+json", size: config.length, digest: configDigest }, layers };
  await putManifest(t, tag, manifest.mediaType, Buffer.from(JSON.stringify(manifest)));
  return { digest, signatureRef: `${t.registry}/${t.repository}:${tag}`, payload, signature };
}

/**
 * Check the sigstore signatures of `digest` against a public key in-process (the same checks
 * as containers/image's `sigstoreSigned` with `matchRepository`): a valid ECDSA signature over
 * a payload that names this repository and this digest. Returns the number of valid signatures.
 */
export async function verifyImageSignatures(t: RegistryTarget, digest: string, publicKeyPem: string): Promise<number> {
  const m = await getManifest(t, signatureTag(digest));
  if (!m) return 0;
  const layers = (JSON.parse(m.body.toString("utf8")) as { layers?: { mediaType: string; digest: string; annotations?: Record<string, string> }[] }).layers ?? [];
  let valid = 0;
  for (const l of layers) {
    const sig = l.annotations?.[SIGNATURE_ANNOTATION];
    if (l.mediaType !== SIGSTORE_SIGNATURE_TYPE || !sig) continue;
    const payload = await getBlob(t, l.digest);
    if (!crypto.verify("sha256", payload, publicKeyPem, Buffer.from(sig, "base64"))) continue;
    const p = JSON.parse(payload.toString("utf8")) as { critical?: { identity?: Record<string, string>; image?: Record<string, string> } };
    if (p.critical?.image?.["docker-manifest-digest"] === digest && p.critical?.identity?.["docker-reference"] === `${t.registry}/${t.repository}`) valid++;
  }
  return valid;
}
