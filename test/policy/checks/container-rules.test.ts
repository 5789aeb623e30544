/** checkPosture: a happy posture passes; one changed field breaks exactly the rule(s) named. */
import { checkPosture, ContainerPosture, evaluatePosture } from "../../../sdk/checks";
import { HAPPY_DOCKER_POSTURE, HAPPY_K8S_POSTURE } from "../fixtures";

const ids = (p: ContainerPosture, config?: Parameters<typeof checkPosture>[1]) => [...new Set(checkPosture(p, config).map((f) => f.ruleId))];
const docker = (patch: Partial<ContainerPosture>): ContainerPosture => ({ ...HAPPY_DOCKER_POSTURE, ...patch });
const k8s = (patch: Partial<ContainerPosture>): ContainerPosture => ({ ...HAPPY_K8S_POSTURE, ...patch });

test("the happy Docker and Kubernetes postures break no rule", () => {
  expect(checkPosture(HAPPY_DOCKER_POSTURE)).toEqual([]);
  expect(checkPosture(HAPPY_K8S_POSTURE)).toEqual([]);
});

const dockerCases: Array<[string, Partial<ContainerPosture>, string[]]> = [
  ["root user", { user: "0:0", uid: 0, gid: 0 }, ["SS001"]],
  ["no user", { user: undefined, uid: undefined, gid: undefined }, ["SS001"]],
  ["named user", { user: "app", uid: undefined, gid: undefined }, ["SS002"]],
  ["low uid", { user: "1000:10001", uid: 1000 }, ["SS002"]],
  ["uid without gid", { user: "10001", gid: undefined }, ["SS002"]],
  ["root group", { user: "10001:0", gid: 0 }, ["SS002"]],
  ["privileged", { privileged: true }, ["SS003"]],
  ["no no-new-privileges", { noNewPrivileges: undefined }, ["SS004"]],
  ["drops not ALL", { capDrop: ["NET_RAW"] }, ["SS005"]],
  ["adds SYS_ADMIN", { capAdd: ["SYS_ADMIN"] }, ["SS006"]],
  ["adds CHOWN", { capAdd: ["CHOWN"] }, ["SS006"]],
  ["seccomp unconfined", { seccomp: "unconfined" }, ["SS007"]],
  ["apparmor unconfined", { apparmor: "unconfined" }, ["SS008"]],
  ["label=disable", { selinux: { disabled: true } }, ["SS009"]],
  ["custom selinux user", { selinux: { user: "system_u" } }, ["SS009"]],
  ["systempaths unconfined", { systemPaths: "unconfined" }, ["SS010"]],
  ["writable root", { readOnlyRootFilesystem: false }, ["SS011", "SS031"]],
  ["unbounded tmpfs", { tmpfs: [{ target: "/tmp" }] }, ["SS012"]],
  ["host network", { hostNetwork: true }, ["SS013"]],
  ["host pid", { hostPid: true }, ["SS014"]],
  ["host ipc", { hostIpc: true }, ["SS015"]],
  ["host uts", { hostUts: true }, ["SS016"]],
  ["host userns", { hostUserns: true }, ["SS017"]],
  ["/etc bind read-only", { mounts: [{ type: "bind", source: "/etc", target: "/host-etc", readOnly: true }] }, ["SS018"]],
  ["docker socket read-only", { mounts: [{ type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock", readOnly: true }] }, ["SS019"]],
  ["writable bind", { mounts: [{ type: "bind", source: "/srv/api", target: "/data" }] }, ["SS020"]],
  ["shared propagation", { mounts: [{ type: "bind", source: "/srv/api", target: "/data", readOnly: true, propagation: "rshared" }] }, ["SS020"]],
  ["device", { devices: ["/dev/kmsg"] }, ["SS021"]],
  ["unsafe sysctl", { sysctls: { "kernel.msgmax": "65536" } }, ["SS022"]],
  ["cgroup parent", { cgroupParent: "/system.slice" }, ["SS023"]],
  ["host cgroupns", { hostCgroupns: true }, ["SS023"]],
  ["0.0.0.0", { ports: [{ container: 8080, published: 18080, hostIp: "0.0.0.0" }] }, ["SS024"]],
  ["no host ip", { ports: [{ container: 8080, published: 18080 }] }, ["SS024"]],
  ["public interface", { ports: [{ container: 8080, published: 18080, hostIp: "10.0.0.5" }] }, ["SS024"]],
  ["port 80", { ports: [{ container: 8080, published: 80, hostIp: "127.0.0.1" }] }, ["SS025"]],
  ["publish all", { publishAll: true }, ["SS026"]],
  ["sshd", { ports: [{ container: 22 }] }, ["SS026"]],
  ["default bridge", { networks: [] }, ["SS027"]],
  ["bridge mode", { networks: [], networkMode: "bridge" }, ["SS027"]],
  ["no memory", { memoryBytes: undefined, memorySwapBytes: undefined }, ["SS028"]],
  ["unset swap", { memorySwapBytes: undefined }, ["SS028"]],
  ["unlimited swap", { memorySwapBytes: -1 }, ["SS028"]],
  ["no cpus", { cpus: undefined }, ["SS029"]],
  ["no pids", { nprocLimit: undefined }, ["SS030"]],
  ["no healthcheck", { healthcheck: { present: false } }, ["SS032"]],
  ["healthcheck NONE", { healthcheck: { present: false, disabled: true } }, ["SS032"]],
  ["restart always", { restart: { policy: "always" } }, ["SS033"]],
  ["on-failure unbounded", { restart: { policy: "on-failure" } }, ["SS033"]],
  ["latest", { image: "nginx:latest" }, ["SS035"]],
  ["no tag", { image: "registry.example.com/team/api" }, ["SS035"]],
  ["secret in env", { env: { DB_PASSWORD: "hunter2" } }, ["SS037"]],
  ["no init", { init: undefined }, ["SS040"]],
];

test.each(dockerCases)("docker: %s breaks %j", (_name, patch, expected) => {
  expect(ids(docker(patch))).toEqual(expected);
});

const k8sCases: Array<[string, Partial<ContainerPosture>, string[]]> = [
  ["no runAsNonRoot and no uid", { runAsNonRoot: undefined, uid: undefined, gid: undefined, user: undefined }, ["SS001"]],
  ["allowPrivilegeEscalation not false", { noNewPrivileges: undefined }, ["SS004"]],
  ["no seccomp profile", { seccomp: undefined }, ["SS007"]],
  ["emptyDir without sizeLimit", { mounts: [{ type: "emptyDir", target: "/tmp" }] }, ["SS012"]],
  ["nfs volume", { mounts: [{ type: "other", source: "nfs", target: "/mnt", readOnly: true }] }, ["SS012"]],
  ["hostPath", { mounts: [{ type: "hostPath", source: "/srv/x", target: "/x", readOnly: true }] }, ["SS018"]],
  ["hostPort", { ports: [{ container: 8080, published: 8080, hostPort: true }] }, ["SS025"]],
  ["limit without request", { requests: { cpus: 0.5 } }, ["SS028"]],
  ["no cpu request", { requests: { memoryBytes: 2 ** 28 } }, ["SS029"]],
  ["no ephemeral-storage", { ephemeralStorageBytes: undefined }, ["SS031"]],
  ["no liveness probe", { healthcheck: { present: true, readiness: true, liveness: false } }, ["SS032"]],
  ["one replica", { replicas: 1 }, ["SS034"]],
  ["env from a Secret", { secretEnv: ["DB_PASSWORD"] }, ["SS037"]],
  ["token automounted", { automountServiceAccountToken: undefined }, ["SS038"]],
];

test.each(k8sCases)("kubernetes: %s breaks %j", (_name, patch, expected) => {
  expect(ids(k8s(patch))).toEqual(expected);
});

test("Kubernetes-only and Docker-only rules stay on their side", () => {
  // No init, no restart, no nproc, no memory-swap on Kubernetes; no ephemeral-storage or token rule on a read-only Docker container.
  expect(ids(k8s({ init: false, restart: { policy: "always" }, nprocLimit: undefined }))).toEqual([]);
  expect(ids(docker({ automountServiceAccountToken: true, ephemeralStorageBytes: undefined, replicas: 1 }))).toEqual([]);
});

describe("config", () => {
  test("minimumUid raises the bar", () => {
    expect(ids(HAPPY_DOCKER_POSTURE, { minimumUid: 20000 })).toEqual(["SS002"]);
  });
  test("allowedCapabilities: NET_BIND_SERVICE by default, configurable, forbidden ones never", () => {
    expect(ids(docker({ capAdd: ["NET_BIND_SERVICE"] }))).toEqual([]);
    expect(ids(docker({ capAdd: ["CHOWN"] }), { allowedCapabilities: ["CHOWN"] })).toEqual([]);
    expect(ids(docker({ capAdd: ["CAP_SYS_ADMIN"] }), { allowedCapabilities: ["SYS_ADMIN"] })).toEqual(["SS006"]);
  });
  test("allowedRegistries", () => {
    expect(ids(HAPPY_DOCKER_POSTURE, { allowedRegistries: ["registry.example.com"] })).toEqual([]);
    expect(ids(docker({ image: "nginx:1.27" }), { allowedRegistries: ["registry.example.com"] })).toEqual(["SS036"]);
    expect(ids(docker({ image: "nginx:1.27" }), { allowedRegistries: ["docker.io"] })).toEqual([]);
  });
  test("requireDigest reports tag-only images", () => {
    expect(ids(docker({ image: "registry.example.com/team/api:1.4.2" }))).toEqual([]);
    expect(ids(docker({ image: "registry.example.com/team/api:1.4.2" }), { requireDigest: true })).toEqual(["SS035"]);
  });
});

describe("relaxations", () => {
  test("a relaxed finding is reported apart with its reason; an unrelaxable one stays", () => {
    const p = docker({ ports: [{ container: 8080, published: 8080, hostIp: "0.0.0.0" }], capAdd: ["NET_RAW"], relaxations: { publicPorts: "the public API behind the host firewall", addedCapabilities: "ping" } });
    const r = evaluatePosture(p);
    expect(r.findings.map((f) => f.ruleId)).toEqual(["SS006"]);
    expect(r.relaxed).toEqual([expect.objectContaining({ ruleId: "SS024", relaxedBy: "publicPorts", reason: "the public API behind the host firewall" })]);
  });
  test("unknown fields (preview) skip their rules", () => {
    expect(ids(docker({ image: undefined, memoryBytes: undefined, unknown: ["memoryBytes"] }))).toEqual([]);
  });
});

test("findings carry the catalog's names, severities and upstream ids", () => {
  const [f] = checkPosture(docker({ privileged: true }));
  expect(f).toEqual({
    ruleId: "SS003",
    rule: "no-privileged",
    severity: "critical",
    upstreamIds: ["CIS 5.5", "PSS baseline privileged"],
    at: "api",
    message: "runs privileged: every capability and every host device.",
    fix: "Remove privileged mode; add back only the single capability the service needs.",
  });
});
