/**
 * A Pod Security Standards checker: the checks of Kubernetes' pod-security-admission
 * (policy version "latest", k8s 1.33) as one pure function, so the renderer's tests, the
 * CrossGuard policy pack and the audit judge a pod spec the same way, without a cluster.
 *
 * Dependency-free on purpose (plain JSON in, findings out): the policy pack runs it on the
 * unwrapped inputs of any Deployment/StatefulSet/Pod, whoever wrote them.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * @see https://github.com/kubernetes/pod-security-admission/tree/master/policy
 */
import { finding, Finding } from "../rules";

export type PssLevel = "baseline" | "restricted";

/** One broken PSS control: a Finding (RULES.md id) plus the upstream control and its level. */
export interface Violation extends Finding {
  /** pod-security-admission's control name, e.g. `hostNamespaces`, `runAsNonRoot`. */
  readonly control: string;
  readonly level: PssLevel;
}

/* Loose structural types: whatever JSON a Pod, a template or a policy engine hands over. */
type Obj = Record<string, unknown>;
export interface PodMetadataLike {
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Capabilities a baseline pod may add (pod-security-admission `capabilities_baseline`). */
export const BASELINE_CAPABILITIES = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"] as const;
/** Sysctls a baseline pod may set (`sysctls`, as of 1.32). */
export const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
] as const;
/** Volume types a restricted pod may use (`restrictedVolumes`). */
export const RESTRICTED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"] as const;
/** SELinux types a baseline pod may set (`seLinuxOptions`). */
export const ALLOWED_SELINUX_TYPES = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"] as const;

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Obj) : {});
const arr = (x: unknown): Obj[] => (Array.isArray(x) ? x.map(obj) : []);

/**
 * Check a pod spec against a PSS level; returns every violation (empty when it passes).
 * `restricted` includes every baseline check, as in pod-security-admission.
 * @param podSpec a PodSpec (`spec` of a Pod, `spec.template.spec` of a workload)
 * @param metadata the pod's metadata, for the AppArmor annotations that older clusters use
 */
