/**
 * One spec, three renderings: each hardening field of the normalized spec, read back from
 * the Docker Container args, the compose service and the Kubernetes pod, must say the same
 * thing. Where a target has no such control, the row says so and checks it is absent
 * (README.md "What does not map").
 */
import { containerArgs } from "../../../sdk/docker";
import { composeModel } from "../../../sdk/compose";
import { kubernetesObjects, normalizeStack } from "../../../sdk/kubernetes";
import { parseBytes, ServiceInput, ServiceSpec } from "../../../sdk/spec";
import { DIGEST } from "./fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

/** Every hardening field set to a non-default value, so a renderer that ignores one is caught. */
const hardened: ServiceInput = {
  name: "api",
  image: `registry.example.com/shop/api:1.9.0@${DIGEST}`,
  user: "10042:10043",
  readOnlyRootFilesystem: true,
  capAdd: ["NET_BIND_SERVICE"],
  ports: [{ name: "http", container: 8443, published: 18443 }],
  healthcheck: { http: { path: "/ready", port: 8443 }, interval: "20s", timeout: "4s", retries: 4, startPeriod: "40s" },
  resources: { memory: "768Mi", cpus: 1.5, pids: 300, ephemeralStorage: "2Gi", requests: { memory: "256Mi", cpus: 0.5 } },
  volumes: [
    { kind: "scratch", mountPath: "/var/cache/api", size: "96Mi" },
    { kind: "data", name: "state", mountPath: "/state", size: "5Gi" },
    { kind: "models", name: "weights", mountPath: "/weights" },
  ],
  secrets: [{ name: "db_password", configKey: "dbPassword", fileEnv: "DB_PASSWORD_FILE" }],
  gpus: { count: 2 },
  init: true,
  restart: { policy: "on-failure", maxRetries: 7 },
  logging: { maxSize: "20Mi", maxFiles: 4 },
  relax: { addedCapabilities: "binds port 443 for the public TLS endpoint", egress: "calls the payment provider's public API" },
};

const stack = normalizeStack({ name: "shop", services: [hardened] });
const spec: ServiceSpec = stack.services[0];
const docker: J = containerArgs(spec, { containerName: "shop-api", stack: "shop", image: spec.image as string, networks: ["shop-default", "shop-ingress", "shop-egress"], volumes: { state: "shop-state", weights: "shop-weights" }, secretsVolume: "shop-api-secrets" });
const compose: J = composeModel(stack).services.api;
const k8s = kubernetesObjects(stack).services[0];
const pod: J = (k8s.workload.object as J).spec.template.spec;
const c: J = pod.containers[0];

/** Compose byte notation ("768M", binary units) as bytes. */
const composeBytes = (s: string) => parseBytes(s.replace(/([KMG])$/, "$1i"));
const composeDuration = (s: string) => Number(s.replace(/s$/, ""));
const tmpfsSize = (opts: string) => Number(/size=(\d+)/.exec(opts)![1]);
const cpuCores = (q: string) => (q.endsWith("m") ? Number(q.slice(0, -1)) / 1000 : Number(q));
const composeFile = composeModel(stack);
/** host_ip of a compose port, long form or short form ("127.0.0.1:18443:8443/tcp", "[::1]:…"). */
const composeHostIp = (p: J): string => (typeof p === "string" ? /^\[?([^\]]*?)\]?:\d+:\d+/.exec(p)![1] : p.host_ip);

