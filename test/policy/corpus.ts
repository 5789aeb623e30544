/**
 * A corpus of deliberately bad RAW resources: each is a hardened resource with one flaw, built
 * with the provider classes directly (no Shipshape component), so the pack must catch it.
 */
import * as docker from "@pulumi/docker";
import * as dockerBuild from "@pulumi/docker-build";
import * as k8s from "@pulumi/kubernetes";
import { GOOD_IMAGE, HAPPY_CONTAINER_ARGS, happyPodSpec } from "./fixtures";

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export interface CorpusItem {
  readonly name: string;
  /** The policy that must flag it. */
  readonly policy: string;
  readonly create: (name: string) => void;
}

const container = (patch: (a: Any) => void) => (name: string) => {
  const a: Any = clone(HAPPY_CONTAINER_ARGS);
  patch(a);
  new docker.Container(name, a as docker.ContainerArgs);
};
const podSpec = (patch: (s: Any, c: Any) => void): Any => {
  const s: Any = happyPodSpec();
  patch(s, s.containers[0]);
  return s;
};
const deployment = (patch: (s: Any, c: Any) => void, replicas = 2) => (name: string) =>
  new k8s.apps.v1.Deployment(name, { metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec(patch) as never } } });

export const CORPUS: CorpusItem[] = [
  // Docker containers
  { name: "c-root", policy: "run-as-non-root", create: container((a) => (a.user = "0:0")) },
  { name: "c-no-user", policy: "run-as-non-root", create: container((a) => delete a.user) },
  { name: "c-low-uid", policy: "numeric-high-uid", create: container((a) => (a.user = "1000:1000")) },
  { name: "c-named-user", policy: "numeric-high-uid", create: container((a) => (a.user = "www-data")) },
  { name: "c-privileged", policy: "no-privileged", create: container((a) => (a.privileged = true)) },
  { name: "c-escalation", policy: "no-privilege-escalation", create: container((a) => (a.securityOpts = [])) },
  { name: "c-keeps-caps", policy: "drop-all-capabilities", create: container((a) => delete a.capabilities) },
  { name: "c-sys-admin", policy: "only-safe-capabilities", create: container((a) => (a.capabilities = { drops: ["ALL"], adds: ["SYS_ADMIN"] })) },
  { name: "c-net-raw", policy: "only-safe-capabilities", create: container((a) => (a.capabilities = { drops: ["ALL"], adds: ["NET_RAW"] })) },
  { name: "c-seccomp", policy: "seccomp-not-unconfined", create: container((a) => a.securityOpts.push("seccomp=unconfined")) },
  { name: "c-apparmor", policy: "apparmor-not-unconfined", create: container((a) => a.securityOpts.push("apparmor=unconfined")) },
  { name: "c-selinux", policy: "selinux-not-disabled", create: container((a) => a.securityOpts.push("label=disable")) },
  { name: "c-systempaths", policy: "default-proc-mount", create: container((a) => a.securityOpts.push("systempaths=unconfined")) },
  { name: "c-writable-root", policy: "read-only-root-filesystem", create: container((a) => (a.readOnly = false)) },
  { name: "c-unbounded-tmpfs", policy: "bounded-writable-paths", create: container((a) => (a.tmpfs = { "/tmp": "rw,noexec,nosuid" })) },
  { name: "c-host-net", policy: "no-host-network", create: container((a) => ((a.networkMode = "host"), delete a.networksAdvanced, delete a.ports)) },
  { name: "c-host-pid", policy: "no-host-pid", create: container((a) => (a.pidMode = "host")) },
  { name: "c-host-ipc", policy: "no-host-ipc", create: container((a) => (a.ipcMode = "host")) },
  { name: "c-host-userns", policy: "no-host-userns", create: container((a) => (a.usernsMode = "host")) },
  { name: "c-mount-etc", policy: "no-sensitive-host-mounts", create: container((a) => a.mounts.push({ type: "bind", source: "/etc", target: "/host/etc", readOnly: true })) },
  { name: "c-mount-root", policy: "no-sensitive-host-mounts", create: container((a) => (a.volumes = [{ hostPath: "/", containerPath: "/host", readOnly: true }])) },
  { name: "c-docker-sock", policy: "no-docker-socket", create: container((a) => a.mounts.push({ type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock" })) },
  { name: "c-writable-bind", policy: "read-only-mounts", create: container((a) => a.mounts.push({ type: "bind", source: "/srv/app", target: "/app" })) },
  { name: "c-rshared", policy: "read-only-mounts", create: container((a) => a.mounts.push({ type: "bind", source: "/srv/app", target: "/app", readOnly: true, bindOptions: { propagation: "rshared" } })) },
  { name: "c-device", policy: "no-host-devices", create: container((a) => (a.devices = [{ hostPath: "/dev/mem" }])) },
  { name: "c-sysctl", policy: "safe-sysctls", create: container((a) => (a.sysctls = { "net.ipv4.ip_forward": "1" })) },
  { name: "c-cgroup-parent", policy: "no-cgroup-override", create: container((a) => (a.cgroupParent = "/")) },
  { name: "c-public-port", policy: "ports-bound-to-interface", create: container((a) => (a.ports = [{ internal: 8080, external: 18080 }])) },
  { name: "c-public-port-stack", policy: "published-ports-have-reason", create: container((a) => (a.ports = [{ internal: 8080, external: 18081, ip: "0.0.0.0" }])) },
  { name: "c-port-80", policy: "no-privileged-host-ports", create: container((a) => (a.ports = [{ internal: 8080, external: 80, ip: "127.0.0.1" }])) },
  { name: "c-publish-all", policy: "only-needed-ports", create: container((a) => (a.publishAllPorts = true)) },
  { name: "c-sshd", policy: "only-needed-ports", create: container((a) => (a.ports = [{ internal: 22, external: 2222, ip: "127.0.0.1" }])) },
  { name: "c-default-bridge", policy: "internal-network", create: container((a) => delete a.networksAdvanced) },
  { name: "c-no-memory", policy: "memory-limit", create: container((a) => (delete a.memory, delete a.memorySwap)) },
  { name: "c-swap", policy: "memory-limit", create: container((a) => (a.memorySwap = -1)) },
  { name: "c-no-cpu", policy: "cpu-limit", create: container((a) => delete a.cpus) },
  { name: "c-no-pids", policy: "pids-limit", create: container((a) => delete a.ulimits) },
  { name: "c-no-healthcheck", policy: "healthcheck", create: container((a) => delete a.healthcheck) },
  { name: "c-healthcheck-none", policy: "healthcheck", create: container((a) => (a.healthcheck = { tests: ["NONE"] })) },
  { name: "c-restart-always", policy: "bounded-restart", create: container((a) => ((a.restart = "always"), delete a.maxRetryCount)) },
  { name: "c-latest", policy: "pinned-image", create: container((a) => (a.image = "nginx:latest")) },
  { name: "c-secret-env", policy: "no-secrets-in-env-or-layers", create: container((a) => a.envs.push("AWS_SECRET_ACCESS_KEY=abc123")) },
  { name: "c-no-init", policy: "build-hygiene", create: container((a) => delete a.init) },
  // Docker networks, volumes, images
  { name: "n-open", policy: "internal-network", create: (n) => new docker.Network(n, { name: n, driver: "bridge" }) },
  { name: "n-host", policy: "no-host-network", create: (n) => new docker.Network(n, { name: n, driver: "host", internal: true }) },
  { name: "v-bind-etc", policy: "no-sensitive-host-mounts", create: (n) => new docker.Volume(n, { name: n, driverOpts: { type: "none", o: "bind", device: "/etc" } }) },
  { name: "ri-latest", policy: "pinned-image", create: (n) => new docker.RemoteImage(n, { name: "redis:latest" }) },
  { name: "i-untagged", policy: "pinned-image", create: (n) => new docker.Image(n, { imageName: "registry.example.com/team/app", build: { context: "." } }) },
  { name: "i-secret-arg", policy: "no-secrets-in-env-or-layers", create: (n) => new docker.Image(n, { imageName: "registry.example.com/team/app:1.0.0", build: { context: ".", args: { NPM_TOKEN: "npm_x" } } }) },
  { name: "b-latest", policy: "pinned-image", create: (n) => new dockerBuild.Image(n, { push: true, tags: ["registry.example.com/team/app:latest"], context: { location: "." } }) },
  { name: "b-secret-arg", policy: "no-secrets-in-env-or-layers", create: (n) => new dockerBuild.Image(n, { push: false, tags: ["app:1.0.0"], buildArgs: { GITHUB_TOKEN: "ghp_x" }, context: { location: "." } }) },
  // Kubernetes workloads and services
  { name: "k-privileged", policy: "no-privileged", create: deployment((_s, c) => (c.securityContext.privileged = true)) },
  { name: "k-host-network", policy: "no-host-network", create: deployment((s) => (s.hostNetwork = true)) },
  { name: "k-host-pid", policy: "no-host-pid", create: deployment((s) => (s.hostPID = true)) },
  { name: "k-run-as-root", policy: "numeric-high-uid", create: deployment((s) => (s.securityContext.runAsUser = 0)) },
  { name: "k-escalation", policy: "no-privilege-escalation", create: deployment((_s, c) => delete c.securityContext.allowPrivilegeEscalation) },
  { name: "k-caps", policy: "drop-all-capabilities", create: deployment((_s, c) => delete c.securityContext.capabilities) },
  { name: "k-no-seccomp", policy: "seccomp-not-unconfined", create: deployment((s) => delete s.securityContext.seccompProfile) },
  { name: "k-hostpath", policy: "no-sensitive-host-mounts", create: deployment((s) => s.volumes.push({ name: "etc", hostPath: { path: "/etc" } })) },
  { name: "k-sock", policy: "no-docker-socket", create: deployment((s) => s.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } })) },
  { name: "k-hostport", policy: "no-privileged-host-ports", create: deployment((_s, c) => (c.ports = [{ containerPort: 8080, hostPort: 8080 }])) },
  { name: "k-no-limits", policy: "memory-limit", create: deployment((_s, c) => delete c.resources) },
  { name: "k-no-probes", policy: "healthcheck", create: deployment((_s, c) => (delete c.readinessProbe, delete c.livenessProbe)) },
  { name: "k-latest", policy: "pinned-image", create: deployment((_s, c) => (c.image = "nginx:latest")) },
  { name: "k-secret-env", policy: "no-secrets-in-env-or-layers", create: deployment((_s, c) => c.env.push({ name: "DB_PASSWORD", value: "hunter2" })) },
  { name: "k-token", policy: "no-service-account-token", create: deployment((s) => (s.automountServiceAccountToken = true)) },
  { name: "k-one-replica", policy: "availability", create: deployment(() => undefined, 1) },
  { name: "k-no-pdb", policy: "disruption-budget", create: deployment(() => undefined, 3) },
  { name: "ss-writable", policy: "read-only-root-filesystem", create: (n) => new k8s.apps.v1.StatefulSet(n, { spec: { serviceName: n, selector: { matchLabels: { app: n } }, template: { metadata: { labels: { app: n } }, spec: podSpec((_s, c) => (c.securityContext.readOnlyRootFilesystem = false)) as never } } }) },
  { name: "ds-host-ipc", policy: "no-host-ipc", create: (n) => new k8s.apps.v1.DaemonSet(n, { spec: { selector: { matchLabels: { app: n } }, template: { metadata: { labels: { app: n } }, spec: podSpec((s) => (s.hostIPC = true)) as never } } }) },
  { name: "pod-sysctl", policy: "safe-sysctls", create: (n) => new k8s.core.v1.Pod(n, { spec: podSpec((s) => (s.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }])) as never }) },
  { name: "job-caps", policy: "only-safe-capabilities", create: (n) => new k8s.batch.v1.Job(n, { spec: { template: { spec: podSpec((s, c) => ((s.restartPolicy = "Never"), (c.securityContext.capabilities = { drop: ["ALL"], add: ["SYS_ADMIN"] }))) as never } } }) },
  { name: "cron-unmasked", policy: "default-proc-mount", create: (n) => new k8s.batch.v1.CronJob(n, { spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: podSpec((s, c) => ((s.restartPolicy = "Never"), (c.securityContext.procMount = "Unmasked"))) as never } } } } }) },
  { name: "svc-lb", policy: "ports-bound-to-interface", create: (n) => new k8s.core.v1.Service(n, { spec: { type: "LoadBalancer", selector: { app: "x" }, ports: [{ port: 443 }] } }) },
  { name: "svc-nodeport", policy: "ports-bound-to-interface", create: (n) => new k8s.core.v1.Service(n, { metadata: { annotations: { "shipshape.dev/reason": "short" } }, spec: { type: "NodePort", selector: { app: "x" }, ports: [{ port: 80 }] } }) },
];

/** Resources the corpus needs to be otherwise sound (the network its containers join). */
export function corpusSupport(): void {
  new docker.Network("prod-default", { name: "prod-default", internal: true });
  new docker.Volume("prod-api-data", { name: "prod-api-data" });
  void GOOD_IMAGE;
}