export function checkPodSecurity(podSpec: unknown, level: PssLevel = "restricted", metadata?: PodMetadataLike): Violation[] {
  const spec = obj(podSpec);
  const out: Violation[] = [];
  const add = (ruleId: string, control: string, lvl: PssLevel, at: string, message: string, fix?: string) =>
    out.push({ ...finding(ruleId, at, message, fix), control, level: lvl });
  const containers = CONTAINER_LISTS.flatMap((list) => arr(spec[list]).map((c, i) => ({ c, at: `${list}[${i}]`, sc: obj(c.securityContext), name: String(c.name ?? i) })));
  const psc = obj(spec.securityContext);
  const windows = obj(spec.os).name === "windows";

  // --- baseline ---
  // hostProcess: Windows HostProcess containers are privileged on the node.
  if (obj(psc.windowsOptions).hostProcess === true) add("SS003", "hostProcess", "baseline", "securityContext.windowsOptions.hostProcess", "the pod runs as a Windows HostProcess pod.", "Remove windowsOptions.hostProcess.");
  for (const { at, sc, name } of containers)
    if (obj(sc.windowsOptions).hostProcess === true) add("SS003", "hostProcess", "baseline", `${at}.securityContext.windowsOptions.hostProcess`, `container "${name}" is a Windows HostProcess container.`, "Remove windowsOptions.hostProcess.");

  // hostNamespaces
  if (spec.hostNetwork === true) add("SS013", "hostNamespaces", "baseline", "hostNetwork", "the pod shares the host network namespace.", "Remove hostNetwork.");
  if (spec.hostPID === true) add("SS014", "hostNamespaces", "baseline", "hostPID", "the pod shares the host PID namespace.", "Remove hostPID.");
  if (spec.hostIPC === true) add("SS015", "hostNamespaces", "baseline", "hostIPC", "the pod shares the host IPC namespace.", "Remove hostIPC.");

  // privileged
  for (const { at, sc, name } of containers) if (sc.privileged === true) add("SS003", "privileged", "baseline", `${at}.securityContext.privileged`, `container "${name}" is privileged.`, "Set privileged: false.");

  // capabilities (baseline): nothing beyond the default set.
  for (const { at, sc, name } of containers) {
    const added = (obj(sc.capabilities).add as unknown[] | undefined) ?? [];
    added.forEach((cap, j) => {
      if (!(BASELINE_CAPABILITIES as readonly unknown[]).includes(cap)) add("SS006", "capabilities", "baseline", `${at}.securityContext.capabilities.add[${j}]`, `container "${name}" adds ${String(cap)}, beyond the baseline set.`, "Remove the capability; only NET_BIND_SERVICE may be added back.");
    });
  }

  // hostPathVolumes (the docker socket gets its own rule id).
  arr(spec.volumes).forEach((v, i) => {
    if (v.hostPath === undefined) return;
    const path = String(obj(v.hostPath).path ?? "");
    const sock = /(docker|containerd|podman|crio)\.sock$/.test(path);
    add(sock ? "SS019" : "SS018", "hostPathVolumes", "baseline", `volumes[${i}].hostPath`, `volume "${String(v.name ?? i)}" mounts the host path ${JSON.stringify(path)}.`, "Use a persistentVolumeClaim (a data volume) instead of hostPath.");
  });

  // hostPorts
  for (const { at, c, name } of containers)
    arr(c.ports).forEach((p, j) => {
      if (p.hostPort !== undefined && p.hostPort !== 0) add("SS025", "hostPorts", "baseline", `${at}.ports[${j}].hostPort`, `container "${name}" binds host port ${String(p.hostPort)}.`, "Remove hostPort; expose the port through a ClusterIP Service and an Ingress.");
    });

  // appArmorProfile (field since 1.30, annotations before).
  const badAppArmor = (t: unknown) => t !== undefined && t !== "RuntimeDefault" && t !== "Localhost";
  if (badAppArmor(obj(psc.appArmorProfile).type)) add("SS008", "appArmorProfile", "baseline", "securityContext.appArmorProfile.type", `the pod's AppArmor profile is ${String(obj(psc.appArmorProfile).type)}.`, "Use RuntimeDefault or Localhost, or leave it unset.");
  for (const { at, sc, name } of containers)
    if (badAppArmor(obj(sc.appArmorProfile).type)) add("SS008", "appArmorProfile", "baseline", `${at}.securityContext.appArmorProfile.type`, `container "${name}" has AppArmor profile ${String(obj(sc.appArmorProfile).type)}.`, "Use RuntimeDefault or Localhost, or leave it unset.");
  for (const [k, v] of Object.entries(metadata?.annotations ?? {}))
    if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && v !== "runtime/default" && !v.startsWith("localhost/"))
      add("SS008", "appArmorProfile", "baseline", `metadata.annotations["${k}"]`, `AppArmor annotation is ${JSON.stringify(v)}.`, 'Use "runtime/default" or "localhost/<profile>".');

  // seLinuxOptions: only the container types, no custom user or role.
  const seLinux = (o: Obj, at: string, who: string) => {
    const se = obj(o.seLinuxOptions);
    if (se.type !== undefined && !(ALLOWED_SELINUX_TYPES as readonly unknown[]).includes(se.type)) add("SS009", "seLinuxOptions", "baseline", `${at}seLinuxOptions.type`, `${who} sets SELinux type ${String(se.type)}.`, "Remove it or use container_t.");
    if (se.user) add("SS009", "seLinuxOptions", "baseline", `${at}seLinuxOptions.user`, `${who} sets a custom SELinux user.`, "Remove seLinuxOptions.user.");
    if (se.role) add("SS009", "seLinuxOptions", "baseline", `${at}seLinuxOptions.role`, `${who} sets a custom SELinux role.`, "Remove seLinuxOptions.role.");
  };
  seLinux(psc, "securityContext.", "the pod");
  for (const { at, sc, name } of containers) seLinux(sc, `${at}.securityContext.`, `container "${name}"`);

  // procMount
  for (const { at, sc, name } of containers)
    if (sc.procMount !== undefined && sc.procMount !== "Default") add("SS010", "procMount", "baseline", `${at}.securityContext.procMount`, `container "${name}" unmasks /proc (procMount ${String(sc.procMount)}).`, "Remove procMount or set it to Default.");

  // seccompProfile (baseline): never Unconfined.
  if (obj(psc.seccompProfile).type === "Unconfined") add("SS007", "seccompProfile", "baseline", "securityContext.seccompProfile.type", "the pod runs without seccomp (Unconfined).", "Set seccompProfile.type: RuntimeDefault.");
  for (const { at, sc, name } of containers)
    if (obj(sc.seccompProfile).type === "Unconfined") add("SS007", "seccompProfile", "baseline", `${at}.securityContext.seccompProfile.type`, `container "${name}" runs without seccomp (Unconfined).`, "Set seccompProfile.type: RuntimeDefault.");

  // sysctls
  arr(psc.sysctls).forEach((s, i) => {
    if (!(SAFE_SYSCTLS as readonly unknown[]).includes(s.name)) add("SS022", "sysctls", "baseline", `securityContext.sysctls[${i}]`, `sysctl ${String(s.name)} is not in the safe set.`, "Remove the sysctl.");
  });

  if (level === "baseline") return out;

  // --- restricted ---
  // volumeTypes
  arr(spec.volumes).forEach((v, i) => {
    const type = Object.keys(v).find((k) => k !== "name");
    if (type !== undefined && !(RESTRICTED_VOLUME_TYPES as readonly string[]).includes(type))
      add("SS012", "volumeTypes", "restricted", `volumes[${i}].${type}`, `volume "${String(v.name ?? i)}" is of type ${type}, not allowed under restricted.`, `Use one of ${RESTRICTED_VOLUME_TYPES.join(", ")}.`);
  });

  // allowPrivilegeEscalation: explicitly false everywhere (not checked for Windows pods).
  if (!windows)
    for (const { at, sc, name } of containers)
      if (sc.allowPrivilegeEscalation !== false) add("SS004", "allowPrivilegeEscalation", "restricted", `${at}.securityContext.allowPrivilegeEscalation`, `container "${name}" does not set allowPrivilegeEscalation: false.`, "Set allowPrivilegeEscalation: false.");

  // runAsNonRoot: true at the pod level, or on every container; never false on a container.
  const podNonRoot = psc.runAsNonRoot === true;
  if (psc.runAsNonRoot === false) add("SS001", "runAsNonRoot", "restricted", "securityContext.runAsNonRoot", "the pod sets runAsNonRoot: false.", "Set runAsNonRoot: true.");
  for (const { at, sc, name } of containers) {
    if (sc.runAsNonRoot === false) add("SS001", "runAsNonRoot", "restricted", `${at}.securityContext.runAsNonRoot`, `container "${name}" sets runAsNonRoot: false.`, "Set runAsNonRoot: true.");
    else if (!podNonRoot && sc.runAsNonRoot !== true) add("SS001", "runAsNonRoot", "restricted", `${at}.securityContext.runAsNonRoot`, `container "${name}" may run as root: runAsNonRoot is set neither on the pod nor on the container.`, "Set securityContext.runAsNonRoot: true on the pod.");
  }

  // runAsUser: never 0.
  if (psc.runAsUser === 0) add("SS002", "runAsUser", "restricted", "securityContext.runAsUser", "the pod runs as UID 0.", "Use a non-zero UID such as 10001.");
  for (const { at, sc, name } of containers) if (sc.runAsUser === 0) add("SS002", "runAsUser", "restricted", `${at}.securityContext.runAsUser`, `container "${name}" runs as UID 0.`, "Use a non-zero UID such as 10001.");

  // seccompProfile (restricted): RuntimeDefault or Localhost on the pod, or on every container.
  if (!windows) {
    const ok = (t: unknown) => t === "RuntimeDefault" || t === "Localhost";
    const podOk = ok(obj(psc.seccompProfile).type);
    for (const { at, sc, name } of containers) {
      const t = obj(sc.seccompProfile).type;
      if (t === "Unconfined") continue; // already reported by the baseline check
      if (t === undefined ? !podOk : !ok(t)) add("SS007", "seccompProfile", "restricted", `${at}.securityContext.seccompProfile.type`, `container "${name}" has no RuntimeDefault or Localhost seccomp profile.`, "Set securityContext.seccompProfile.type: RuntimeDefault on the pod.");
    }
  }

  // capabilities (restricted): drop ALL; add nothing but NET_BIND_SERVICE.
  if (!windows)
    for (const { at, sc, name } of containers) {
      const caps = obj(sc.capabilities);
      if (!((caps.drop as unknown[] | undefined) ?? []).includes("ALL")) add("SS005", "capabilities", "restricted", `${at}.securityContext.capabilities.drop`, `container "${name}" does not drop ALL capabilities.`, 'Set capabilities.drop: ["ALL"].');
      // Capabilities outside the baseline set were already reported by the baseline check.
      ((caps.add as unknown[] | undefined) ?? []).forEach((cap, j) => {
        if (cap !== "NET_BIND_SERVICE" && (BASELINE_CAPABILITIES as readonly unknown[]).includes(cap))
          add("SS006", "capabilities", "restricted", `${at}.securityContext.capabilities.add[${j}]`, `container "${name}" adds ${String(cap)}; restricted allows only NET_BIND_SERVICE.`, "Remove the capability.");
      });
    }
  return out;
}
