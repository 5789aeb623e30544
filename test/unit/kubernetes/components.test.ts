/**
 * The Pulumi components under mocks: child types, names and inputs (the same plain objects
 * renderKubernetes prints), secrets marked secret, retention on data claims.
 */
import * as pulumi from "@pulumi/pulumi";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;
interface Created {
  type: string;
  name: string;
  inputs: J;
}
const created: Created[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      created.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "proj",
  "dev",
  false,
);
pulumi.runtime.setConfig("proj:dbPassword", "hunter2-db-password");
pulumi.runtime.setConfig("payments:token", "tok-987-payments");

import { KubernetesService, KubernetesStack, kubernetesObjects, normalizeStack } from "../../../sdk/kubernetes";
import { SpecError } from "../../../sdk/spec";
import { api, DIGEST, shopStack } from "./fixtures";

const value = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
/** Options as each resource was registered, captured by a transformation on the component (children inherit it). */
interface Captured {
  type: string;
  name: string;
  opts: pulumi.ResourceOptions;
}
const capture = (into: Captured[]): pulumi.ResourceTransformation => (args) => {
  into.push({ type: args.type, name: args.name, opts: args.opts });
  return undefined;
};
const secretValue = (v: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: v });
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
async function settle(resources: pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((r) => value(r.urn)));
}
function servicesChildren(s: KubernetesService): pulumi.Resource[] {
  return [s, s.serviceAccount, ...(s.secret ? [s.secret] : []), ...s.claims, s.workload, ...(s.service ? [s.service] : []), s.networkPolicy, ...(s.podDisruptionBudget ? [s.podDisruptionBudget] : [])];
}

