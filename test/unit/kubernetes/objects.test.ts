/** kubernetesObjects: what each spec field becomes, checked on plain objects. */
import { colocated, kubernetesObjects, ServiceObjects } from "../../../sdk/kubernetes";
import { defineStack, ServiceInput, StackSpec } from "../../../sdk/spec";
import { aiStack, api, DIGEST, shopStack } from "./fixtures";

/* The objects are Pulumi input types (Input<T> everywhere); tests read them as plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;
const svcOf = (objs: ReturnType<typeof kubernetesObjects>, name: string): ServiceObjects => objs.services.find((s) => s.name === name)!;
const pod = (s: ServiceObjects): J => (s.workload.object as J).spec.template.spec;
const container = (s: ServiceObjects): J => pod(s).containers[0];
const one = (input: ServiceInput, extra: Partial<ServiceInput> = {}): StackSpec => defineStack({ name: "t", services: [{ ...input, ...extra }] });
const minimal: ServiceInput = { name: "app", image: `registry.example.com/t/app:1.0.0@${DIGEST}`, healthcheck: { tcp: { port: 8080 } }, ports: [8080] };

describe("kubernetesObjects: hardening of every pod", () => {
  const shop = kubernetesObjects(defineStack(shopStack));
  const ai = kubernetesObjects(defineStack(aiStack));
  const all = [...shop.services, ...ai.services];

  test.each(all.map((s) => [s.name, s]))("%s: pod and container security contexts are restricted", (_n, s) => {
    const spec = s.spec;
    expect(pod(s).securityContext).toEqual({ runAsNonRoot: true, runAsUser: spec.user.uid, runAsGroup: spec.user.gid, fsGroup: spec.user.gid, fsGroupChangePolicy: "OnRootMismatch", seccompProfile: { type: "RuntimeDefault" } });
    const sc = container(s).securityContext;
    expect(sc).toMatchObject({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: spec.user.uid, runAsGroup: spec.user.gid, seccompProfile: { type: "RuntimeDefault" } });
    expect(sc.capabilities.drop).toEqual(["ALL"]);
    expect(pod(s).automountServiceAccountToken).toBe(false);
    expect(pod(s).serviceAccountName).toBe(s.name);
    expect(s.serviceAccount).toMatchObject({ kind: "ServiceAccount", metadata: { name: s.name }, automountServiceAccountToken: false });
    expect(pod(s).hostNetwork).toBeUndefined();
  });

  test("namespace enforces restricted Pod Security", () => {
    expect((shop.namespaceObject.metadata as J).labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" });
    expect((shop.namespaceObject.metadata as J).name).toBe("shop");
    expect(kubernetesObjects(defineStack(shopStack), { namespace: "shop-prod" }).namespace).toBe("shop-prod");
  });

  test("resources: limits and requests for CPU, memory, ephemeral storage; GPUs as nvidia.com/gpu limits", () => {
    expect(container(svcOf(ai, "model-server")).resources).toEqual({
      limits: { cpu: "4", memory: "24Gi", "ephemeral-storage": "8Gi", "nvidia.com/gpu": "1" },
      requests: { cpu: "2", memory: "16Gi", "ephemeral-storage": "8Gi" },
    });
    const half = kubernetesObjects(one(minimal, { resources: { cpus: 0.25, memory: "96Mi" } }));
    expect(container(half.services[0]).resources.limits).toEqual({ cpu: "250m", memory: "96Mi", "ephemeral-storage": "1Gi" });
    const amd = kubernetesObjects(one(minimal, { gpus: { count: 2, driver: "amd", resourceName: "amd.com/gpu" } }));
    expect(container(amd.services[0]).resources.limits["amd.com/gpu"]).toBe("2");
  });

  test("scratch volumes are size-limited emptyDirs; /tmp is one by default", () => {
    const ms = svcOf(ai, "model-server");
    expect(pod(ms).volumes.filter((v: J) => v.emptyDir)).toEqual([
      { name: "shipshape-scratch-0", emptyDir: { sizeLimit: "64Mi" } },
      { name: "shipshape-scratch-1", emptyDir: { sizeLimit: "2Gi" } },
    ]);
    expect(container(ms).volumeMounts).toContainEqual({ name: "shipshape-scratch-1", mountPath: "/cache" });
    expect(container(ms).volumeMounts).toContainEqual({ name: "shipshape-scratch-0", mountPath: "/tmp" });
  });

  test("models: a retained claim mounted read-only; data: a retained claim, a StatefulSet for its writer", () => {
    const ms = svcOf(ai, "model-server");
    expect(ms.workload.kind).toBe("Deployment");
    expect(ms.claims).toHaveLength(1);
    expect(ms.claims[0]).toMatchObject({ volume: "models", kind: "models", retain: true });
    expect((ms.claims[0].object as J).spec).toEqual({ accessModes: ["ReadWriteOnce"], volumeMode: "Filesystem", resources: { requests: { storage: "200Gi" } } });
    expect(pod(ms).volumes).toContainEqual({ name: "models", persistentVolumeClaim: { claimName: "models", readOnly: true } });
    expect(container(ms).volumeMounts).toContainEqual({ name: "models", mountPath: "/models", readOnly: true });

    const a = svcOf(shop, "api");
    expect(a.workload.kind).toBe("StatefulSet");
    expect((a.workload.object as J).spec.serviceName).toBe("api");
    expect(a.claims.map((c) => [c.volume, c.retain])).toEqual([["api-data", true]]);
    expect((a.claims[0].object as J).metadata.annotations).toEqual({ "helm.sh/resource-policy": "keep", "argocd.argoproj.io/sync-options": "Delete=false" });
    // The worker reads the API's claim; it owns none and stays a Deployment.
    const w = svcOf(shop, "worker");
    expect(w.claims).toEqual([]);
    expect(w.workload.kind).toBe("Deployment");
    expect(pod(w).volumes).toContainEqual({ name: "api-data", persistentVolumeClaim: { claimName: "api-data", readOnly: true } });
  });

  test("a data volume with deleteOnDestroy is not retained", () => {
    const objs = kubernetesObjects(one(minimal, { volumes: [{ kind: "data", name: "cache", mountPath: "/cache", deleteOnDestroy: true }] }));
    expect(objs.services[0].claims[0]).toMatchObject({ volume: "cache", retain: false });
    expect((objs.services[0].claims[0].object as J).metadata.annotations).toBeUndefined();
    expect((objs.services[0].claims[0].object as J).spec.resources.requests.storage).toBe("10Gi");
  });

  test("claims follow the storage options", () => {
    const objs = kubernetesObjects(one(minimal, { volumes: [{ kind: "models", name: "m", mountPath: "/m" }] }), { storageClassName: "fast", accessModes: { models: ["ReadOnlyMany"] }, defaultVolumeSize: "3Gi" });
    expect((objs.services[0].claims[0].object as J).spec).toEqual({ accessModes: ["ReadOnlyMany"], volumeMode: "Filesystem", resources: { requests: { storage: "3Gi" } }, storageClassName: "fast" });
  });

  test("pods that share a ReadWriteOnce claim are co-located on one node; not with ReadOnlyMany", () => {
    const spec = defineStack(shopStack);
    expect(colocated(spec, spec.services[1])).toEqual(["api-data"]);
    const w = svcOf(shop, "worker");
    expect((w.workload.object as J).spec.template.metadata.labels["claim.shipshape.dev/api-data"]).toBe("mounted");
    expect(pod(w).affinity).toEqual({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { "claim.shipshape.dev/api-data": "mounted" } }, topologyKey: "kubernetes.io/hostname" }] },
    });
    const aiSpec = defineStack(aiStack);
    expect(colocated(aiSpec, aiSpec.services[0])).toEqual(["models"]); // two replicas on one RWO claim
    expect(colocated(aiSpec, aiSpec.services[0], { accessModes: { models: ["ReadOnlyMany"] } })).toEqual([]);
    expect(pod(svcOf(kubernetesObjects(aiSpec, { accessModes: { models: ["ReadOnlyMany"] } }), "model-server")).affinity).toBeUndefined();
  });

  test("secrets: a 0400 secret volume at /run/secrets, never env; the Secret object carries config keys only", () => {
    const a = svcOf(shop, "api");
    expect(pod(a).volumes).toContainEqual({ name: "shipshape-secrets", secret: { secretName: "api-secrets", defaultMode: 0o400, items: [{ key: "db_password", path: "db_password", mode: 0o400 }] } });
    expect(container(a).volumeMounts).toContainEqual({ name: "shipshape-secrets", mountPath: "/run/secrets", readOnly: true });
    expect(container(a).env).toContainEqual({ name: "DB_PASSWORD_FILE", value: "/run/secrets/db_password" });
    expect(container(a).env.some((e: J) => e.valueFrom)).toBe(false);
    expect(a.secret!.entries).toEqual([{ key: "db_password", configKey: "dbPassword" }]);
    const secret = a.secret!.object as J;
    expect(secret.data).toBeUndefined();
    expect(secret.stringData).toBeUndefined();
    expect(secret.metadata.annotations["shipshape.dev/config-keys"]).toBe('{"db_password":"dbPassword"}');
  });

  test("probes: readiness and liveness from the healthcheck, startup from the start period", () => {
    const ms = container(svcOf(ai, "model-server"));
    const steady = { httpGet: { path: "/health", port: 8000, scheme: "HTTP" }, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 };
    expect(ms.readinessProbe).toEqual(steady);
    expect(ms.livenessProbe).toEqual(steady);
    // 10 minutes of start, checked every 5 s, then the 3 retries: 120 + 3.
    expect(ms.startupProbe).toEqual({ ...steady, periodSeconds: 5, failureThreshold: 123 });
    expect(container(svcOf(shop, "api")).readinessProbe).toMatchObject({ tcpSocket: { port: 9000 } });
    expect(container(svcOf(shop, "worker")).livenessProbe).toMatchObject({ exec: { command: ["/app/healthcheck"] }, periodSeconds: 60, timeoutSeconds: 10 });
    const none = kubernetesObjects(one(minimal, { healthcheck: { tcp: { port: 1 }, startPeriod: 0, interval: "2500ms", timeout: "1500ms" } }));
    expect(container(none.services[0]).startupProbe).toBeUndefined();
    expect(container(none.services[0]).readinessProbe).toMatchObject({ periodSeconds: 3, timeoutSeconds: 2 });
    const noCheck = kubernetesObjects(one({ ...minimal, healthcheck: undefined, relax: { noHealthcheck: "a batch job with no listener at all" } }));
    expect(container(noCheck.services[0]).readinessProbe).toBeUndefined();
  });

  test("availability: PDB and topology spread from 2 replicas, not for 1", () => {
    const web = svcOf(shop, "web");
    expect(web.podDisruptionBudget).toMatchObject({ kind: "PodDisruptionBudget", spec: { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "shop" } } } });
    expect(pod(web).topologySpreadConstraints.map((t: J) => [t.topologyKey, t.whenUnsatisfiable, t.maxSkew])).toEqual([
      ["kubernetes.io/hostname", "ScheduleAnyway", 1],
      ["topology.kubernetes.io/zone", "ScheduleAnyway", 1],
    ]);
    const w = svcOf(shop, "worker");
    expect(w.podDisruptionBudget).toBeUndefined();
    expect(pod(w).topologySpreadConstraints).toBeUndefined();
  });

  test("ports: a ClusterIP Service on the container ports; published ports become neither NodePort nor hostPort", () => {
    const web = svcOf(shop, "web");
    expect((web.service as J).spec).toEqual({ type: "ClusterIP", selector: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "shop" }, ports: [{ name: "http", port: 8080, targetPort: 8080, protocol: "TCP" }] });
    expect(container(web).ports).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
    expect((svcOf(shop, "api").service as J).spec.ports[1]).toEqual({ name: "udp-9090", port: 9090, targetPort: 9090, protocol: "UDP" });
    expect(svcOf(shop, "worker").service).toBeUndefined();
  });

  test("command, entrypoint, workdir, env, labels and init", () => {
    const objs = kubernetesObjects(one(minimal, { entrypoint: ["/bin/app"], command: ["serve"], workdir: "/srv", env: { A: "1", B: true }, labels: { "com.example.team": "core" }, init: true }));
    const c = container(objs.services[0]);
    expect([c.command, c.args, c.workingDir, c.env]).toEqual([["/bin/app"], ["serve"], "/srv", [{ name: "A", value: "1" }, { name: "B", value: "true" }]]);
    expect(pod(objs.services[0]).shareProcessNamespace).toBe(true);
    expect(pod(objs.services[0]).enableServiceLinks).toBe(false);
    expect((objs.services[0].workload.object as J).spec.template.metadata.annotations).toEqual({ "com.example.team": "core" });
    expect((objs.services[0].workload.object as J).metadata.annotations).toEqual({ "com.example.team": "core" });
    expect(pod(kubernetesObjects(one(minimal, { init: false })).services[0]).shareProcessNamespace).toBeUndefined();
  });

  test("relaxations that PSS allows carry over: writable root filesystem, NET_BIND_SERVICE, user namespaces opt-in", () => {
    const objs = kubernetesObjects(one(minimal, { readOnlyRootFilesystem: false, capAdd: ["NET_BIND_SERVICE"], relax: { writableRootFilesystem: "legacy app writes its pid file next to the binary", addedCapabilities: "binds port 80" } }), { userNamespaces: true });
    expect(container(objs.services[0]).securityContext).toMatchObject({ readOnlyRootFilesystem: false, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } });
    expect(pod(objs.services[0]).hostUsers).toBe(false);
  });

  test("raw.kubernetes is merged last (user wins) and still checked", () => {
    const objs = kubernetesObjects(one(minimal, { raw: { kubernetes: { container: { resources: { limits: { memory: "1Gi" } }, terminationMessagePolicy: "FallbackToLogsOnError" }, pod: { priorityClassName: "high", terminationGracePeriodSeconds: 60 } } } }));
    const s = objs.services[0];
    expect(container(s).resources.limits).toEqual({ cpu: "1", memory: "1Gi", "ephemeral-storage": "1Gi" });
    expect(container(s).terminationMessagePolicy).toBe("FallbackToLogsOnError");
    expect(pod(s).priorityClassName).toBe("high");
    expect(pod(s).terminationGracePeriodSeconds).toBe(60);
    expect(container(s).securityContext.allowPrivilegeEscalation).toBe(false);
  });
});

describe("kubernetesObjects: network policies", () => {
  const shop = kubernetesObjects(defineStack(shopStack));
  const np = (name: string): J => (svcOf(shop, name).networkPolicy as J).spec;
  const sel = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "shop" } } });
  const dns = { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] };

  test("namespace: default deny both ways, DNS for everyone", () => {
    expect(shop.networkPolicies.map((p) => [(p.metadata as J).name, (p as J).spec])).toEqual([
      ["default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }],
      ["allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [dns] }],
    ]);
  });

  test("ingress only from the services that call it (dependsOn or a shared network), on its ports", () => {
    // web depends on api; worker shares the `back` network with api and depends on it.
    expect(np("api").ingress).toEqual([{ from: [sel("web"), sel("worker")], ports: [{ protocol: "TCP", port: 9000 }, { protocol: "UDP", port: 9090 }] }]);
    expect(np("worker").ingress).toEqual([]);
  });

  test("published ports: ingress from the ingress controller namespace only (configurable)", () => {
    expect(np("web").ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ protocol: "TCP", port: 8080 }] }]);
    const custom = kubernetesObjects(defineStack(shopStack), { ingressFrom: [{ namespaceSelector: { matchLabels: { team: "edge" } } }] });
    expect((svcOf(custom, "web").networkPolicy as J).spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { team: "edge" } } }]);
  });

  test("egress: DNS, the services it calls, and the internet only with egress: true (never the metadata endpoint)", () => {
    expect(np("web").egress).toEqual([dns, { to: [sel("api")], ports: [{ protocol: "TCP", port: 9000 }, { protocol: "UDP", port: 9090 }] }]);
    expect(np("api").egress).toEqual([dns, { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }, { ipBlock: { cidr: "::/0" } }] }]);
    expect(np("worker").egress).toEqual([dns, { to: [sel("api")], ports: [{ protocol: "TCP", port: 9000 }, { protocol: "UDP", port: 9090 }] }]);
    expect(np("web").policyTypes).toEqual(["Ingress", "Egress"]);
  });

  test("a standalone service may reach a dependency outside its stack by name", () => {
    const objs = kubernetesObjects({ name: "solo", services: [defineStack({ name: "x", services: [{ ...api, dependsOn: [] }] }).services[0]].map((s) => ({ ...s, dependsOn: ["db"] })), networks: [], volumes: [{ name: "api-data", kind: "data", retain: true, users: ["api"] }], warnings: [] });
    expect((objs.services[0].networkPolicy as J).spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "db" } } }] });
  });
});
