/** The cosign "simple signing" payload that a sigstore signature signs (what `cosign sign` writes). */
export interface SigstorePayload {
  readonly critical: {
    readonly identity: { readonly "docker-reference": string };
    readonly image: { readonly "docker-manifest-digest": string };
    readonly type: "cosign container image signature";
  };
  readonly optional: Readonly<Record<string, string>> | null;
}

/** The payload for `repository` (no tag, no digest) at manifest `digest`. */
export function sigstorePayload(repository: string, digest: string, optional: Record<string, string> | null = null): Buffer {
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`digest: ${JSON.stringify(digest)} is not a sha256 manifest digest`);
  if (/[@]|:[\w.-]+$/.test(repository.split("/").pop() ?? "")) throw new Error(`repository: ${JSON.stringify(repository)} must not carry a tag or digest`);
  const p: SigstorePayload = { critical: { identity: { "docker-reference": repository }, image: { "docker-manifest-digest": digest }, type: "cosign container image signature" }, optional };
  return Buffer.from(JSON.stringify(p), "utf8");
}

/** The sigstore attachment tag of a manifest digest: `sha256-<hex>.sig` (cosign's and containers/image's convention). */
export function signatureTag(digest: string): string {
  return `${digest.replace(":", "-")}.sig`;
}