describe("KubernetesStack under mocks", () => {
  const captured: Captured[] = [];
  let stack: KubernetesStack;
  beforeAll(async () => {
    created.length = 0;
    stack = new KubernetesStack("shop", { stack: shopStack }, { transformations: [capture(captured)] });
    await settle([stack.namespace, ...stack.networkPolicies, ...Object.values(stack.services).flatMap(servicesChildren)]);
  });
  const find = (type: string, name: string) => created.find((c) => c.type === type && c.name === name);

  test("child types and names", () => {
    expect(captured.map((c) => `${c.type} ${c.name}`)).toEqual([
      "shipshape:kubernetes:Stack shop",
      "kubernetes:core/v1:Namespace shop-namespace",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy shop-default-deny",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy shop-allow-dns",
      "shipshape:kubernetes:Service shop-web",
      "kubernetes:core/v1:ServiceAccount shop-web-sa",
      "kubernetes:apps/v1:Deployment shop-web",
      "kubernetes:core/v1:Service shop-web-svc",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy shop-web-netpol",
      "kubernetes:policy/v1:PodDisruptionBudget shop-web-pdb",
      "shipshape:kubernetes:Service shop-api",
      "kubernetes:core/v1:ServiceAccount shop-api-sa",
      "kubernetes:core/v1:Secret shop-api-secret",
      "kubernetes:core/v1:PersistentVolumeClaim shop-api-claim-api-data",
      "kubernetes:apps/v1:StatefulSet shop-api",
      "kubernetes:core/v1:Service shop-api-svc",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy shop-api-netpol",
      "shipshape:kubernetes:Service shop-worker",
      "kubernetes:core/v1:ServiceAccount shop-worker-sa",
      "kubernetes:apps/v1:Deployment shop-worker",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy shop-worker-netpol",
    ]);
    expect(created.filter((c) => c.type.startsWith("kubernetes:")).length).toBe(17);
    // Parents: the stack holds the namespace, its policies and the services; each service its own children.
    const parentOf = (c: Captured) => c.opts.parent;
    for (const c of captured.slice(1)) {
      const svcName = ["web", "api", "worker"].find((n) => c.name === `shop-${n}` || c.name.startsWith(`shop-${n}-`));
      const expected = c.type === "shipshape:kubernetes:Service" || !svcName ? stack : stack.services[svcName];
      expect(`${c.name} -> ${parentOf(c) === expected}`).toBe(`${c.name} -> true`);
    }
  });

  test("inputs are exactly the plain objects renderKubernetes prints", () => {
    const objs = stack.objects;
    expect(find("kubernetes:core/v1:Namespace", "shop-namespace")!.inputs).toEqual(plain(objs.namespaceObject));
    for (const s of objs.services) {
      expect(find(`kubernetes:apps/v1:${s.workload.kind}`, `shop-${s.name}`)!.inputs).toEqual(plain(s.workload.object));
      expect(find("kubernetes:networking.k8s.io/v1:NetworkPolicy", `shop-${s.name}-netpol`)!.inputs).toEqual(plain(s.networkPolicy));
      expect(find("kubernetes:core/v1:ServiceAccount", `shop-${s.name}-sa`)!.inputs).toEqual(plain(s.serviceAccount));
    }
    expect(find("kubernetes:core/v1:PersistentVolumeClaim", "shop-api-claim-api-data")!.inputs).toEqual(plain(objs.services[1].claims[0].object));
    expect(objs).toEqual(kubernetesObjects(normalizeStack(shopStack)));
  });

  test("the namespace enforces restricted PSS; every child sits in it and waits for it", () => {
    expect(find("kubernetes:core/v1:Namespace", "shop-namespace")!.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    for (const c of created.filter((x) => x.type.startsWith("kubernetes:") && !x.type.endsWith(":Namespace"))) expect(`${c.name} ${c.inputs.metadata.namespace}`).toBe(`${c.name} shop`);
    const ns = stack.namespace;
    for (const c of captured.filter((x) => x.type.startsWith("kubernetes:") && !x.type.endsWith(":Namespace"))) expect(c.opts.dependsOn).toEqual(expect.arrayContaining([ns]));
  });

  test("the Secret's data comes from config, is marked secret, and appears nowhere else", async () => {
    const secret = stack.services.api.secret!;
    expect(await pulumi.isSecret(secret.stringData)).toBe(true);
    // The provider receives the value wrapped as a secret (the RPC secret signature), never as plain text.
    expect(find("kubernetes:core/v1:Secret", "shop-api-secret")!.inputs.stringData).toEqual(secretValue({ db_password: "hunter2-db-password" }));
    const leaks = created.filter((c) => c.type !== "kubernetes:core/v1:Secret" && JSON.stringify(c.inputs).includes("hunter2"));
    expect(leaks.map((c) => c.name)).toEqual([]);
  });

  test("data claims are retained on delete; the workload waits for its account, secret and claim", () => {
    const claim = captured.find((c) => c.name === "shop-api-claim-api-data")!;
    expect(claim.opts.retainOnDelete).toBe(true);
    const sts = captured.find((c) => c.type === "kubernetes:apps/v1:StatefulSet")!;
    const api = stack.services.api;
    expect(sts.opts.dependsOn).toEqual(expect.arrayContaining([api.serviceAccount, api.secret, api.claims[0]]));
    expect(stack.services.api.host).toBe("api.shop.svc");
    expect(stack.services.worker.host).toBeUndefined();
  });
});

describe("KubernetesService on its own under mocks", () => {
  test("a claim whose volume opts in to deletion is not retained; models claims are", async () => {
    const captured: Captured[] = [];
    const svc = new KubernetesService(
      "solo",
      {
        service: { ...api, volumes: [{ kind: "data", name: "cache", mountPath: "/cache", deleteOnDestroy: true }, { kind: "models", name: "weights", mountPath: "/weights" }] },
        namespace: "ml",
      },
      { transformations: [capture(captured)] },
    );
    await settle(servicesChildren(svc));
    expect(captured.filter((c) => c.type === "kubernetes:core/v1:PersistentVolumeClaim").map((c) => [c.name, c.opts.retainOnDelete])).toEqual([
      ["solo-claim-cache", false],
      ["solo-claim-weights", true],
    ]);
    expect(await value(svc.workload.metadata.namespace)).toBe("ml");
    expect(svc.host).toBe("api.ml.svc");
  });

  test("an image Output and a namespaced config key", async () => {
    created.length = 0;
    const svc = new KubernetesService("pay", {
      service: { name: "payments", image: pulumi.output(`registry.example.com/p/pay:1.0.0@${DIGEST}`), healthcheck: { tcp: { port: 8443 } }, secrets: [{ name: "token", configKey: "payments:token" }] },
    });
    await settle(servicesChildren(svc));
    const dep = created.find((c) => c.type === "kubernetes:apps/v1:Deployment")!;
    expect(dep.inputs.spec.template.spec.containers[0].image).toBe(`registry.example.com/p/pay:1.0.0@${DIGEST}`);
    expect(dep.inputs.metadata.namespace).toBe("payments");
    expect(created.find((c) => c.type === "kubernetes:core/v1:Secret")!.inputs.stringData).toEqual(secretValue({ token: "tok-987-payments" }));
    expect(await pulumi.isSecret(svc.secret!.stringData)).toBe(true);
  });

  test("a missing config secret fails with the key; a spec Kubernetes cannot express fails with the field; nothing is registered", () => {
    const captured: Captured[] = [];
    expect(() => new KubernetesService("nokey", { service: { ...api, secrets: [{ name: "x", configKey: "notSet" }] } }, { transformations: [capture(captured)] })).toThrow(/notSet/);
    expect(() => new KubernetesStack("bad", { stack: { name: "bad", services: [{ ...api, gpus: { count: "all" } }] } }, { transformations: [capture(captured)] })).toThrow(/services\.api\.gpus\.count/);
    expect(() => new KubernetesStack("nokey", { stack: { name: "nokey", services: [{ ...api, secrets: [{ name: "x", configKey: "alsoNotSet" }] }] } }, { transformations: [capture(captured)] })).toThrow(/alsoNotSet/);
    expect(captured).toEqual([]);
    expect(() => new KubernetesService("bind", { service: { ...api, volumes: [{ kind: "bind", hostPath: "/srv/x", mountPath: "/x" }] } })).toThrow(SpecError);
    expect(() => new KubernetesService("bind2", { service: { ...api, volumes: [{ kind: "bind", hostPath: "/srv/x", mountPath: "/x" }] } })).toThrow(/services\.api\.volumes\[0\]: a bind mount of "\/srv\/x"/);
  });
});
