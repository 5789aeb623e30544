/** Memory, CPU, PID and ephemeral-storage limits (RULES.md SS028-SS031), with requests. */
import type { Collector } from "./collector";
import { DEFAULTS, LIMITS } from "./defaults";
import { show } from "./errors";
import type { ParsedService } from "./schema";
import type { ServiceSpec } from "./types";
import { parseBytes } from "./units";

export function normalizeResources(s: ParsedService, c: Collector): ServiceSpec["resources"] | undefined {
  const r = s.resources ?? {};
  const unbounded = (field: string) => c.needs("unboundedResources", ["resources", field], `resources.${field} "unlimited" lets one service starve the host`, `Set a limit such as ${field === "memory" ? '"512Mi"' : field === "cpus" ? "1" : "256"}`);
  let memoryBytes: number | undefined = DEFAULTS.memoryBytes;
  if (r.memory === "unlimited") memoryBytes = unbounded("memory") ? undefined : DEFAULTS.memoryBytes;
  else if (r.memory !== undefined) {
    const v = parseBytes(r.memory);
    if (v === undefined) c.error(["resources", "memory"], `${show(r.memory)} is not a size; use Kubernetes notation such as "512Mi" or "2Gi" (Docker's "512m" is ambiguous).`);
    else if (v < LIMITS.memoryBytes.min || v > LIMITS.memoryBytes.max) c.error(["resources", "memory"], `${show(r.memory)} is outside 6Mi..1Ti; Docker refuses less than 6Mi. Use e.g. "512Mi".`);
    else memoryBytes = v;
  }
  let cpus: number | undefined = DEFAULTS.cpus;
  if (r.cpus === "unlimited") cpus = unbounded("cpus") ? undefined : DEFAULTS.cpus;
  else if (r.cpus !== undefined) {
    if (!Number.isFinite(r.cpus) || r.cpus < LIMITS.cpus.min || r.cpus > LIMITS.cpus.max) c.error(["resources", "cpus"], `${show(r.cpus)} is outside 0.01..256; use e.g. 0.5 for half a core.`);
    else cpus = r.cpus;
  }
  let pids: number | undefined = DEFAULTS.pids;
  if (r.pids === "unlimited") pids = unbounded("pids") ? undefined : DEFAULTS.pids;
  else if (r.pids !== undefined) {
    if (r.pids < LIMITS.pids.min || r.pids > LIMITS.pids.max) c.error(["resources", "pids"], `${show(r.pids)} is outside 8..1000000; use e.g. 256.`);
    else pids = r.pids;
  }
  let ephemeralStorageBytes: number = DEFAULTS.ephemeralStorageBytes;
  if (r.ephemeralStorage !== undefined) {
    const v = parseBytes(r.ephemeralStorage);
    if (v === undefined || v < LIMITS.ephemeralStorageBytes.min || v > LIMITS.ephemeralStorageBytes.max) c.error(["resources", "ephemeralStorage"], `${show(r.ephemeralStorage)} is not a size between 1Mi and 16Ti; use e.g. "1Gi".`);
    else ephemeralStorageBytes = v;
  }
  const requests: { memoryBytes?: number; cpus?: number } = { ...(memoryBytes !== undefined ? { memoryBytes } : {}), ...(cpus !== undefined ? { cpus } : {}) };
  if (r.requests?.memory !== undefined) {
    const v = parseBytes(r.requests.memory);
    if (v === undefined || v < LIMITS.memoryBytes.min) c.error(["resources", "requests", "memory"], `${show(r.requests.memory)} is not a size of at least 6Mi; use e.g. "256Mi".`);
    else if (memoryBytes !== undefined && v > memoryBytes) c.error(["resources", "requests", "memory"], `the request ${show(r.requests.memory)} is above the memory limit; lower it or raise resources.memory.`);
    else requests.memoryBytes = v;
  }
  if (r.requests?.cpus !== undefined) {
    if (r.requests.cpus < LIMITS.cpus.min || r.requests.cpus > LIMITS.cpus.max) c.error(["resources", "requests", "cpus"], `${show(r.requests.cpus)} is outside 0.01..256.`);
    else if (cpus !== undefined && r.requests.cpus > cpus) c.error(["resources", "requests", "cpus"], `the request ${r.requests.cpus} is above the CPU limit ${cpus}; lower it or raise resources.cpus.`);
    else requests.cpus = r.requests.cpus;
  }
  return { ...(memoryBytes !== undefined ? { memoryBytes } : {}), ...(cpus !== undefined ? { cpus } : {}), ...(pids !== undefined ? { pids } : {}), ephemeralStorageBytes, requests };
}
