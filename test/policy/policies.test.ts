/**
 * Every policy: happy-path args pass; one changed field per violation is flagged by that
 * policy (pulumi-policy-aws `compute.spec.ts` style), with args shaped like CrossGuard's.
 */
import { allPolicies, resourcePolicies, stackPolicies, TYPES } from "../../sdk/policy";
import { rule } from "../../sdk/rules";
import { CapturedResource, evaluatePolicies } from "../../sdk/testing";
import { GOOD_IMAGE, HAPPY_CONTAINER_ARGS, happyDeployment, happyPodSpec } from "./fixtures";

type Inputs = Record<string, unknown>;
const res = (type: string, name: string, inputs: Inputs): CapturedResource => ({ type, name, urn: `urn:pulumi:test::project::${type}::${name}`, custom: true, inputs, secretPaths: [] });
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const HAPPY: Record<string, () => Inputs> = {
  [TYPES.container]: () => clone(HAPPY_CONTAINER_ARGS),
  [TYPES.deployment]: happyDeployment,
  [TYPES.statefulSet]: () => ({ ...happyDeployment(), spec: { ...(happyDeployment().spec as Inputs), serviceName: "api" } }),
  [TYPES.daemonSet]: () => ({ spec: { selector: { matchLabels: { app: "a" } }, template: { metadata: { labels: { app: "a" } }, spec: happyPodSpec() } } }),
  [TYPES.pod]: () => ({ metadata: { name: "api" }, spec: happyPodSpec() }),
  [TYPES.job]: () => ({ spec: { template: { spec: { ...happyPodSpec(), restartPolicy: "Never" } } } }),
  [TYPES.cronJob]: () => ({ spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { ...happyPodSpec(), restartPolicy: "Never" } } } } } }),
  [TYPES.service]: () => ({ metadata: { name: "api" }, spec: { type: "ClusterIP", selector: { app: "api" }, ports: [{ port: 80, targetPort: 8080 }] } }),
  [TYPES.network]: () => ({ name: "prod-default", driver: "bridge", internal: true }),
  [TYPES.volume]: () => ({ name: "prod-api-data" }),
  [TYPES.remoteImage]: () => ({ name: GOOD_IMAGE }),
  [TYPES.dockerImage]: () => ({ imageName: "registry.example.com/team/api:1.4.2", build: { context: "./app", args: { VERSION: "1.4.2" } } }),
  [TYPES.buildImage]: () => ({ push: true, tags: ["registry.example.com/team/api:1.4.2"], buildArgs: { VERSION: "1.4.2" }, context: { location: "./app" } }),
};

const pod = (i: Inputs): Inputs => ((i.spec as Inputs).template as Inputs).spec as Inputs;
const ctr = (i: Inputs): Inputs => (pod(i).containers as Inputs[])[0];
const sc = (i: Inputs): Inputs => ctr(i).securityContext as Inputs;

