/**
 * Kubernetes pod spec → one ContainerPosture per container (init containers included).
 * Pod- and container-level securityContext are merged the way the kubelet merges them: the
 * container's value wins for runAsUser/runAsGroup/runAsNonRoot/seccomp/AppArmor/SELinux.
 */
import { ContainerPosture, normalizeCapability, PostureMount, PostureMountType, PosturePort, relaxationsFromLabels } from "../posture";
import { parseCpu, parseQuantityBytes } from "./units";

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const arr = (x: unknown): Obj[] => (Array.isArray(x) ? x.filter(isObj) : []);
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === "number" && Number.isFinite(x) ? x : undefined);
const bool = (x: unknown): boolean | undefined => (typeof x === "boolean" ? x : undefined);

export interface PodContext {
  /** Pod template annotations (relaxation reasons, legacy AppArmor annotations). */
  readonly annotations?: Readonly<Record<string, unknown>>;
  /** Workload replicas (Deployment / StatefulSet); undefined for Pods, Jobs, DaemonSets. */
  readonly replicas?: number;
  /** Where findings point (a URN); defaults to the posture name. */
  readonly at?: string;
}

const VOLUME_TYPES: PostureMountType[] = ["hostPath", "emptyDir", "secret", "configMap", "projected", "downwardAPI", "persistentVolumeClaim", "csi", "ephemeral"];

function volumeInfo(v: Obj): { type: PostureMountType; source?: string; sizeBytes?: number; medium?: string } {
  const type = VOLUME_TYPES.find((t) => v[t] !== undefined) ?? "other";
  const body = isObj(v[type]) ? (v[type] as Obj) : {};
  switch (type) {
    case "hostPath": return { type, source: str(body.path) };
    case "emptyDir": return { type, ...(parseQuantityBytes(body.sizeLimit) ? { sizeBytes: parseQuantityBytes(body.sizeLimit) } : {}), ...(str(body.medium) ? { medium: str(body.medium) } : {}) };
    case "secret": return { type, source: str(body.secretName) };
    case "configMap": return { type, source: str(body.name) };
    case "persistentVolumeClaim": return { type, source: str(body.claimName) };
    default: return { type, source: str(v.name) };
  }
}

function seccompOf(sc: Obj | undefined): string | undefined {
  const t = isObj(sc?.seccompProfile) ? str((sc!.seccompProfile as Obj).type) : undefined;
  return t === undefined ? undefined : t === "Unconfined" ? "unconfined" : t;
}

function apparmorOf(sc: Obj | undefined): string | undefined {
  const t = isObj(sc?.appArmorProfile) ? str((sc!.appArmorProfile as Obj).type) : undefined;
  return t === undefined ? undefined : t === "Unconfined" ? "unconfined" : t;
}

