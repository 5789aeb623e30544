/**
 * Signing round trip for real against the local registry (127.0.0.1:5000).
 *
 * skopeo (containers/image) signs and verifies: GPG simple signing with `--sign-by`, the
 * signature in a lookaside directory, verification through a containers-policy.json
 * `signedBy` requirement and the public key. Verification fails for an unsigned image, for a
 * different image re-tagged under the signed tag, for a signature moved onto another
 * digest, and for the wrong key. (Debian's skopeo 1.9 is built without sigstore — it answers
 * "Debian-local change: sigstore disabled" — so sigstore/cosign-format signatures, which
 * Shipshape's signer writes as registry attachments, are checked in-process here.)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeWithEngine, REGISTRY, TESTSVC_IMAGE } from "../engine";
import { generateSigstoreKeyPair, getManifest, loadSigstorePrivateKey, putManifest, registriesDConfig, signatureTag, signImage, skopeoSignCommand, skopeoVerifyScript, verifyImageSignatures } from "../../../sdk/image/sign";
import { buildFromText, DOCKER, must, PREFIX, run, RUN_ID } from "./helpers";

const REPO = `${PREFIX}/sig-${RUN_ID}`;
const scope = `${REGISTRY}/${PREFIX}`;

/** Push a local image to `repo:tag` with skopeo and return the manifest digest. */
function push(image: string, tag: string, repo = REPO): string {
  must("skopeo", ["copy", "--quiet", "--dest-tls-verify=false", `docker-daemon:${image}`, `docker://${REGISTRY}/${repo}:${tag}`]);
  return must("skopeo", ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", `docker://${REGISTRY}/${repo}:${tag}`]).stdout.trim();
}

/** A throwaway GPG keyring with one signing key (no passphrase); returns its home, fingerprint and armored public key. */
function gpgKey(dir: string, name: string) {
  const home = path.join(dir, `gnupg-${name}`);
  fs.mkdirSync(home, { mode: 0o700 });
  const env = { GNUPGHOME: home };
  must("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", `Shipshape ${name} <${name}@shipshape.invalid>`, "ed25519", "sign", "never"], { env });
  const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(must("gpg", ["--list-keys", "--with-colons"], { env }).stdout)![1];
  const pub = must("gpg", ["--armor", "--export", fpr], { env }).stdout;
  return { home, fpr, pub };
}

