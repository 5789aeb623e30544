/**
 * `docker inspect <container>` JSON (the Engine API's ContainerInspect) as a ContainerPosture.
 * The container's Config already merges the image's USER, HEALTHCHECK and ENV, so what is
 * read here is what runs. Field meanings follow the Engine API: 0 means "no limit" for
 * Memory/NanoCpus, MemorySwap 0 means "unset" (the engine then allows as much swap as memory),
 * PidsLimit 0/-1/null means unlimited.
 * @see https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerInspect
 */
import { ContainerPosture, normalizeCapability, parseUser, PostureMount, PosturePort, PostureTmpfs, relaxationsFromLabels } from "../../checks/posture";
import { parseDockerBytes } from "../compose/units";
import { parseRestart, parseSecurityOpt } from "./security-opt";

/** The part of ContainerInspect this adapter reads (every field optional: older engines omit some). */
export interface InspectContainer {
  readonly Id?: string;
  readonly Name?: string;
  readonly State?: { readonly Status?: string; readonly Health?: { readonly Status?: string } };
  readonly Config?: {
    readonly User?: string;
    readonly Image?: string;
    readonly Env?: readonly string[] | null;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly Healthcheck?: { readonly Test?: readonly string[] | null } | null;
    readonly ExposedPorts?: Readonly<Record<string, unknown>> | null;
  };
  readonly HostConfig?: {
    readonly Privileged?: boolean;
    readonly SecurityOpt?: readonly string[] | null;
    readonly CapAdd?: readonly string[] | null;
    readonly CapDrop?: readonly string[] | null;
    readonly ReadonlyRootfs?: boolean;
    readonly Tmpfs?: Readonly<Record<string, string>> | null;
    readonly Mounts?: ReadonlyArray<{ readonly Type?: string; readonly Source?: string; readonly Target?: string; readonly ReadOnly?: boolean; readonly TmpfsOptions?: { readonly SizeBytes?: number } | null }> | null;
    readonly NetworkMode?: string;
    readonly PidMode?: string;
    readonly IpcMode?: string;
    readonly UTSMode?: string;
    readonly UsernsMode?: string;
    readonly CgroupnsMode?: string;
    readonly CgroupParent?: string;
    readonly Devices?: ReadonlyArray<{ readonly PathOnHost?: string }> | null;
    readonly Sysctls?: Readonly<Record<string, string>> | null;
    readonly PortBindings?: Readonly<Record<string, ReadonlyArray<{ readonly HostIp?: string; readonly HostPort?: string }> | null>> | null;
    readonly PublishAllPorts?: boolean;
    readonly Memory?: number;
    readonly MemorySwap?: number;
    readonly NanoCpus?: number;
    readonly CpuQuota?: number;
    readonly CpuPeriod?: number;
    readonly PidsLimit?: number | null;
    readonly Ulimits?: ReadonlyArray<{ readonly Name?: string; readonly Soft?: number }> | null;
    readonly RestartPolicy?: { readonly Name?: string; readonly MaximumRetryCount?: number };
    readonly Init?: boolean | null;
    readonly StorageOpt?: Readonly<Record<string, string>> | null;
  };
  readonly Mounts?: ReadonlyArray<{ readonly Type?: string; readonly Name?: string; readonly Source?: string; readonly Destination?: string; readonly RW?: boolean; readonly Propagation?: string }> | null;
  readonly NetworkSettings?: { readonly Networks?: Readonly<Record<string, unknown>> | null };
}

