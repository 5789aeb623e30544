/**
 * A compose service (normalized by ../compose) as a ContainerPosture, so `checkPosture` judges
 * it with the same rules as a deployed container. The image's own USER and HEALTHCHECK apply
 * when compose leaves them out: pass them as `image` when known (from the engine), otherwise
 * the posture says "not set", as compose alone does.
 */
import { ContainerPosture, parseUser, PostureMount, relaxationsFromLabels } from "../../checks/posture";
import type { ComposeService } from "../compose/model";
import { parseRestart, parseSecurityOpt } from "./security-opt";

/** What the image itself sets, when the engine can tell (docker image inspect). */
export interface ImageDefaults {
  /** Config.User; "" means root. */
  readonly user?: string;
  /** The image has a HEALTHCHECK (not NONE). */
  readonly healthcheck?: boolean;
}

export function postureFromCompose(svc: ComposeService, opts: { at?: string; image?: ImageDefaults } = {}): ContainerPosture {
  const user = svc.user ?? (opts.image?.user ? opts.image.user : undefined);
  const mounts: PostureMount[] = svc.mounts
    .filter((m) => m.type !== "tmpfs")
    .map((m) => ({
      type: m.type === "bind" || m.type === "volume" || m.type === "npipe" ? m.type : "other",
      ...(m.source !== undefined ? { source: m.source } : {}),
      target: m.target,
      readOnly: m.readOnly,
      ...(m.propagation ? { propagation: m.propagation } : {}),
      ...(m.sizeBytes !== undefined ? { sizeBytes: m.sizeBytes } : {}),
    }));
  const tmpfs = svc.mounts.filter((m) => m.type === "tmpfs").map((m) => ({ target: m.target, ...(m.sizeBytes !== undefined ? { sizeBytes: m.sizeBytes } : {}) }));
  const hc = svc.healthcheck;
  const imageHealth = opts.image?.healthcheck === true;
  const healthcheck = hc?.disabled ? { present: false, disabled: true } : { present: !!hc?.test || imageHealth };
  const restart = parseRestart(svc.restart);
  const relaxations = relaxationsFromLabels(svc.labels);
  return {
    name: svc.name,
    at: opts.at ?? `services.${svc.name}`,
    source: "compose",
    ...(svc.image !== undefined ? { image: svc.image } : {}),
    ...(user !== undefined ? { user, ...parseUser(user) } : opts.image?.user === "" ? { user: "root", uid: 0 } : {}),
    privileged: svc.privileged,
    ...parseSecurityOpt(svc.securityOpt),
    capDrop: svc.capDrop,
    capAdd: svc.capAdd,
    readOnlyRootFilesystem: svc.readOnly,
    tmpfs,
    hostNetwork: svc.networkMode === "host",
    hostPid: svc.pid === "host",
    hostIpc: svc.ipc === "host",
    hostUts: svc.uts === "host",
    hostUserns: svc.usernsMode === "host",
    hostCgroupns: svc.cgroup === "host",
    ...(svc.networkMode ? { networkMode: svc.networkMode } : {}),
    ...(svc.cgroupParent ? { cgroupParent: svc.cgroupParent } : {}),
    mounts,
    devices: svc.devices.map((d) => d.split(":")[0]),
    sysctls: svc.sysctls,
    ports: svc.ports.map((p) => ({
      container: p.target,
      protocol: p.protocol,
      ...(p.published !== undefined ? { published: p.published } : { publishedRandom: true }),
      ...(p.hostIp !== undefined ? { hostIp: p.hostIp } : {}),
    })),
    publishAll: svc.publishAll,
    networks: svc.networks,
    ...(svc.memoryBytes !== undefined ? { memoryBytes: svc.memoryBytes } : {}),
    ...(svc.memswapBytes !== undefined ? { memorySwapBytes: svc.memswapBytes } : {}),
    ...(svc.cpus !== undefined ? { cpus: svc.cpus } : {}),
    ...(svc.pidsLimit !== undefined ? { pidsLimit: svc.pidsLimit } : {}),
    healthcheck,
    ...(restart ? { restart } : {}),
    env: svc.environment,
    ...(svc.init !== undefined ? { init: svc.init } : {}),
    secretFiles: svc.secrets.map((s) => `/run/secrets/${s}`),
    ...(svc.replicas !== undefined ? { replicas: svc.replicas } : {}),
    ...(relaxations ? { relaxations } : {}),
  };
}
