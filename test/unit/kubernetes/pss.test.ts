/**
 * checkPodSecurity: no violation in what we render; each pod-security-admission check found
 * in a pod spec broken on purpose (one per check), with the RULES.md id and the PSS control.
 */
import { checkPodSecurity, kubernetesObjects, PssLevel } from "../../../sdk/kubernetes";
import { defineStack } from "../../../sdk/spec";
import { shopStack } from "./fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;
/** A rendered, compliant pod spec (the API: secrets, data claim, NET_BIND_SERVICE). */
const good = (): J => JSON.parse(JSON.stringify((kubernetesObjects(defineStack(shopStack)).services[1].workload.object as J).spec.template.spec));
const c0 = (p: J): J => p.containers[0];

interface Case {
  name: string;
  level: PssLevel;
  break: (p: J) => void;
  metadata?: { annotations: Record<string, string> };
  expect: [ruleId: string, control: string, at: string][];
}

const cases: Case[] = [
  // baseline
  { name: "hostProcess (pod)", level: "baseline", break: (p) => (p.securityContext.windowsOptions = { hostProcess: true }), expect: [["SS003", "hostProcess", "securityContext.windowsOptions.hostProcess"]] },
  { name: "hostProcess (container)", level: "baseline", break: (p) => (c0(p).securityContext.windowsOptions = { hostProcess: true }), expect: [["SS003", "hostProcess", "containers[0].securityContext.windowsOptions.hostProcess"]] },
  { name: "hostNetwork", level: "baseline", break: (p) => (p.hostNetwork = true), expect: [["SS013", "hostNamespaces", "hostNetwork"]] },
  { name: "hostPID", level: "baseline", break: (p) => (p.hostPID = true), expect: [["SS014", "hostNamespaces", "hostPID"]] },
  { name: "hostIPC", level: "baseline", break: (p) => (p.hostIPC = true), expect: [["SS015", "hostNamespaces", "hostIPC"]] },
  { name: "privileged", level: "baseline", break: (p) => (c0(p).securityContext.privileged = true), expect: [["SS003", "privileged", "containers[0].securityContext.privileged"]] },
  { name: "capability beyond the baseline set", level: "baseline", break: (p) => (c0(p).securityContext.capabilities.add = ["NET_BIND_SERVICE", "SYS_ADMIN"]), expect: [["SS006", "capabilities", "containers[0].securityContext.capabilities.add[1]"]] },
  { name: "hostPath volume", level: "baseline", break: (p) => p.volumes.push({ name: "host", hostPath: { path: "/etc" } }), expect: [["SS018", "hostPathVolumes", "volumes[3].hostPath"]] },
  { name: "docker socket", level: "baseline", break: (p) => p.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } }), expect: [["SS019", "hostPathVolumes", "volumes[3].hostPath"]] },
  { name: "hostPort", level: "baseline", break: (p) => (c0(p).ports[0].hostPort = 9000), expect: [["SS025", "hostPorts", "containers[0].ports[0].hostPort"]] },
  { name: "AppArmor unconfined (field)", level: "baseline", break: (p) => (c0(p).securityContext.appArmorProfile = { type: "Unconfined" }), expect: [["SS008", "appArmorProfile", "containers[0].securityContext.appArmorProfile.type"]] },
  { name: "AppArmor unconfined (pod field)", level: "baseline", break: (p) => (p.securityContext.appArmorProfile = { type: "Unconfined" }), expect: [["SS008", "appArmorProfile", "securityContext.appArmorProfile.type"]] },
  {
    name: "AppArmor unconfined (annotation)",
    level: "baseline",
    break: () => undefined,
    metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/api": "unconfined" } },
    expect: [["SS008", "appArmorProfile", 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"]']],
  },
  { name: "SELinux custom type", level: "baseline", break: (p) => (c0(p).securityContext.seLinuxOptions = { type: "spc_t" }), expect: [["SS009", "seLinuxOptions", "containers[0].securityContext.seLinuxOptions.type"]] },
  { name: "SELinux custom user and role", level: "baseline", break: (p) => (p.securityContext.seLinuxOptions = { user: "system_u", role: "system_r" }), expect: [["SS009", "seLinuxOptions", "securityContext.seLinuxOptions.user"], ["SS009", "seLinuxOptions", "securityContext.seLinuxOptions.role"]] },
  { name: "/proc unmasked", level: "baseline", break: (p) => (c0(p).securityContext.procMount = "Unmasked"), expect: [["SS010", "procMount", "containers[0].securityContext.procMount"]] },
  { name: "seccomp unconfined", level: "baseline", break: (p) => (c0(p).securityContext.seccompProfile = { type: "Unconfined" }), expect: [["SS007", "seccompProfile", "containers[0].securityContext.seccompProfile.type"]] },
  { name: "unsafe sysctl", level: "baseline", break: (p) => (p.securityContext.sysctls = [{ name: "net.ipv4.tcp_syncookies", value: "1" }, { name: "kernel.msgmax", value: "1" }]), expect: [["SS022", "sysctls", "securityContext.sysctls[1]"]] },
  // restricted
  { name: "volume type outside the restricted list", level: "restricted", break: (p) => p.volumes.push({ name: "nfs", nfs: { server: "nfs.local", path: "/x" } }), expect: [["SS012", "volumeTypes", "volumes[3].nfs"]] },
  { name: "allowPrivilegeEscalation unset", level: "restricted", break: (p) => delete c0(p).securityContext.allowPrivilegeEscalation, expect: [["SS004", "allowPrivilegeEscalation", "containers[0].securityContext.allowPrivilegeEscalation"]] },
  {
    name: "runAsNonRoot on neither pod nor container",
    level: "restricted",
    break: (p) => {
      delete p.securityContext.runAsNonRoot;
      delete c0(p).securityContext.runAsNonRoot;
    },
    expect: [["SS001", "runAsNonRoot", "containers[0].securityContext.runAsNonRoot"]],
  },
  { name: "runAsNonRoot false on a container", level: "restricted", break: (p) => (c0(p).securityContext.runAsNonRoot = false), expect: [["SS001", "runAsNonRoot", "containers[0].securityContext.runAsNonRoot"]] },
  { name: "runAsUser 0", level: "restricted", break: (p) => (c0(p).securityContext.runAsUser = 0), expect: [["SS002", "runAsUser", "containers[0].securityContext.runAsUser"]] },
  {
    name: "no seccomp profile",
    level: "restricted",
    break: (p) => {
      delete p.securityContext.seccompProfile;
      delete c0(p).securityContext.seccompProfile;
    },
    expect: [["SS007", "seccompProfile", "containers[0].securityContext.seccompProfile.type"]],
  },
  { name: "capabilities not dropped", level: "restricted", break: (p) => (c0(p).securityContext.capabilities = {}), expect: [["SS005", "capabilities", "containers[0].securityContext.capabilities.drop"]] },
  { name: "a baseline capability other than NET_BIND_SERVICE", level: "restricted", break: (p) => (c0(p).securityContext.capabilities.add = ["CHOWN"]), expect: [["SS006", "capabilities", "containers[0].securityContext.capabilities.add[0]"]] },
  {
    name: "nothing, for an init container hardened like the app (the pod-level runAsNonRoot and seccomp cover it)",
    level: "restricted",
    break: (p) => p.initContainers = [{ name: "init", image: "busybox:1.36", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
    expect: [],
  },
];

describe("checkPodSecurity", () => {
  test("the rendered pod passes both levels", () => {
    expect(checkPodSecurity(good())).toEqual([]);
    expect(checkPodSecurity(good(), "baseline")).toEqual([]);
  });

  test.each(cases.map((c) => [c.name, c]))("finds %s", (_n, c) => {
    const p = good();
    c.break(p);
    const found = checkPodSecurity(p, c.level, c.metadata);
    expect(found.map((v) => [v.ruleId, v.control, v.at])).toEqual(c.expect);
    for (const v of found) {
      expect(v.level).toBe(c.level);
      expect(v.upstreamIds.length).toBeGreaterThan(0);
      expect(v.message.length).toBeGreaterThan(10);
      expect(v.fix.length).toBeGreaterThan(5);
    }
    // A baseline break also fails restricted (restricted includes baseline); a restricted-only
    // break passes baseline.
    if (c.level === "baseline") expect(checkPodSecurity(p, "restricted", c.metadata).map((v) => v.control)).toEqual(expect.arrayContaining(c.expect.map((e) => e[1])));
    else expect(checkPodSecurity(p, "baseline", c.metadata)).toEqual([]);
  });

  test("checks init and ephemeral containers too", () => {
    const p = good();
    p.initContainers = [{ name: "init", image: "busybox:1.36" }];
    p.ephemeralContainers = [{ name: "debug", image: "busybox:1.36", securityContext: { privileged: true } }];
    expect(checkPodSecurity(p).map((v) => `${v.ruleId} ${v.at}`)).toEqual([
      "SS003 ephemeralContainers[0].securityContext.privileged",
      "SS004 initContainers[0].securityContext.allowPrivilegeEscalation",
      "SS004 ephemeralContainers[0].securityContext.allowPrivilegeEscalation",
      "SS005 initContainers[0].securityContext.capabilities.drop",
      "SS005 ephemeralContainers[0].securityContext.capabilities.drop",
    ]);
  });

  test("a wide-open pod reports every control at once; Windows pods skip the Linux-only restricted checks", () => {
    const bad = { hostNetwork: true, hostPID: true, volumes: [{ name: "h", hostPath: { path: "/" } }], containers: [{ name: "c", image: "x", securityContext: { privileged: true, runAsUser: 0 } }] };
    expect([...new Set(checkPodSecurity(bad).map((v) => v.control))].sort()).toEqual(["allowPrivilegeEscalation", "capabilities", "hostNamespaces", "hostPathVolumes", "privileged", "runAsNonRoot", "runAsUser", "seccompProfile", "volumeTypes"]);
    expect(checkPodSecurity({ os: { name: "windows" }, securityContext: { runAsNonRoot: true }, containers: [{ name: "c", image: "x" }] })).toEqual([]);
  });

  test("tolerates junk input: not an object, or no containers", () => {
    expect(checkPodSecurity(undefined)).toEqual([]);
    expect(checkPodSecurity({ containers: "nope" })).toEqual([]);
  });
});