describeWithEngine("image signing round trip", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}-`));
  const lookaside = `file://${path.join(dir, "sigs")}`;
  const registriesD = path.join(dir, "registries.d");
  const imageB = `${PREFIX}/variant:${RUN_ID}`;
  let key: ReturnType<typeof gpgKey>;
  let wrong: ReturnType<typeof gpgKey>;
  let digestA = "";
  let digestB = "";
  const verify = (ref: string, publicKey: string) => run("sh", ["-c", skopeoVerifyScript(ref, { kind: "simple", registry: REGISTRY, scope, publicKey, lookaside, insecure: true })]);

  beforeAll(() => {
    fs.mkdirSync(registriesD);
    fs.writeFileSync(path.join(registriesD, "shipshape.yaml"), registriesDConfig(REGISTRY, "simple", lookaside));
    key = gpgKey(dir, "signer");
    wrong = gpgKey(dir, "other");
    buildFromText(imageB, `FROM ${TESTSVC_IMAGE}\nLABEL org.shipshape.variant="${RUN_ID}"\n`);
    digestA = push(TESTSVC_IMAGE, "1.0.0");
    digestB = push(imageB, "other");
    expect(digestA).not.toBe(digestB);
  });
  afterAll(() => {
    run(DOCKER, ["rmi", "-f", imageB]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("skopeo signs (GPG simple signing) and skopeo verifies", () => {
    test("sign by digest with the command SecureImage runs; verify with the public key", () => {
      const cmd = skopeoSignCommand(`${REGISTRY}/${REPO}@${digestA}`, `${REGISTRY}/${REPO}:1.0.0`, { registriesD, insecure: true });
      const signed = run("sh", ["-c", cmd], { env: { GNUPGHOME: key.home, SIGNING_KEY_FINGERPRINT: key.fpr } });
      expect(signed.stderr).toBe("");
      expect(signed.status).toBe(0);
      expect(fs.existsSync(path.join(dir, "sigs", `${REPO}@${digestA.replace(":", "=")}`, "signature-1"))).toBe(true);
      const ok = verify(`${REGISTRY}/${REPO}@${digestA}`, key.pub);
      expect(ok.stderr).toBe("");
      expect(ok.status).toBe(0);
      expect(verify(`${REGISTRY}/${REPO}:1.0.0`, key.pub).status).toBe(0);
    });

    test("an unsigned image is rejected", () => {
      const r = verify(`${REGISTRY}/${REPO}@${digestB}`, key.pub);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("A signature was required, but no signature exists");
    });

    test("a different image re-tagged under the signed tag is rejected; the signed digest still verifies", () => {
      push(imageB, "1.0.0");
      const r = verify(`${REGISTRY}/${REPO}:1.0.0`, key.pub);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("A signature was required, but no signature exists");
      expect(verify(`${REGISTRY}/${REPO}@${digestA}`, key.pub).status).toBe(0);
    });

    test("a valid signature moved onto another digest is rejected (it names the signed digest)", () => {
      const from = path.join(dir, "sigs", `${REPO}@${digestA.replace(":", "=")}`);
      const to = path.join(dir, "sigs", `${REPO}@${digestB.replace(":", "=")}`);
      fs.cpSync(from, to, { recursive: true });
      const r = verify(`${REGISTRY}/${REPO}@${digestB}`, key.pub);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/Signature for docker-manifest-digest sha256:[a-f0-9]{64} does not match|does not match/);
    });

    test("a signature checked against another key is rejected", () => {
      const r = verify(`${REGISTRY}/${REPO}@${digestA}`, wrong.pub);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("Source image rejected: Invalid GPG signature");
    });
  });

  describe("sigstore (cosign format) attachments written by Shipshape's signer", () => {
    const target = { registry: REGISTRY, repository: `${PREFIX}/sigstore-${RUN_ID}`, insecure: true };
    const keys = generateSigstoreKeyPair("conformance-passphrase");
    let digest = "";
    beforeAll(() => {
      digest = push(TESTSVC_IMAGE, "1.0.0", target.repository);
    });

    test("signs by digest into a sha256-<digest>.sig attachment that verifies with the public key only", async () => {
      const signed = await signImage(target, "1.0.0", loadSigstorePrivateKey(keys.privateKeyPem, "conformance-passphrase"));
      expect(signed.digest).toBe(digest);
      expect(signed.signatureRef).toBe(`${REGISTRY}/${target.repository}:${signatureTag(digest)}`);
      const m = JSON.parse((await getManifest(target, signatureTag(digest)))!.body.toString("utf8"));
      expect(m.layers[0].mediaType).toBe("application/vnd.dev.cosign.simplesigning.v1+json");
      expect(Object.keys(m.layers[0].annotations)).toEqual(["dev.cosignproject.cosign/signature"]);
      expect(await verifyImageSignatures(target, digest, keys.publicKeyPem)).toBe(1);
      expect(await verifyImageSignatures(target, digest, generateSigstoreKeyPair("").publicKeyPem)).toBe(0);
    });

    test("a second signature is appended; a signature copied to another digest does not verify there", async () => {
      await signImage(target, digest, loadSigstorePrivateKey(keys.privateKeyPem, "conformance-passphrase"));
      expect(await verifyImageSignatures(target, digest, keys.publicKeyPem)).toBe(2);
      const other = push(imageB, "other", target.repository);
      const sig = (await getManifest(target, signatureTag(digest)))!;
      await putManifest(target, signatureTag(other), sig.mediaType, sig.body);
      expect(await verifyImageSignatures(target, other, keys.publicKeyPem)).toBe(0);
    });

    test("a wrong passphrase cannot load the private key", () => {
      expect(() => loadSigstorePrivateKey(keys.privateKeyPem, "wrong")).toThrow("cannot decrypt the sigstore private key: wrong passphrase or damaged key file");
    });
  });
});