/** [policy name, resource type, one change that breaks it] */
const CASES: Array<[string, string, (i: Inputs) => void]> = [
  ["run-as-non-root", TYPES.container, (i) => (i.user = "root")],
  ["run-as-non-root", TYPES.deployment, (i) => (delete (pod(i).securityContext as Inputs).runAsNonRoot, delete (pod(i).securityContext as Inputs).runAsUser)],
  ["numeric-high-uid", TYPES.container, (i) => (i.user = "1000:1000")],
  ["numeric-high-uid", TYPES.statefulSet, (i) => ((pod(i).securityContext as Inputs).runAsUser = 1000)],
  ["no-privileged", TYPES.container, (i) => (i.privileged = true)],
  ["no-privileged", TYPES.daemonSet, (i) => (sc(i).privileged = true)],
  ["no-privilege-escalation", TYPES.container, (i) => (i.securityOpts = [])],
  ["no-privilege-escalation", TYPES.pod, (i) => ((((i.spec as Inputs).containers as Inputs[])[0].securityContext as Inputs).allowPrivilegeEscalation = true)],
  ["drop-all-capabilities", TYPES.container, (i) => (i.capabilities = { drops: ["NET_RAW"] })],
  ["drop-all-capabilities", TYPES.deployment, (i) => (sc(i).capabilities = { drop: ["NET_RAW"] })],
  ["only-safe-capabilities", TYPES.container, (i) => (i.capabilities = { drops: ["ALL"], adds: ["SYS_ADMIN"] })],
  ["only-safe-capabilities", TYPES.deployment, (i) => (sc(i).capabilities = { drop: ["ALL"], add: ["NET_RAW"] })],
  ["seccomp-not-unconfined", TYPES.container, (i) => (i.securityOpts = ["no-new-privileges:true", "seccomp=unconfined"])],
  ["seccomp-not-unconfined", TYPES.deployment, (i) => ((pod(i).securityContext as Inputs).seccompProfile = { type: "Unconfined" })],
  ["apparmor-not-unconfined", TYPES.container, (i) => (i.securityOpts = ["no-new-privileges:true", "apparmor=unconfined"])],
  ["apparmor-not-unconfined", TYPES.deployment, (i) => (sc(i).appArmorProfile = { type: "Unconfined" })],
  ["selinux-not-disabled", TYPES.container, (i) => (i.securityOpts = ["no-new-privileges:true", "label=disable"])],
  ["selinux-not-disabled", TYPES.deployment, (i) => (sc(i).seLinuxOptions = { user: "system_u" })],
  ["default-proc-mount", TYPES.container, (i) => (i.securityOpts = ["no-new-privileges:true", "systempaths=unconfined"])],
  ["default-proc-mount", TYPES.deployment, (i) => (sc(i).procMount = "Unmasked")],
  ["read-only-root-filesystem", TYPES.container, (i) => (i.readOnly = false)],
  ["read-only-root-filesystem", TYPES.job, (i) => (sc(i).readOnlyRootFilesystem = false)],
  ["bounded-writable-paths", TYPES.container, (i) => (i.tmpfs = { "/tmp": "rw,noexec" })],
  ["bounded-writable-paths", TYPES.deployment, (i) => ((pod(i).volumes as Inputs[])[0] = { name: "tmp", emptyDir: {} })],
  ["no-host-network", TYPES.container, (i) => (i.networkMode = "host")],
  ["no-host-network", TYPES.deployment, (i) => (pod(i).hostNetwork = true)],
  ["no-host-network", TYPES.network, (i) => ((i.driver = "host"), (i.internal = true))],
  ["no-host-pid", TYPES.container, (i) => (i.pidMode = "host")],
  ["no-host-pid", TYPES.deployment, (i) => (pod(i).hostPID = true)],
  ["no-host-ipc", TYPES.container, (i) => (i.ipcMode = "host")],
  ["no-host-ipc", TYPES.deployment, (i) => (pod(i).hostIPC = true)],
  ["no-host-uts", TYPES.container, (i) => (i.utsMode = "host")],
  ["no-host-userns", TYPES.container, (i) => (i.usernsMode = "host")],
  ["no-host-userns", TYPES.deployment, (i) => (pod(i).hostUsers = true)],
  ["no-sensitive-host-mounts", TYPES.container, (i) => (i.mounts = [{ type: "bind", source: "/etc", target: "/host-etc", readOnly: true }])],
  ["no-sensitive-host-mounts", TYPES.deployment, (i) => (pod(i).volumes = [...(pod(i).volumes as Inputs[]), { name: "root", hostPath: { path: "/" } }])],
  ["no-sensitive-host-mounts", TYPES.volume, (i) => (i.driverOpts = { type: "none", o: "bind", device: "/etc" })],
  ["no-docker-socket", TYPES.container, (i) => (i.volumes = [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock", readOnly: true }])],
  ["no-docker-socket", TYPES.deployment, (i) => (pod(i).volumes = [...(pod(i).volumes as Inputs[]), { name: "sock", hostPath: { path: "/var/run/docker.sock" } }])],
  ["no-docker-socket", TYPES.volume, (i) => (i.driverOpts = { type: "none", o: "bind", device: "/var/run" })],
  ["read-only-mounts", TYPES.container, (i) => (i.mounts = [{ type: "bind", source: "/srv/api", target: "/data" }])],
  ["read-only-mounts", TYPES.deployment, (i) => ((ctr(i).volumeMounts as Inputs[])[1].mountPropagation = "Bidirectional")],
  ["no-host-devices", TYPES.container, (i) => (i.devices = [{ hostPath: "/dev/kmsg" }])],
  ["safe-sysctls", TYPES.container, (i) => (i.sysctls = { "kernel.msgmax": "65536" })],
  ["safe-sysctls", TYPES.deployment, (i) => ((pod(i).securityContext as Inputs).sysctls = [{ name: "kernel.msgmax", value: "65536" }])],
  ["no-cgroup-override", TYPES.container, (i) => (i.cgroupParent = "/system.slice")],
  ["ports-bound-to-interface", TYPES.container, (i) => (i.ports = [{ internal: 8080, external: 18080, ip: "0.0.0.0" }])],
  ["ports-bound-to-interface", TYPES.service, (i) => ((i.spec as Inputs).type = "NodePort")],
  ["no-privileged-host-ports", TYPES.container, (i) => (i.ports = [{ internal: 8080, external: 443, ip: "127.0.0.1" }])],
  ["no-privileged-host-ports", TYPES.deployment, (i) => (ctr(i).ports = [{ containerPort: 8080, hostPort: 8080 }])],
  ["only-needed-ports", TYPES.container, (i) => (i.publishAllPorts = true)],
  ["only-needed-ports", TYPES.deployment, (i) => (ctr(i).ports = [{ containerPort: 22 }])],
  ["internal-network", TYPES.container, (i) => delete i.networksAdvanced],
  ["internal-network", TYPES.network, (i) => (i.internal = false)],
  ["memory-limit", TYPES.container, (i) => (delete i.memory, delete i.memorySwap)],
  ["memory-limit", TYPES.deployment, (i) => delete ((ctr(i).resources as Inputs).limits as Inputs).memory],
  ["cpu-limit", TYPES.container, (i) => delete i.cpus],
  ["cpu-limit", TYPES.cronJob, (i) => delete ((((((i.spec as Inputs).jobTemplate as Inputs).spec as Inputs).template as Inputs).spec as Inputs).containers as Inputs[])[0].resources],
  ["pids-limit", TYPES.container, (i) => delete i.ulimits],
  ["bounded-ephemeral-storage", TYPES.deployment, (i) => delete ((ctr(i).resources as Inputs).limits as Inputs)["ephemeral-storage"]],
  ["healthcheck", TYPES.container, (i) => delete i.healthcheck],
  ["healthcheck", TYPES.deployment, (i) => delete ctr(i).readinessProbe],
  ["bounded-restart", TYPES.container, (i) => ((i.restart = "always"), delete i.maxRetryCount)],
  ["availability", TYPES.deployment, (i) => ((i.spec as Inputs).replicas = 1)],
  ["pinned-image", TYPES.container, (i) => (i.image = "nginx:latest")],
  ["pinned-image", TYPES.deployment, (i) => (ctr(i).image = "nginx")],
  ["pinned-image", TYPES.remoteImage, (i) => (i.name = "nginx:latest")],
  ["pinned-image", TYPES.dockerImage, (i) => (i.imageName = "registry.example.com/team/api")],
  ["pinned-image", TYPES.buildImage, (i) => (i.tags = ["registry.example.com/team/api:latest"])],
  ["no-secrets-in-env-or-layers", TYPES.container, (i) => (i.envs = ["DB_PASSWORD=hunter2"])],
  ["no-secrets-in-env-or-layers", TYPES.deployment, (i) => (ctr(i).env = [{ name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "api", key: "token" } } }])],
  ["no-secrets-in-env-or-layers", TYPES.buildImage, (i) => (i.buildArgs = { NPM_TOKEN: "npm_abc" })],
  ["no-secrets-in-env-or-layers", TYPES.dockerImage, (i) => ((i.build as Inputs).args = { GITHUB_TOKEN: "ghp_x" })],
  ["no-service-account-token", TYPES.deployment, (i) => delete pod(i).automountServiceAccountToken],
  ["build-hygiene", TYPES.container, (i) => (i.init = false)],
];

test("happy-path args of every resource type pass every resource policy", async () => {
  const report = await evaluatePolicies(Object.entries(HAPPY).map(([type, f], n) => res(type, `happy-${n}`, f())), resourcePolicies);
  expect(report.violations).toEqual([]);
});

test.each(CASES)("%s flags a %s with one changed field", async (policy, type, change) => {
  const inputs = HAPPY[type]();
  change(inputs);
  const report = await evaluatePolicies([res(type, "bad", inputs)], resourcePolicies);
  const names = report.violations.map((v) => v.policy);
  expect(names).toContain(policy);
  const p = allPolicies.find((x) => x.name === policy)!;
  expect(report.violations.find((v) => v.policy === policy)!.enforcementLevel).toBe(p.enforcementLevel);
});

test("every resource policy has at least one violation case, and every policy is a catalog rule or a stack policy", () => {
  // trusted-signed-image only fires with an allowedRegistries config: its own test below.
  const covered = new Set([...CASES.map(([p]) => p), "trusted-signed-image"]);
  expect(resourcePolicies.filter((p) => !covered.has(p.name)).map((p) => p.name)).toEqual([]);
  for (const p of resourcePolicies) {
    const r = rule(p.ruleId);
    expect(p).toMatchObject({ name: r.name, description: r.description, severity: r.severity, remediationSteps: r.remediation });
    expect(p.enforcementLevel).toBe(r.severity === "critical" || r.severity === "high" ? "mandatory" : "advisory");
  }
  expect(new Set(allPolicies.map((p) => p.name)).size).toBe(resourcePolicies.length + stackPolicies.length);
});

test("a trusted-signed-image violation needs an allowed-registries list", async () => {
  const r = res(TYPES.container, "c", { ...HAPPY[TYPES.container](), image: "docker.io/library/nginx:1.27" });
  expect((await evaluatePolicies([r], resourcePolicies)).violations).toEqual([]);
  const report = await evaluatePolicies([r], resourcePolicies, { checks: { allowedRegistries: ["registry.example.com"] } });
  expect(report.violations.map((v) => v.policy)).toEqual(["trusted-signed-image"]);
});

test("a NodePort Service with a written reason passes", async () => {
  const svc = HAPPY[TYPES.service]();
  (svc.spec as Inputs).type = "NodePort";
  svc.metadata = { name: "api", annotations: { "shipshape.dev/reason": "bare-metal cluster without a load balancer" } };
  expect((await evaluatePolicies([res(TYPES.service, "s", svc)], resourcePolicies)).violations).toEqual([]);
});

test("a relaxed rule is reported as advisory with its reason", async () => {
  const inputs = { ...HAPPY[TYPES.container](), ports: [{ internal: 8080, external: 18080, ip: "0.0.0.0" }], labels: [{ label: "shipshape.dev/relax.publicPorts", value: "public web front end behind the host firewall" }] };
  const report = await evaluatePolicies([res(TYPES.container, "web", inputs)], resourcePolicies);
  expect(report.violations).toEqual([
    expect.objectContaining({ policy: "ports-bound-to-interface", enforcementLevel: "advisory", message: expect.stringContaining("Relaxed (publicPorts): public web front end behind the host firewall") }),
  ]);
});

test.each([
  ["a one-letter reason", "x"],
  ["a TODO placeholder", "TODO: say why port 8080 must listen on every interface"],
])("a relax label with %s relaxes nothing: the violation stays mandatory", async (_, reason) => {
  const inputs = { ...HAPPY[TYPES.container](), ports: [{ internal: 8080, external: 18080, ip: "0.0.0.0" }], labels: [{ label: "shipshape.dev/relax.publicPorts", value: reason }] };
  const report = await evaluatePolicies([res(TYPES.container, "web", inputs)], resourcePolicies);
  expect(report.violations).toEqual([expect.objectContaining({ policy: "ports-bound-to-interface", enforcementLevel: "mandatory" })]);
});

test("violation messages say what, how to fix, and the ids", async () => {
  const report = await evaluatePolicies([res(TYPES.container, "p", { ...HAPPY[TYPES.container](), privileged: true })], resourcePolicies);
  expect(report.violations).toEqual([
    {
      policy: "no-privileged",
      enforcementLevel: "mandatory",
      urn: "urn:pulumi:test::project::docker:index/container:Container::p",
      message: "runs privileged: every capability and every host device. Fix: Remove privileged mode; add back only the single capability the service needs. [SS003, CIS 5.5, PSS baseline privileged]",
      ruleId: "SS003",
      severity: "critical",
    },
  ]);
});
