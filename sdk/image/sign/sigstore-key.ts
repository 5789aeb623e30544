import * as crypto from "node:crypto";
import nacl from "tweetnacl";

/**
 * Sigstore / cosign key files, made without cosign: skopeo 1.10+ has `generate-sigstore-key`,
 * but Debian's skopeo 1.9 has neither that nor sigstore signing ("Debian-local change:
 * sigstore disabled"); its verifier works. The private key is the cosign format: PKCS#8
 * ECDSA P-256 encrypted with scrypt + NaCl secretbox (go-securesystemslib `encrypted`), PEM
 * type `ENCRYPTED SIGSTORE PRIVATE KEY`; the public key is PKIX PEM.
 */
export interface SigstoreKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

const PEM_TYPES = ["ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"];
/** cosign's scrypt cost (N = 2^15, r = 8, p = 1). */
const SCRYPT = { N: 32768, r: 8, p: 1 };

const pem = (type: string, der: Buffer) => `-----BEGIN ${type}-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END ${type}-----\n`;
const scrypt = (pass: string, salt: Buffer, p: { N: number; r: number; p: number }) => crypto.scryptSync(Buffer.from(pass, "utf8"), salt, 32, { ...p, maxmem: 256 * p.N * p.r });

/** A new ECDSA P-256 key pair; the private key encrypted with `passphrase` (may be empty, as cosign allows). */
export function generateSigstoreKeyPair(passphrase: string): SigstoreKeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const der = privateKey.export({ format: "der", type: "pkcs8" });
  const salt = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(24);
  const box = nacl.secretbox(new Uint8Array(der), new Uint8Array(nonce), new Uint8Array(scrypt(passphrase, salt, SCRYPT)));
  const envelope = {
    kdf: { name: "scrypt", params: SCRYPT, salt: salt.toString("base64") },
    cipher: { name: "nacl/secretbox", nonce: nonce.toString("base64") },
    ciphertext: Buffer.from(box).toString("base64"),
  };
  return { privateKeyPem: pem(PEM_TYPES[0], Buffer.from(JSON.stringify(envelope))), publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString() };
}

/** Decrypt a cosign/sigstore private key; a wrong passphrase or a damaged file is an error that says so. */
export function loadSigstorePrivateKey(privateKeyPem: string, passphrase: string): crypto.KeyObject {
  const m = /-----BEGIN ([A-Z ]+)-----\s*([\s\S]+?)\s*-----END \1-----/.exec(privateKeyPem);
  if (!m || !PEM_TYPES.includes(m[1])) throw new Error(`not a sigstore private key: expected a PEM block of type ${PEM_TYPES.join(" or ")}`);
  const env = JSON.parse(Buffer.from(m[2].replace(/\s+/g, ""), "base64").toString("utf8")) as {
    kdf: { name: string; params: { N: number; r: number; p: number }; salt: string };
    cipher: { name: string; nonce: string };
    ciphertext: string;
  };
  if (env.kdf?.name !== "scrypt" || env.cipher?.name !== "nacl/secretbox") throw new Error(`unsupported key encryption ${env.kdf?.name}/${env.cipher?.name}; expected scrypt/nacl/secretbox`);
  const key = scrypt(passphrase, Buffer.from(env.kdf.salt, "base64"), env.kdf.params);
  const der = nacl.secretbox.open(new Uint8Array(Buffer.from(env.ciphertext, "base64")), new Uint8Array(Buffer.from(env.cipher.nonce, "base64")), new Uint8Array(key));
  if (!der) throw new Error("cannot decrypt the sigstore private key: wrong passphrase or damaged key file");
  return crypto.createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
}
