// An image built from a recipe (no Dockerfile to maintain), pushed, scanned, signed and
// verified — then deployed by the digest that passed. `image.ref` resolves only after the
// scan gate passed and the signature verified, so the container can never run anything else.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DockerService } from "../../sdk/docker";
import { nodeRecipe, SecureImage } from "../../sdk/image";

const config = new pulumi.Config();
// The registry to push to (default: the local registry that scripts/engine.sh runs).
const registry = config.get("registry") ?? "127.0.0.1:5000";
const local = /^(127\.0\.0\.1|localhost)(:|$)/.test(registry);

const image = new SecureImage("hello", {
  repository: `${registry}/examples/hello`,
  context: path.join(__dirname, "app"),
  // Two stages: production dependencies, then a distroless runtime with `nodejs` only, user 10001.
  recipe: nodeRecipe({
    name: "hello",
    command: ["node", "server.js"],
    port: 8080,
    healthPath: "/healthz",
    baseImage: "debian:12-slim@sha256:3bc5e94a0e8329c102203c3f5f26fd67835f0c81633dd6949de0557867a87fac",
  }),
  // Login only for a real registry; its password is `pulumi config set --secret registryPassword`.
  registry: local ? { insecure: true } : { username: config.require("registryUser") },
  // Fail the update on HIGH or CRITICAL findings with a fix available.
  scan: { scanner: "trivy", failOn: "HIGH", ignoreUnfixed: true },
  // cosign with the key pair from config (cosignPrivateKey, cosignPassword secret; signingPublicKey plain).
  sign: { signer: "cosign" },
});

const hello = new DockerService("hello", {
  service: {
    name: "hello",
    image: image.ref,
    user: "10001:10001",
    ports: [{ container: 8080, published: 8081 }],
    // Distroless: no shell, no wget — probe with the image's own node.
    healthcheck: { http: { path: "/healthz", port: 8080 }, probe: "node" },
    resources: { memory: "128Mi", cpus: 0.25, pids: 64 },
  },
});

export const ref = image.ref;
export const tags = image.tags;
export const scanReport = image.scanReport;
export const container = hello.container.name;