type Row = [field: string, expected: unknown, docker: unknown, compose: unknown, kubernetes: unknown];
const rows: Row[] = [
  ["user uid", spec.user.uid, Number(docker.user.split(":")[0]), Number(compose.user.split(":")[0]), c.securityContext.runAsUser],
  ["user gid", spec.user.gid, Number(docker.user.split(":")[1]), Number(compose.user.split(":")[1]), c.securityContext.runAsGroup],
  ["non-root", true, docker.user.split(":")[0] !== "0", compose.user.split(":")[0] !== "0", c.securityContext.runAsNonRoot],
  ["read-only root filesystem", true, docker.readOnly, compose.read_only, c.securityContext.readOnlyRootFilesystem],
  ["no privilege escalation", true, docker.securityOpts.includes("no-new-privileges:true"), compose.security_opt.includes("no-new-privileges:true"), c.securityContext.allowPrivilegeEscalation === false],
  ["not privileged", false, docker.privileged, compose.privileged, c.securityContext.privileged],
  ["drop ALL capabilities", ["ALL"], docker.capabilities.drops, compose.cap_drop, c.securityContext.capabilities.drop],
  ["added capabilities", ["NET_BIND_SERVICE"], docker.capabilities.adds, compose.cap_add, c.securityContext.capabilities.add],
  // Docker and compose use the engine's default seccomp profile unless told otherwise: no "seccomp=unconfined".
  ["seccomp runtime default", "RuntimeDefault", docker.securityOpts.some((o: string) => o.startsWith("seccomp")) ? "custom" : "RuntimeDefault", compose.security_opt.some((o: string) => o.startsWith("seccomp")) ? "custom" : "RuntimeDefault", c.securityContext.seccompProfile.type],
  ["memory limit (bytes)", spec.resources.memoryBytes, docker.memory * 2 ** 20, composeBytes(compose.deploy.resources.limits.memory), parseBytes(c.resources.limits.memory)],
  ["no extra swap", spec.resources.memoryBytes, docker.memorySwap * 2 ** 20, composeBytes(compose.memswap_limit), "n/a: Kubernetes nodes run without swap for limited pods"],
  ["cpu limit", 1.5, Number(docker.cpus), Number(compose.deploy.resources.limits.cpus), cpuCores(c.resources.limits.cpu)],
  ["memory request (bytes)", 256 * 2 ** 20, "n/a: Docker has no reservation input here", composeBytes(compose.deploy.resources.reservations.memory), parseBytes(c.resources.requests.memory)],
  ["pids limit", 300, docker.ulimits.find((u: J) => u.name === "nproc").hard, compose.pids_limit, "n/a: per-node kubelet podPidsLimit"],
  ["scratch size (bytes)", 96 * 2 ** 20, tmpfsSize(docker.tmpfs["/var/cache/api"]), tmpfsSize(compose.tmpfs.find((t: string) => t.startsWith("/var/cache/api:"))), parseBytes(pod.volumes.find((v: J) => v.name === c.volumeMounts.find((m: J) => m.mountPath === "/var/cache/api").name).emptyDir.sizeLimit)],
  ["default /tmp bounded (bytes)", 64 * 2 ** 20, tmpfsSize(docker.tmpfs["/tmp"]), tmpfsSize(compose.tmpfs.find((t: string) => t.startsWith("/tmp:"))), parseBytes(pod.volumes.find((v: J) => v.name === c.volumeMounts.find((m: J) => m.mountPath === "/tmp").name).emptyDir.sizeLimit)],
  ["ephemeral storage bound (bytes)", 2 * 2 ** 30, "n/a: bounded by tmpfs sizes", "n/a: bounded by tmpfs sizes", parseBytes(c.resources.limits["ephemeral-storage"])],
  ["healthcheck interval (s)", 20, composeDuration(docker.healthcheck.interval), composeDuration(compose.healthcheck.interval), c.livenessProbe.periodSeconds],
  ["healthcheck timeout (s)", 4, composeDuration(docker.healthcheck.timeout), composeDuration(compose.healthcheck.timeout), c.readinessProbe.timeoutSeconds],
  ["healthcheck retries", 4, docker.healthcheck.retries, compose.healthcheck.retries, c.livenessProbe.failureThreshold],
  ["healthcheck start period (s)", 40, composeDuration(docker.healthcheck.startPeriod), composeDuration(compose.healthcheck.start_period), (c.startupProbe.failureThreshold - 4) * c.startupProbe.periodSeconds],
  // Compose mounts a secret at /run/secrets/<target>; Docker and Kubernetes mount a read-only directory of files there.
  ["secret as a file under /run/secrets", "/run/secrets/db_password", `${docker.mounts.find((m: J) => m.source === "shop-api-secrets").target}/${spec.secrets[0].name}`, `/run/secrets/${compose.secrets[0].target}`, `${c.volumeMounts.find((m: J) => m.name === "shipshape-secrets").mountPath}/${pod.volumes.find((v: J) => v.secret).secret.items[0].path}`],
  ["secret mounted read-only", true, docker.mounts.find((m: J) => m.source === "shop-api-secrets").readOnly, "n/a: compose secrets are read-only by definition", c.volumeMounts.find((m: J) => m.name === "shipshape-secrets").readOnly],
  ["secret file mode", 0o400, "n/a: seeded by the secrets volume seeder", compose.secrets[0].mode, pod.volumes.find((v: J) => v.secret).secret.items[0].mode],
  ["secret not in env", false, docker.envs.some((e: string) => e.startsWith("DB_PASSWORD=")), "DB_PASSWORD" in (compose.environment ?? {}), (c.env ?? []).some((e: J) => e.name === "DB_PASSWORD" || e.valueFrom)],
  ["secret file path in env", "/run/secrets/db_password", docker.envs.find((e: string) => e.startsWith("DB_PASSWORD_FILE=")).split("=")[1], compose.environment.DB_PASSWORD_FILE, c.env.find((e: J) => e.name === "DB_PASSWORD_FILE").value],
  ["init process", true, docker.init, compose.init, pod.shareProcessNamespace],
  ["data volume mounted writable", false, docker.mounts.find((m: J) => m.target === "/state").readOnly, compose.volumes.find((v: J) => v.target === "/state").read_only, c.volumeMounts.find((m: J) => m.mountPath === "/state").readOnly ?? false],
  ["models volume mounted read-only", true, docker.mounts.find((m: J) => m.target === "/weights").readOnly, compose.volumes.find((v: J) => v.target === "/weights").read_only, c.volumeMounts.find((m: J) => m.mountPath === "/weights").readOnly],
  ["data volume retained", true, "n/a: retainOnDelete on the docker.Volume (test/unit/docker)", (composeFile.volumes!.state as J).labels["shipshape.dev/retain"] === "true", k8s.claims.find((x) => x.volume === "state")!.retain],
  ["GPU count", 2, docker.deviceRequests[0].count, compose.deploy.resources.reservations.devices[0].count, Number(c.resources.limits["nvidia.com/gpu"])],
  ["published port on loopback, not on the node", "127.0.0.1", docker.ports[0].ip, composeHostIp(compose.ports[0]), (k8s.service as J).spec.type === "ClusterIP" && !c.ports.some((p: J) => p.hostPort) ? "127.0.0.1" : "exposed"],
  ["egress only when asked", true, docker.networksAdvanced.some((n: J) => n.name === "shop-egress"), "egress" in compose.networks, (k8s.networkPolicy as J).spec.egress.some((r: J) => r.to?.some((t: J) => t.ipBlock?.cidr === "0.0.0.0/0"))],
  ["bounded restart", 7, docker.maxRetryCount, Number(compose.restart.split(":")[1]), "n/a: kubelet restarts with exponential back-off"],
  ["log rotation", "20m", docker.logOpts["max-size"], compose.logging.options["max-size"], "n/a: kubelet containerLogMaxSize"],
];

describe("three-way: the same hardening on Docker, compose and Kubernetes", () => {
  test.each(rows)("%s", (_field, expected, d, co, k) => {
    for (const [target, got] of [["docker", d], ["compose", co], ["kubernetes", k]] as const) {
      if (typeof got === "string" && got.startsWith("n/a:")) continue; // no such control on this target (see README)
      expect({ target, got }).toEqual({ target, got: expected });
    }
  });

  test("the gaps are the documented ones", () => {
    const gaps = rows.flatMap(([field, , d, co, k]) => [["docker", d], ["compose", co], ["kubernetes", k]].filter(([, v]) => typeof v === "string" && (v as string).startsWith("n/a:")).map(([t]) => `${t}: ${field}`));
    expect(gaps).toEqual([
      "kubernetes: no extra swap",
      "docker: memory request (bytes)",
      "kubernetes: pids limit",
      "docker: ephemeral storage bound (bytes)",
      "compose: ephemeral storage bound (bytes)",
      "compose: secret mounted read-only",
      "docker: secret file mode",
      "docker: data volume retained",
      "kubernetes: bounded restart",
      "kubernetes: log rotation",
    ]);
  });
});
