import * as crypto from "node:crypto";

/** Just enough of the OCI distribution API to read digests and push a signature artifact. */
export interface RegistryTarget {
  /** `host:port`, e.g. `127.0.0.1:5000`. */
  readonly registry: string;
  /** Repository path, e.g. `team/api`. */
  readonly repository: string;
  /** Plain HTTP (a local registry). @default false */
  readonly insecure?: boolean;
  /** Basic credentials (htpasswd registries). */
  readonly auth?: { readonly username: string; readonly password: string };
}

export const MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
];

const base = (t: RegistryTarget) => `${t.insecure ? "http" : "https"}://${t.registry}/v2/${t.repository}`;
const headers = (t: RegistryTarget, extra: Record<string, string> = {}) => ({
  ...extra,
  ...(t.auth ? { authorization: `Basic ${Buffer.from(`${t.auth.username}:${t.auth.password}`).toString("base64")}` } : {}),
});

async function ok(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

export const sha256 = (b: Buffer | string) => `sha256:${crypto.createHash("sha256").update(b).digest("hex")}`;

/** The manifest digest a tag (or digest) resolves to. */
export async function resolveDigest(t: RegistryTarget, reference: string): Promise<string> {
  const res = await ok(await fetch(`${base(t)}/manifests/${reference}`, { method: "HEAD", headers: headers(t, { accept: MANIFEST_TYPES.join(", ") }) }), `resolve ${t.repository}:${reference}`);
  const d = res.headers.get("docker-content-digest");
  if (!d) throw new Error(`resolve ${t.repository}:${reference}: the registry sent no Docker-Content-Digest header`);
  return d;
}

/** A manifest and its media type, or undefined when the reference does not exist. */
export async function getManifest(t: RegistryTarget, reference: string): Promise<{ mediaType: string; body: Buffer } | undefined> {
  const res = await fetch(`${base(t)}/manifests/${reference}`, { headers: headers(t, { accept: MANIFEST_TYPES.join(", ") }) });
  if (res.status === 404) return undefined;
  await ok(res, `get manifest ${t.repository}:${reference}`);
  return { mediaType: res.headers.get("content-type") ?? "", body: Buffer.from(await res.arrayBuffer()) };
}

export async function getBlob(t: RegistryTarget, digest: string): Promise<Buffer> {
  const res = await ok(await fetch(`${base(t)}/blobs/${digest}`, { headers: headers(t) }), `get blob ${digest}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Monolithic blob upload (POST then PUT with the digest); returns the digest. */
export async function putBlob(t: RegistryTarget, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const head = await fetch(`${base(t)}/blobs/${digest}`, { method: "HEAD", headers: headers(t) });
  if (head.ok) return digest;
  const start = await ok(await fetch(`${base(t)}/blobs/uploads/`, { method: "POST", headers: headers(t) }), "start blob upload");
  const loc = start.headers.get("location");
  if (!loc) throw new Error("start blob upload: no Location header");
  const url = new URL(loc, `${t.insecure ? "http" : "https"}://${t.registry}`);
  url.searchParams.set("digest", digest);
  await ok(await fetch(url, { method: "PUT", headers: headers(t, { "content-type": "application/octet-stream" }), body: data }), `upload blob ${digest}`);
  return digest;
}

export async function putManifest(t: RegistryTarget, reference: string, mediaType: string, body: Buffer): Promise<string> {
  const res = await ok(await fetch(`${base(t)}/manifests/${reference}`, { method: "PUT", headers: headers(t, { "content-type": mediaType }), body }), `put manifest ${t.repository}:${reference}`);
  return res.headers.get("docker-content-digest") ?? sha256(body);
}