/** Postures of the containers of a pod spec (or only `containerName`'s). */
export function fromKubernetesPodSpec(name: string, podSpec: Readonly<Record<string, unknown>>, containerName?: string, ctx: PodContext = {}): ContainerPosture[] {
  const pod = podSpec as Obj;
  const psc = isObj(pod.securityContext) ? pod.securityContext : {};
  const volumes = new Map(arr(pod.volumes).map((v) => [str(v.name) ?? "", volumeInfo(v)]));
  const annotations = ctx.annotations ?? {};
  const relaxations = relaxationsFromLabels(annotations);
  const sysctls = Object.fromEntries(arr(psc.sysctls).map((s) => [str(s.name) ?? "", String(s.value ?? "")]));
  const containers = [...arr(pod.initContainers), ...arr(pod.containers)].filter((c) => containerName === undefined || c.name === containerName);

  return containers.map((c): ContainerPosture => {
    const cname = str(c.name) ?? "";
    const csc = isObj(c.securityContext) ? c.securityContext : {};
    const pick = <T>(f: (o: Obj) => T | undefined): T | undefined => f(csc) ?? f(psc);
    const uid = pick((o) => num(o.runAsUser));
    const gid = pick((o) => num(o.runAsGroup));
    const caps = isObj(csc.capabilities) ? csc.capabilities : {};
    const sel = pick((o) => (isObj(o.seLinuxOptions) ? (o.seLinuxOptions as Obj) : undefined));
    const legacyAppArmor = str(annotations[`container.apparmor.security.beta.kubernetes.io/${cname}`]);
    const apparmor = apparmorOf(csc) ?? apparmorOf(psc) ?? (legacyAppArmor ? (legacyAppArmor === "unconfined" ? "unconfined" : legacyAppArmor) : undefined);

    const mounts: PostureMount[] = arr(c.volumeMounts).map((m) => {
      const v = volumes.get(str(m.name) ?? "") ?? { type: "other" as const };
      return {
        type: v.type,
        ...(v.source !== undefined ? { source: v.source } : {}),
        target: str(m.mountPath) ?? "",
        ...(bool(m.readOnly) !== undefined ? { readOnly: bool(m.readOnly) } : {}),
        ...(str(m.mountPropagation) ? { propagation: str(m.mountPropagation) } : {}),
        ...(v.sizeBytes !== undefined ? { sizeBytes: v.sizeBytes } : {}),
        ...(v.medium !== undefined ? { medium: v.medium } : {}),
      };
    });
    const ports: PosturePort[] = arr(c.ports).map((p) => ({
      container: num(p.containerPort) ?? 0,
      ...(num(p.hostPort) ? { published: num(p.hostPort), hostPort: true } : {}),
      ...(str(p.hostIP) ? { hostIp: str(p.hostIP) } : {}),
      ...(str(p.protocol) ? { protocol: str(p.protocol)!.toLowerCase() as PosturePort["protocol"] } : {}),
    }));
    const res = isObj(c.resources) ? c.resources : {};
    const limits = isObj(res.limits) ? res.limits : {};
    const requests = isObj(res.requests) ? res.requests : {};
    const env: Record<string, string> = {};
    const secretEnv: string[] = [];
    for (const e of arr(c.env)) {
      const n = str(e.name) ?? "";
      if (isObj(e.valueFrom) && isObj(e.valueFrom.secretKeyRef)) secretEnv.push(n);
      else env[n] = str(e.value) ?? "";
    }
    for (const e of arr(c.envFrom)) if (isObj(e.secretRef)) secretEnv.push(`${str(e.prefix) ?? ""}* (envFrom secret ${str(e.secretRef.name) ?? ""})`);
    const probes = { readiness: isObj(c.readinessProbe), liveness: isObj(c.livenessProbe), startup: isObj(c.startupProbe) };
    const memoryBytes = parseQuantityBytes(limits.memory);
    const cpus = parseCpu(limits.cpu);
    const reqMem = parseQuantityBytes(requests.memory);
    const reqCpu = parseCpu(requests.cpu);
    const eph = parseQuantityBytes(limits["ephemeral-storage"]);

    return {
      name: containerName === undefined ? `${name}/${cname}` : name,
      ...(ctx.at ? { at: ctx.at } : {}),
      source: "kubernetes",
      ...(str(c.image) !== undefined ? { image: str(c.image) } : {}),
      ...(uid !== undefined ? { user: gid !== undefined ? `${uid}:${gid}` : String(uid), uid } : {}),
      ...(gid !== undefined ? { gid } : {}),
      ...(pick((o) => bool(o.runAsNonRoot)) !== undefined ? { runAsNonRoot: pick((o) => bool(o.runAsNonRoot)) } : {}),
      ...(bool(csc.privileged) !== undefined ? { privileged: bool(csc.privileged) } : {}),
      ...(bool(csc.allowPrivilegeEscalation) !== undefined ? { noNewPrivileges: csc.allowPrivilegeEscalation === false } : {}),
      capDrop: (Array.isArray(caps.drop) ? caps.drop : []).filter((x): x is string => typeof x === "string").map(normalizeCapability),
      capAdd: (Array.isArray(caps.add) ? caps.add : []).filter((x): x is string => typeof x === "string").map(normalizeCapability),
      ...(seccompOf(csc) ?? seccompOf(psc) ? { seccomp: seccompOf(csc) ?? seccompOf(psc) } : {}),
      ...(apparmor ? { apparmor } : {}),
      ...(sel ? { selinux: { ...(str(sel.user) ? { user: str(sel.user) } : {}), ...(str(sel.role) ? { role: str(sel.role) } : {}), ...(str(sel.type) ? { type: str(sel.type) } : {}), ...(str(sel.level) ? { level: str(sel.level) } : {}) } } : {}),
      ...(str(csc.procMount) ? { systemPaths: csc.procMount === "Unmasked" ? "unconfined" : "default" } : {}),
      ...(bool(csc.readOnlyRootFilesystem) !== undefined ? { readOnlyRootFilesystem: bool(csc.readOnlyRootFilesystem) } : {}),
      ...(pod.hostNetwork === true ? { hostNetwork: true } : {}),
      ...(pod.hostPID === true ? { hostPid: true } : {}),
      ...(pod.hostIPC === true ? { hostIpc: true } : {}),
      ...(pod.hostUsers === true ? { hostUserns: true } : {}),
      mounts,
      ...(Object.keys(sysctls).length ? { sysctls } : {}),
      ports,
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      ...(cpus !== undefined ? { cpus } : {}),
      requests: { ...(reqMem !== undefined ? { memoryBytes: reqMem } : {}), ...(reqCpu !== undefined ? { cpus: reqCpu } : {}) },
      ...(eph !== undefined ? { ephemeralStorageBytes: eph } : {}),
      healthcheck: { present: probes.readiness || probes.liveness || probes.startup, ...probes },
      env,
      ...(secretEnv.length ? { secretEnv } : {}),
      secretFiles: mounts.filter((m) => m.type === "secret").map((m) => m.target),
      ...(bool(pod.automountServiceAccountToken) !== undefined ? { automountServiceAccountToken: bool(pod.automountServiceAccountToken) } : {}),
      ...(ctx.replicas !== undefined ? { replicas: ctx.replicas } : {}),
      ...(relaxations ? { relaxations } : {}),
    };
  });
}
