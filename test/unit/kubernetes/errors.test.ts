/** Specs that cannot be expressed on Kubernetes under restricted PSS: one SpecError, every field, exact text. */
import { kubernetesIssues, kubernetesObjects, normalizeStack, renderKubernetes } from "../../../sdk/kubernetes";
import { defineStack, ServiceInput, SpecError } from "../../../sdk/spec";
import { DIGEST } from "./fixtures";

const base: ServiceInput = { name: "app", image: `registry.example.com/t/app:1.0.0@${DIGEST}`, healthcheck: { tcp: { port: 8080 } }, ports: [8080] };
const thrown = (fn: () => unknown): SpecError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error("expected a SpecError");
};

describe("bad input for the Kubernetes target", () => {
  test("a bind mount names the field (its index in the input) and the fix", () => {
    const input = { name: "t", services: [{ ...base, volumes: [{ kind: "scratch" as const, mountPath: "/cache" }, { kind: "bind" as const, hostPath: "/srv/app/config/", mountPath: "/config/" }] }] };
    const message = 'a bind mount of "/srv/app/config" needs a hostPath volume, which restricted Pod Security forbids. Use a data volume (a PersistentVolumeClaim) instead: { kind: "data", name: "<name>", mountPath: "/config" }.';
    expect(kubernetesIssues(normalizeStack(input))).toEqual([{ path: "services.app.volumes[1]", message }]);
    expect(thrown(() => renderKubernetes(input)).issues).toEqual([{ path: "services.app.volumes[1]", message }]);
    // A spec normalized elsewhere has lost the scratch volume's position: the path stops at
    // `volumes` and the message names the mount path.
    expect(kubernetesIssues(defineStack(input))).toEqual([{ path: "services.app.volumes", message }]);
    // Without scratch volumes nothing moved, so the index is exact even then.
    expect(kubernetesIssues(defineStack({ name: "t", services: [{ ...base, volumes: [{ kind: "data", name: "d", mountPath: "/d" }, { kind: "bind", hostPath: "/srv/x", mountPath: "/x" }] }] }))[0].path).toBe("services.app.volumes[1]");
  });

  test("GPU count \"all\" and a GPU with no resource name", () => {
    const stack = defineStack({ name: "t", services: [{ ...base, gpus: { count: "all", driver: "intel" } }] });
    expect(kubernetesIssues(stack)).toEqual([
      { path: "services.app.gpus.count", message: '"all" cannot be expressed on Kubernetes: a pod requests a fixed number of devices. Give a number such as 1.' },
      { path: "services.app.gpus.resourceName", message: 'driver "intel" has no Kubernetes extended resource; set resourceName to the device plugin\'s resource, e.g. "nvidia.com/gpu" or "amd.com/gpu".' },
    ]);
  });

  test("root user, capabilities beyond NET_BIND_SERVICE, a long port name, a bad label key", () => {
    const stack = defineStack({
      name: "t",
      services: [
        {
          ...base,
          user: "0:0",
          capAdd: ["NET_BIND_SERVICE", "CHOWN"],
          ports: [{ name: "very-long-port-name", container: 8080 }],
          labels: { "a/b/c": "x" },
          relax: { rootUser: "the vendor image needs root for its entrypoint", addedCapabilities: "chowns its data directory at start" },
        },
      ],
    });
    expect(kubernetesIssues(stack)).toEqual([
      { path: "services.app.user", message: 'UID 0 cannot run in a namespace that enforces restricted Pod Security (runAsUser must not be 0). Use a numeric non-root user such as "10001:10001".' },
      { path: "services.app.capAdd[1]", message: "CHOWN cannot be added under restricted Pod Security, which allows only NET_BIND_SERVICE. Remove it (or run the service on the Docker target)." },
      { path: "services.app.ports[0].name", message: '"very-long-port-name" is not a Kubernetes port name (at most 15 characters, lower-case letters, digits and single "-", at least one letter). Shorten it, e.g. "http" or "metrics".' },
      { path: 'services.app.labels["a/b/c"]', message: '"a/b/c" is not a Kubernetes annotation key ([prefix/]name, name at most 63 characters); use a key such as "example.com/team".' },
    ]);
  });

  test("more than one writer pod on a ReadWriteOnce data claim, unless ReadWriteMany", () => {
    const vol = { kind: "data" as const, name: "state", mountPath: "/state" };
    const stack = defineStack({ name: "t", services: [{ ...base, replicas: 2, volumes: [vol] }, { ...base, name: "other", volumes: [vol] }] });
    const msg = 'data volume "state" would be written by 3 pods (app x2, other x1) through one ReadWriteOnce claim, which attaches to one node only. Use replicas: 1 with one writer, mount it readOnly in the other services, or render with accessModes.data ["ReadWriteMany"] on a storage class that supports it.';
    expect(kubernetesIssues(stack)).toEqual([
      { path: "services.app.volumes[0]", message: msg },
      { path: "services.other.volumes[0]", message: msg },
    ]);
    expect(kubernetesIssues(stack, { accessModes: { data: ["ReadWriteMany"] } })).toEqual([]);
    // One writer, a reader: fine.
    expect(kubernetesIssues(defineStack({ name: "t", services: [{ ...base, volumes: [vol] }, { ...base, name: "other", volumes: [{ ...vol, readOnly: true }] }] }))).toEqual([]);
  });

  test("a StatefulSet name longer than 52 characters; reserved volume names", () => {
    const name = "a".repeat(53);
    const stack = defineStack({ name: "t", services: [{ ...base, name, volumes: [{ kind: "data", name: "shipshape-secrets", mountPath: "/d" }] }] });
    expect(kubernetesIssues(stack).map((i) => i.path)).toEqual([`services.${name}.volumes[0].name`, `services.${name}.name`]);
    expect(kubernetesIssues(stack)[1].message).toBe(`"${"a".repeat(53)}" is 53 characters; a service that writes a data volume runs as a StatefulSet, whose name must be at most 52 characters. Shorten it.`);
  });

  test("every problem of every service at once, as one SpecError", () => {
    const stack = defineStack({
      name: "t",
      services: [
        { ...base, volumes: [{ kind: "bind", hostPath: "/srv/a", mountPath: "/a" }] },
        { ...base, name: "gpu", gpus: { count: "all" } },
      ],
    });
    const err = thrown(() => kubernetesObjects(stack, { namespace: "Bad_NS", defaultVolumeSize: "lots" }));
    expect(err.message).toBe(
      [
        'stack "t" on Kubernetes is invalid (4 problems):',
        '  - services.app.volumes[0]: a bind mount of "/srv/a" needs a hostPath volume, which restricted Pod Security forbids. Use a data volume (a PersistentVolumeClaim) instead: { kind: "data", name: "<name>", mountPath: "/a" }.',
        '  - services.gpu.gpus.count: "all" cannot be expressed on Kubernetes: a pod requests a fixed number of devices. Give a number such as 1.',
        '  - namespace: "Bad_NS" is not a namespace name; use a lower-case DNS label such as "t".',
        '  - defaultVolumeSize: "lots" is not a volume size of at least 1Mi; use e.g. "10Gi".',
      ].join("\n"),
    );
    expect(err.issues).toHaveLength(4);
    // renderKubernetes fails the same way, with the same issues.
    expect(thrown(() => renderKubernetes(stack, { namespace: "Bad_NS", defaultVolumeSize: "lots" })).issues).toEqual(err.issues);
  });

  test("a raw.kubernetes override that breaks restricted PSS is refused with the control and the fix", () => {
    const stack = defineStack({ name: "t", services: [{ ...base, raw: { kubernetes: { pod: { hostNetwork: true }, container: { securityContext: { allowPrivilegeEscalation: true } } } } }] });
    expect(thrown(() => kubernetesObjects(stack)).issues).toEqual([
      { path: "services.app.raw.kubernetes", message: "the pod breaks restricted Pod Security (SS013 hostNamespaces) at hostNetwork: the pod shares the host network namespace. Remove hostNetwork." },
      { path: "services.app.raw.kubernetes", message: 'the pod breaks restricted Pod Security (SS004 allowPrivilegeEscalation) at containers[0].securityContext.allowPrivilegeEscalation: container "app" does not set allowPrivilegeEscalation: false. Set allowPrivilegeEscalation: false.' },
    ]);
  });

  test("a published host port is not an error: it becomes a ClusterIP Service port", () => {
    const stack = defineStack({ name: "t", services: [{ ...base, ports: [{ container: 8080, published: 18080 }] }] });
    expect(kubernetesIssues(stack)).toEqual([]);
  });
});
