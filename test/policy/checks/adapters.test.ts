/** Adapters: provider inputs → ContainerPosture, including the provider's quirks. */
import { checkPosture, fromDockerContainerArgs, fromKubernetesPodSpec, parseSecurityOpts } from "../../../sdk/checks";
import { HAPPY_CONTAINER_ARGS, happyPodSpec } from "../fixtures";

describe("fromDockerContainerArgs", () => {
  test("a hardened Container's inputs map to a posture that breaks no rule", () => {
    const p = fromDockerContainerArgs("api", HAPPY_CONTAINER_ARGS);
    expect(p).toMatchObject({ uid: 10001, gid: 10001, memoryBytes: 512 * 2 ** 20, memorySwapBytes: 512 * 2 ** 20, cpus: 1, nprocLimit: 256, noNewPrivileges: true, capDrop: ["ALL"], init: true });
    expect(p.tmpfs).toEqual([{ target: "/tmp", sizeBytes: 67108864 }]);
    expect(checkPosture(p)).toEqual([]);
  });
  test("memory is MB, -1 swap is unlimited, cpus is a string", () => {
    const p = fromDockerContainerArgs("x", { memory: 256, memorySwap: -1, cpus: "0.5" });
    expect(p).toMatchObject({ memoryBytes: 256 * 2 ** 20, memorySwapBytes: -1, cpus: 0.5 });
  });
  test("a port without ip binds every interface; without external it is published on a random port", () => {
    const p = fromDockerContainerArgs("x", { ports: [{ internal: 80 }, { internal: 81, external: 8081 }] });
    expect(p.ports).toEqual([{ container: 80, publishedRandom: true }, { container: 81, published: 8081 }]);
  });
  test("volumes with hostPath are binds; network mode host is the host network; tests NONE disables the healthcheck", () => {
    const p = fromDockerContainerArgs("x", { volumes: [{ hostPath: "/etc", containerPath: "/e" }, { volumeName: "v", containerPath: "/v", readOnly: true }], networkMode: "host", healthcheck: { tests: ["NONE"] } });
    expect(p.mounts).toEqual([{ type: "bind", source: "/etc", target: "/e" }, { type: "volume", source: "v", target: "/v", readOnly: true }]);
    expect(p.hostNetwork).toBe(true);
    expect(p.healthcheck).toEqual({ present: false, disabled: true });
  });
  test("relaxation labels and unknown inputs", () => {
    const p = fromDockerContainerArgs("x", { labels: [{ label: "shipshape.dev/relax.publicPorts", value: "public web front end" }] }, "urn:x", ["memory", "ports.0.ip"]);
    expect(p.relaxations).toEqual({ publicPorts: "public web front end" });
    expect(p.unknown).toEqual(["memoryBytes"]);
  });
  test("parseSecurityOpts reads both separators", () => {
    expect(parseSecurityOpts(["no-new-privileges", "seccomp=unconfined", "apparmor:unconfined", "label=disable", "label=user:system_u", "systempaths=unconfined"])).toEqual({
      noNewPrivileges: true,
      seccomp: "unconfined",
      apparmor: "unconfined",
      selinux: { disabled: true, user: "system_u" },
      systemPaths: "unconfined",
    });
    expect(parseSecurityOpts(["no-new-privileges:false"]).noNewPrivileges).toBe(false);
  });
});

describe("fromKubernetesPodSpec", () => {
  test("the happy pod spec breaks no rule", () => {
    const [p] = fromKubernetesPodSpec("api", happyPodSpec(), undefined, { replicas: 2 });
    expect(p).toMatchObject({ name: "api/api", uid: 10001, gid: 10001, runAsNonRoot: true, seccomp: "RuntimeDefault", memoryBytes: 512 * 2 ** 20, cpus: 1, requests: { memoryBytes: 256 * 2 ** 20, cpus: 0.5 }, ephemeralStorageBytes: 2 ** 30 });
    expect(checkPosture(p)).toEqual([]);
  });
  test("the container's securityContext wins over the pod's", () => {
    const spec = happyPodSpec();
    (spec.containers as Array<Record<string, unknown>>)[0].securityContext = { runAsUser: 0, seccompProfile: { type: "Unconfined" }, capabilities: { add: ["cap_sys_admin"] } };
    const [p] = fromKubernetesPodSpec("api", spec, "api");
    expect(p).toMatchObject({ name: "api", uid: 0, gid: 10001, seccomp: "unconfined", capAdd: ["SYS_ADMIN"] });
  });
  test("init containers are included; volume types, secrets from env and hostPorts are read", () => {
    const spec = {
      hostUsers: true,
      volumes: [{ name: "h", hostPath: { path: "/var/run/docker.sock" } }, { name: "s", secret: { secretName: "db" } }],
      initContainers: [{ name: "init", image: "busybox:1.36", volumeMounts: [{ name: "h", mountPath: "/sock" }] }],
      containers: [{ name: "app", image: "app:1", ports: [{ containerPort: 80, hostPort: 80 }], env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "pw" } } }], volumeMounts: [{ name: "s", mountPath: "/run/secrets/db", readOnly: true }] }],
    };
    const [init, app] = fromKubernetesPodSpec("pod", spec);
    expect(init.mounts).toEqual([{ type: "hostPath", source: "/var/run/docker.sock", target: "/sock" }]);
    expect(app).toMatchObject({ hostUserns: true, ports: [{ container: 80, published: 80, hostPort: true }], secretEnv: ["DB_PASSWORD"], secretFiles: ["/run/secrets/db"] });
  });
});
