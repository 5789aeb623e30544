/**
 * Every rendered object validates against the Kubernetes schemas (kubernetes-models), and
 * every rendered pod passes the restricted-PSS checker: for the realistic stacks, and for
 * random valid specs (fast-check).
 */
import fc from "fast-check";
import YAML from "yaml";
import { checkPodSecurity, kubernetesObjects, normalizeStack, objectList, renderKubernetes } from "../../../sdk/kubernetes";
import { defineStack } from "../../../sdk/spec";
import { stackArb } from "./arbitrary";
import { aiStack, shopStack } from "./fixtures";
import { validateObject, validationErrors } from "./validate";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;
const podsOf = (objs: ReturnType<typeof kubernetesObjects>) => objs.services.map((s) => (s.workload.object as J).spec.template);

describe("schema validation (kubernetes-models)", () => {
  test("the validator bites: a wrong type and a missing required field fail", () => {
    expect(() => validateObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { selector: {}, template: { spec: { containers: [{ name: "c", securityContext: { runAsUser: "root" } }] } } } })).toThrow(
      /runAsUser must be integer/,
    );
    expect(() => validateObject({ apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { ports: [{ name: "p" }] } })).toThrow(/port/);
    expect(() => validateObject({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "x" }, spec: {} })).toThrow(/podSelector/);
  });

  for (const [label, input] of [["AI model server stack", aiStack], ["web + API + worker stack", shopStack]] as const) {
    test(`${label}: every object of every service validates`, () => {
      const objs = kubernetesObjects(defineStack(input));
      const list = objectList(objs);
      expect(list.map((o) => `${o.kind}/${(o.metadata as J).name}`)).toEqual(expect.arrayContaining(objs.services.map((s) => `${s.workload.kind}/${s.name}`)));
      expect(validationErrors(list)).toEqual([]);
    });

    test(`${label}: no restricted-PSS violation in any pod`, () => {
      for (const t of podsOf(kubernetesObjects(defineStack(input)))) expect(checkPodSecurity(t.spec, "restricted", t.metadata)).toEqual([]);
    });
  }

  test("property: random valid specs render, validate and pass restricted PSS", () => {
    fc.assert(
      fc.property(stackArb, (input) => {
        const spec = normalizeStack(input);
        const objs = kubernetesObjects(spec);
        const list = objectList(objs);
        expect(validationErrors(list)).toEqual([]);
        for (const t of podsOf(objs)) expect(checkPodSecurity(t.spec, "restricted", t.metadata)).toEqual([]);
        // One workload per service, the right kind; retained claims for every volume.
        for (const s of objs.services) expect(s.workload.kind).toBe(s.spec.volumes.some((v) => v.kind === "data" && !v.readOnly) ? "StatefulSet" : "Deployment");
        expect(objs.services.flatMap((s) => s.claims.map((c) => c.volume)).sort()).toEqual(spec.volumes.map((v) => v.name).sort());
      }),
      { numRuns: 60 },
    );
  });

  test("property: the YAML holds the same objects (minus the Secrets, which are references only)", () => {
    // Fewer runs: YAML printing and parsing is the slow part (~0.1 s a stack).
    fc.assert(
      fc.property(stackArb, (input) => {
        const spec = normalizeStack(input);
        const docs = YAML.parseAllDocuments(renderKubernetes(spec)).map((d) => d.toJS());
        expect(docs).toEqual(JSON.parse(JSON.stringify(objectList(kubernetesObjects(spec), { secrets: false }))));
      }),
      { numRuns: 15 },
    );
  });
});
