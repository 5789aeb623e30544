/** Volumes: models (read-only), data (retained), scratch (bounded tmpfs) and bind mounts (RULES.md SS012, SS018-SS020). */
import type { Collector } from "./collector";
import { DEFAULTS, ENGINE_SOCKET, ENGINE_SOCKET_DIRS, LIMITS, SENSITIVE_HOST_PATHS } from "./defaults";
import { show } from "./errors";
import type { ParsedService } from "./schema";
import type { TmpfsSpec, VolumeSpec } from "./types";
import { parseBytes } from "./units";

export function normalizeVolumes(s: ParsedService, c: Collector): { volumes: VolumeSpec[]; tmpfs: TmpfsSpec[] } {
  const volumes: VolumeSpec[] = [];
  const tmpfs: TmpfsSpec[] = [];
  const mountPaths = new Map<string, number>();
  (s.volumes ?? []).forEach((v, i) => {
    const path = ["volumes", i];
    const mp = v.mountPath.replace(/\/+$/, "") || "/";
    if (mp === "/") c.error([...path, "mountPath"], 'mounting over "/" hides the image; mount a sub-directory such as "/data".');
    if (mp === "/run/secrets" || mp.startsWith("/run/secrets/")) c.error([...path, "mountPath"], `${show(mp)} is reserved for secret files; choose another path.`);
    if (mountPaths.has(mp)) c.error([...path, "mountPath"], `${show(mp)} is already used by volumes[${mountPaths.get(mp)}]; each mount needs its own path.`);
    mountPaths.set(mp, i);
    if (v.kind === "scratch") {
      const size = v.size === undefined ? DEFAULTS.scratchBytes : parseBytes(v.size);
      if (size === undefined || size < LIMITS.tmpfsBytes.min || size > LIMITS.tmpfsBytes.max) c.error([...path, "size"], `${show(v.size)} is not a scratch size between 1Mi and 64Gi; use e.g. "256Mi".`);
      tmpfs.push({ mountPath: mp, sizeBytes: size ?? DEFAULTS.scratchBytes, mode: 0o1777, noexec: !v.exec });
      return;
    }
    if (v.kind === "bind") {
      const hp = v.hostPath.replace(/\/+$/, "") || "/";
      if (ENGINE_SOCKET.test(hp) || ENGINE_SOCKET_DIRS.includes(hp)) c.error([...path, "hostPath"], `${show(hp)} is the container engine's socket: mounting it gives root on the host. Remove it; use an API proxy with a narrow allow-list if the service must talk to the engine.`);
      else if ((SENSITIVE_HOST_PATHS as readonly string[]).some((p) => hp === p || (p !== "/" && hp.startsWith(`${p}/`)))) c.error([...path, "hostPath"], `${show(hp)} is a sensitive host directory; mount a dedicated directory (e.g. /srv/<service>) or a named volume instead.`);
      const readOnly = v.readOnly ?? true;
      if (!readOnly) c.needs("writableBindMounts", [...path, "readOnly"], `a writable bind mount of ${show(hp)} lets the container change host files`, 'Mount it read-only, or use a "data" volume');
      volumes.push({ kind: "bind", hostPath: hp, mountPath: mp, readOnly });
      return;
    }
    if (volumes.some((o) => o.kind !== "bind" && o.name === v.name)) c.error([...path, "name"], `volume ${show(v.name)} is mounted twice in this service; mount it once.`);
    const sizeBytes = v.size === undefined ? undefined : parseBytes(v.size);
    if (v.size !== undefined && (sizeBytes === undefined || sizeBytes < 2 ** 20)) c.error([...path, "size"], `${show(v.size)} is not a volume size of at least 1Mi; use e.g. "10Gi".`);
    if (v.kind === "models") volumes.push({ kind: "models", name: v.name, mountPath: mp, readOnly: true, ...(sizeBytes ? { sizeBytes } : {}) });
    else volumes.push({ kind: "data", name: v.name, mountPath: mp, readOnly: v.readOnly ?? false, retain: !v.deleteOnDestroy, ...(sizeBytes ? { sizeBytes } : {}) });
  });
  if (!tmpfs.some((t) => t.mountPath === DEFAULTS.tmp.mountPath) && !mountPaths.has("/tmp")) tmpfs.unshift({ ...DEFAULTS.tmp });
  return { volumes, tmpfs };
}
