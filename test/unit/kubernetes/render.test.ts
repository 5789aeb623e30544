/** renderKubernetes: multi-document YAML of the same objects; secrets as references only. */
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import { kubernetesObjects, normalizeStack, objectList, renderKubernetes, renderKubernetesOutput } from "../../../sdk/kubernetes";
import { SpecError } from "../../../sdk/spec";
import { aiStack, DIGEST, shopStack } from "./fixtures";

pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs }, "proj", "dev", false);

describe("renderKubernetes", () => {
  const yaml = renderKubernetes(shopStack);
  const docs = YAML.parseAllDocuments(yaml);

  test("one document per object, in apply order, parsing back to the same objects", () => {
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    expect(docs.map((d) => `${d.get("kind")}/${(d.toJS() as { metadata: { name: string } }).metadata.name}`)).toEqual([
      "Namespace/shop",
      "NetworkPolicy/default-deny",
      "NetworkPolicy/allow-dns",
      "ServiceAccount/web",
      "Service/web",
      "Deployment/web",
      "PodDisruptionBudget/web",
      "NetworkPolicy/web",
      "ServiceAccount/api",
      "PersistentVolumeClaim/api-data",
      "Service/api",
      "StatefulSet/api",
      "NetworkPolicy/api",
      "ServiceAccount/worker",
      "Deployment/worker",
      "NetworkPolicy/worker",
    ]);
    expect(docs.map((d) => d.toJS())).toEqual(JSON.parse(JSON.stringify(objectList(kubernetesObjects(normalizeStack(shopStack)), { secrets: false }))));
  });

  test("secrets are references: no Secret object, no value; a comment says how to create it", () => {
    expect(yaml).not.toMatch(/^kind: Secret$/m);
    expect(yaml).not.toMatch(/stringData|^data:/m);
    expect(yaml).toContain("secretName: api-secrets");
    expect(yaml.split("\n").slice(0, 3)).toEqual([
      '# Shipshape stack "shop" in namespace "shop" (restricted Pod Security).',
      "# Secret api-secrets is not rendered (values never leave the Pulumi config store). Create it before the pods start, e.g.:",
      "#   kubectl -n shop create secret generic api-secrets --from-file=db_password=<file holding config dbPassword>",
    ]);
  });

  test("no YAML anchors or aliases (shared objects are printed in full)", () => {
    expect(yaml).not.toMatch(/[&*]a\d+\b/);
    expect(renderKubernetes(aiStack)).not.toMatch(/[&*]a\d+\b/);
  });

  test("an image Output: renderKubernetes refuses and names the field; renderKubernetesOutput resolves it", async () => {
    const input = { name: "late", services: [{ name: "app", image: pulumi.output(`registry.example.com/t/app:1.0.0@${DIGEST}`), healthcheck: { tcp: { port: 80 } } }] };
    expect(() => renderKubernetes(input)).toThrow(SpecError);
    expect(() => renderKubernetes(input)).toThrow(
      'stack "late" on Kubernetes is invalid (1 problem):\n  - services.app.image: is a Pulumi Output, known only during a deployment; render with renderKubernetesOutput(...), which resolves it, or pass the image reference as a string.',
    );
    const out = await new Promise<string>((resolve) => renderKubernetesOutput(input).apply(resolve));
    expect(out).toContain(`image: registry.example.com/t/app:1.0.0@${DIGEST}`);
  });
});