/** Container name without the leading "/". */
export function containerName(c: InspectContainer): string {
  return (c.Name ?? c.Id?.slice(0, 12) ?? "container").replace(/^\//, "");
}

export function postureFromInspect(c: InspectContainer, opts: { at?: string } = {}): ContainerPosture {
  const cfg = c.Config ?? {};
  const hc = c.HostConfig ?? {};
  const name = containerName(c);
  const user = cfg.User ?? "";

  const tmpfs: PostureTmpfs[] = Object.entries(hc.Tmpfs ?? {}).map(([target, options]) => {
    const size = /(?:^|,)size=([^,]+)/.exec(options ?? "")?.[1];
    const sizeBytes = size !== undefined ? parseDockerBytes(size) : undefined;
    return { target, ...(sizeBytes ? { sizeBytes } : {}) };
  });
  for (const m of hc.Mounts ?? []) {
    if (m.Type === "tmpfs" && m.Target) tmpfs.push({ target: m.Target, ...(m.TmpfsOptions?.SizeBytes ? { sizeBytes: m.TmpfsOptions.SizeBytes } : {}) });
  }
  const mounts: PostureMount[] = (c.Mounts ?? [])
    .filter((m) => m.Type !== "tmpfs" && m.Destination)
    .map((m) => ({
      type: m.Type === "bind" ? "bind" : m.Type === "volume" ? "volume" : m.Type === "npipe" ? "npipe" : "other",
      ...((m.Type === "volume" ? m.Name : m.Source) ? { source: (m.Type === "volume" ? m.Name : m.Source)! } : {}),
      target: m.Destination!,
      readOnly: m.RW === false,
      ...(m.Propagation ? { propagation: m.Propagation } : {}),
    }));

  const ports: PosturePort[] = [];
  const bindings = hc.PortBindings ?? {};
  for (const [key, list] of Object.entries(bindings)) {
    const [portText, proto = "tcp"] = key.split("/");
    const protocol = proto === "udp" ? "udp" : proto === "sctp" ? "sctp" : "tcp";
    for (const b of list ?? []) {
      const published = Number(b.HostPort ?? "");
      ports.push({
        container: Number(portText),
        protocol,
        ...(published > 0 ? { published } : { publishedRandom: true }),
        ...(b.HostIp ? { hostIp: b.HostIp } : {}),
      });
    }
  }
  // Exposed but unpublished ports still matter for "no sshd" (SS026).
  for (const key of Object.keys(cfg.ExposedPorts ?? {})) {
    const [portText, proto = "tcp"] = key.split("/");
    if (!(key in bindings)) ports.push({ container: Number(portText), protocol: proto === "udp" ? "udp" : "tcp" });
  }

  const test = cfg.Healthcheck?.Test ?? undefined;
  const healthcheck = test && test.length ? (test[0] === "NONE" ? { present: false, disabled: true } : { present: true }) : { present: false };
  const env: Record<string, string> = {};
  for (const e of cfg.Env ?? []) {
    const i = e.indexOf("=");
    env[i === -1 ? e : e.slice(0, i)] = i === -1 ? "" : e.slice(i + 1);
  }
  const cpus = hc.NanoCpus ? hc.NanoCpus / 1e9 : hc.CpuQuota && hc.CpuQuota > 0 ? hc.CpuQuota / (hc.CpuPeriod || 100000) : undefined;
  const nproc = (hc.Ulimits ?? []).find((u) => u.Name === "nproc")?.Soft;
  const storage = hc.StorageOpt?.size ? parseDockerBytes(hc.StorageOpt.size) : undefined;
  const networkMode = hc.NetworkMode;
  const restart = parseRestart(hc.RestartPolicy?.Name, hc.RestartPolicy?.MaximumRetryCount);
  const relaxations = relaxationsFromLabels(cfg.Labels ?? undefined);

  return {
    name,
    at: opts.at ?? `container ${name}`,
    source: "inspect",
    ...(cfg.Image ? { image: cfg.Image } : {}),
    // Config.User "" means the image's default, which for a container is root.
    ...(user ? { user, ...parseUser(user) } : { user: "root", uid: 0 }),
    privileged: hc.Privileged === true,
    ...parseSecurityOpt(hc.SecurityOpt),
    capDrop: (hc.CapDrop ?? []).map(normalizeCapability),
    capAdd: (hc.CapAdd ?? []).map(normalizeCapability),
    readOnlyRootFilesystem: hc.ReadonlyRootfs === true,
    tmpfs,
    hostNetwork: networkMode === "host",
    hostPid: hc.PidMode === "host",
    hostIpc: hc.IpcMode === "host",
    hostUts: hc.UTSMode === "host",
    hostUserns: hc.UsernsMode === "host",
    hostCgroupns: hc.CgroupnsMode === "host",
    ...(networkMode ? { networkMode } : {}),
    ...(hc.CgroupParent ? { cgroupParent: hc.CgroupParent } : {}),
    mounts,
    devices: (hc.Devices ?? []).map((d) => d.PathOnHost ?? "?"),
    sysctls: { ...(hc.Sysctls ?? {}) },
    ports,
    publishAll: hc.PublishAllPorts === true,
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    ...(hc.Memory ? { memoryBytes: hc.Memory } : {}),
    ...(hc.MemorySwap ? { memorySwapBytes: hc.MemorySwap } : {}),
    ...(cpus ? { cpus } : {}),
    ...(hc.PidsLimit && hc.PidsLimit > 0 ? { pidsLimit: hc.PidsLimit } : {}),
    ...(nproc && nproc > 0 ? { nprocLimit: nproc } : {}),
    ...(storage ? { ephemeralStorageBytes: storage } : {}),
    healthcheck,
    ...(restart ? { restart } : {}),
    env,
    init: hc.Init === true,
    ...(relaxations ? { relaxations } : {}),
  };
}
