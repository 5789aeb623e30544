/**
 * A Pulumi program under mocks, run in its own Node process by secure-image.test.ts: a
 * SecureImage whose scanner prints the recorded Trivy report given in SCAN_FIXTURE. When the
 * gate fails, the program must fail the way `pulumi up` does (an error naming the
 * vulnerabilities); when it passes, it prints the digest ref.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const DIGEST = `sha256:${"4f".repeat(32)}`;
const scanOutput = fs.readFileSync(process.env.SCAN_FIXTURE!, "utf8");
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      if (args.type === "docker-build:index:Image") return { id: `${args.name}-id`, state: { ...args.inputs, digest: DIGEST } };
      if (args.type === "command:local:Command") return { id: `${args.name}-id`, state: { ...args.inputs, stdout: args.name.endsWith("-scan") ? scanOutput : "" } };
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "proj",
  "prod",
  false,
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pythonRecipe, SecureImage } = require("..") as typeof import("..");
const ctx = fs.mkdtempSync(path.join(os.tmpdir(), "ss-image-gate-"));
fs.writeFileSync(path.join(ctx, "package.json"), JSON.stringify({ name: "notes", version: "1.4.2" }));
const img = new SecureImage("notes", {
  repository: "127.0.0.1:5000/team/notes",
  context: ctx,
  recipe: pythonRecipe({ name: "notes", baseImage: `debian:12-slim@sha256:${"b".repeat(64)}`, command: ["python", "app.py"], requirements: null }),
  commit: "abcdef1234567890abcdef1234567890abcdef12",
  sign: false,
});
img.ref.apply((r) => console.log(`REF ${r}`));
