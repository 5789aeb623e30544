/**
 * Docker `--security-opt` / compose `security_opt` entries into ContainerPosture fields.
 * Both `key=value` and the old `key:value` spellings are accepted, as the engine does.
 */
import type { ContainerPosture } from "../../checks/posture";

type SecurityFields = Pick<ContainerPosture, "noNewPrivileges" | "seccomp" | "apparmor" | "selinux" | "systemPaths">;

export function parseSecurityOpt(opts: readonly string[] | null | undefined): SecurityFields {
  let noNewPrivileges: boolean | undefined;
  let seccomp: string | undefined;
  let apparmor: string | undefined;
  let systemPaths: "default" | "unconfined" | undefined;
  const selinux: { disabled?: boolean; user?: string; role?: string; type?: string; level?: string } = {};
  for (const raw of opts ?? []) {
    const m = /^([a-z-]+)(?:[=:](.*))?$/i.exec(raw.trim());
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2] ?? "";
    if (key === "no-new-privileges") noNewPrivileges = value === "" || value === "true";
    else if (key === "seccomp") seccomp = value;
    else if (key === "apparmor") apparmor = value;
    else if (key === "systempaths") systemPaths = value === "unconfined" ? "unconfined" : "default";
    else if (key === "label") {
      const [k, v = ""] = value.split(":");
      if (k === "disable") selinux.disabled = true;
      else if (k === "user" || k === "role" || k === "type" || k === "level") selinux[k] = v;
    }
  }
  return {
    ...(noNewPrivileges !== undefined ? { noNewPrivileges } : {}),
    ...(seccomp !== undefined ? { seccomp } : {}),
    ...(apparmor !== undefined ? { apparmor } : {}),
    ...(systemPaths !== undefined ? { systemPaths } : {}),
    ...(Object.keys(selinux).length ? { selinux } : {}),
  };
}

/** `on-failure:5` / `always` / `no` → the posture's restart. */
export function parseRestart(text: string | undefined, maxRetries?: number): ContainerPosture["restart"] {
  if (text === undefined || text === "") return undefined;
  const [policy, n] = text.split(":");
  const retries = n !== undefined ? Number(n) : maxRetries;
  return { policy, ...(retries !== undefined && Number.isFinite(retries) && retries > 0 ? { maxRetries: retries } : {}) };
}
