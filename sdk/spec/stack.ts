/**
 * `defineStack`: several services deployed together. Adds what one service cannot check
 * alone: unique names, dependencies that exist and have no cycle, host ports that don't
 * collide, and shared volumes that agree on their kind.
 */
import { finding, Finding } from "../rules";
import { closest, joinPath, show, SpecError, SpecIssue } from "./errors";
import { checkService } from "./normalize";
import type { ServiceInput } from "./schema";
import type { ServiceSpec } from "./types";

export interface StackInput {
  /** Prefix of every engine object (containers, networks, volumes): a DNS label. */
  readonly name: string;
  readonly services: ReadonlyArray<ServiceInput | ServiceSpec>;
}

export type NetworkRole = "internal" | "ingress" | "egress";

export interface StackNetwork {
  /** Logical name in the stack: a service network, `ingress` or `egress`. */
  readonly name: string;
  readonly role: NetworkRole;
}

export interface StackVolume {
  readonly name: string;
  readonly kind: "models" | "data";
  /** Kept on replace and on destroy unless every user of it opted in to deletion. */
  readonly retain: boolean;
  readonly users: readonly string[];
}

export interface StackSpec {
  readonly name: string;
  readonly services: readonly ServiceSpec[];
  readonly networks: readonly StackNetwork[];
  readonly volumes: readonly StackVolume[];
  readonly warnings: readonly Finding[];
}

/** Reserved logical network names, made by the stack itself. */
export const INGRESS_NETWORK = "ingress";
export const EGRESS_NETWORK = "egress";

/** Networks a service is attached to: its internal ones, plus ingress/egress when it needs them. */
export function serviceNetworks(svc: ServiceSpec): StackNetwork[] {
  const out: StackNetwork[] = svc.networks.map((n) => ({ name: n, role: "internal" as const }));
  if (svc.ports.some((p) => p.published !== undefined)) out.push({ name: INGRESS_NETWORK, role: "ingress" });
  if (svc.egress) out.push({ name: EGRESS_NETWORK, role: "egress" });
  return out;
}

export function defineStack(input: StackInput): StackSpec {
  const issues: SpecIssue[] = [];
  const warnings: Finding[] = [];
  if (typeof input?.name !== "string" || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(input.name) || input.name.length > 40)
    issues.push({ path: "name", message: `${show(input?.name)} is not a stack name; use a lower-case DNS label of at most 40 characters, e.g. "hostinger".` });
  if (!Array.isArray(input?.services) || input.services.length === 0) {
    issues.push({ path: "services", message: `a stack needs at least one service (got ${show(input?.services)}).` });
    throw new SpecError(`stack ${show(input?.name)}`, issues);
  }

  const services: ServiceSpec[] = [];
  const prefixes: string[] = [];
  input.services.forEach((raw, i) => {
    const n = (raw as { name?: unknown })?.name;
    const prefix = typeof n === "string" && /^[a-z0-9-]+$/.test(n) && input.services.filter((o) => (o as { name?: unknown })?.name === n).length === 1 ? `services.${n}` : `services[${i}]`;
    prefixes.push(prefix);
    const { spec, issues: own } = checkService(raw);
    issues.push(...own.map((x) => ({ path: joinPath(prefix, x.path), message: x.message })));
    if (spec) {
      if (services.some((o) => o.name === spec.name)) issues.push({ path: joinPath(prefix, "name"), message: `service name "${spec.name}" is used twice; names must be unique in a stack.` });
      services.push(spec);
      warnings.push(...spec.warnings.map((w) => ({ ...w, at: joinPath(prefix, w.at) })));
    }
  });

  const names = services.map((s) => s.name);
  const byName = new Map(services.map((s) => [s.name, s]));
  const prefixOf = (s: ServiceSpec) => (names.filter((x) => x === s.name).length === 1 ? `services.${s.name}` : `services[${services.indexOf(s)}]`);

  for (const s of services) {
    s.dependsOn.forEach((d, j) => {
      const dep = byName.get(d);
      if (!dep) {
        const hint = closest(d, names);
        issues.push({ path: joinPath(prefixOf(s), `dependsOn[${j}]`), message: `no service "${d}" in this stack${hint ? `; did you mean "${hint}"?` : `; known services: ${names.join(", ")}.`}` });
      } else if (!dep.healthcheck) {
        warnings.push(finding("SS032", joinPath(prefixOf(s), `dependsOn[${j}]`), `"${d}" has no healthcheck, so "${s.name}" can only wait for it to start, not to be healthy.`, `Give "${d}" a healthcheck.`));
      }
    });
    for (const n of s.networks) if (n === INGRESS_NETWORK || n === EGRESS_NETWORK) issues.push({ path: joinPath(prefixOf(s), "networks"), message: `"${n}" is reserved (the stack adds it when a service publishes ports or needs egress); choose another network name.` });
  }
  const cycle = findCycle(services);
  if (cycle) issues.push({ path: joinPath(prefixOf(byName.get(cycle[0])!), "dependsOn"), message: `dependency cycle ${cycle.join(" -> ")}; remove one of these dependsOn entries.` });

  // Host ports: one listener per interface, and 0.0.0.0 collides with every interface.
  const taken: { ip: string; port: number; proto: string; who: string }[] = [];
  for (const s of services)
    s.ports.forEach((p, j) => {
      if (p.published === undefined) return;
      const clash = taken.find((t) => t.port === p.published && t.proto === p.protocol && (t.ip === p.hostIp || t.ip === "0.0.0.0" || p.hostIp === "0.0.0.0"));
      if (clash) issues.push({ path: joinPath(prefixOf(s), `ports[${j}].published`), message: `host port ${p.published}/${p.protocol} is already published by "${clash.who}"; choose another host port.` });
      taken.push({ ip: p.hostIp!, port: p.published, proto: p.protocol, who: s.name });
    });

  // Shared named volumes must agree on their kind.
  const volumes = new Map<string, { kind: "models" | "data"; retain: boolean; users: string[] }>();
  for (const s of services)
    s.volumes.forEach((v, j) => {
      if (v.kind === "bind") return;
      const prev = volumes.get(v.name);
      if (!prev) volumes.set(v.name, { kind: v.kind, retain: v.kind === "models" || v.retain, users: [s.name] });
      else if (prev.kind !== v.kind) issues.push({ path: joinPath(prefixOf(s), `volumes[${j}].kind`), message: `volume "${v.name}" is a ${prev.kind} volume in "${prev.users[0]}" but ${v.kind} here; give one of them another name.` });
      else {
        prev.users.push(s.name);
        prev.retain = prev.retain || v.kind === "models" || v.retain;
      }
    });

  // @pulumi/docker has no PID limit; its nproc substitute counts per UID across containers.
  const uids = new Map<number, string[]>();
  for (const s of services) uids.set(s.user.uid, [...(uids.get(s.user.uid) ?? []), s.name]);
  for (const [uid, who] of uids)
    if (who.length > 1)
      warnings.push(finding("SS030", "services", `services ${who.join(", ")} share UID ${uid}; on the Docker target the PID limit is an nproc ulimit counted per UID, so they share one budget.`, "Give each service its own UID (e.g. 10001, 10002, …) for a per-service PID limit on Docker."));

  if (issues.length) throw new SpecError(`stack ${show(input.name)}`, issues);

  const networks: StackNetwork[] = [];
  for (const s of services) for (const n of serviceNetworks(s)) if (!networks.some((x) => x.name === n.name)) networks.push(n);
  return {
    name: input.name,
    services,
    networks,
    volumes: [...volumes].map(([name, v]) => ({ name, kind: v.kind, retain: v.retain, users: v.users })),
    warnings,
  };
}

/** Services in start order: every service after the ones it depends on. */
export function startOrder(services: readonly ServiceSpec[]): ServiceSpec[] {
  const out: ServiceSpec[] = [];
  const seen = new Set<string>();
  const byName = new Map(services.map((s) => [s.name, s]));
  const visit = (s: ServiceSpec) => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    for (const d of s.dependsOn) {
      const dep = byName.get(d);
      if (dep) visit(dep);
    }
    out.push(s);
  };
  services.forEach(visit);
  return out;
}

function findCycle(services: readonly ServiceSpec[]): string[] | undefined {
  const byName = new Map(services.map((s) => [s.name, s]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const dfs = (n: string): string[] | undefined => {
    if (state.get(n) === "open") return [...stack.slice(stack.indexOf(n)), n];
    if (state.get(n) === "done") return undefined;
    state.set(n, "open");
    stack.push(n);
    for (const d of byName.get(n)?.dependsOn ?? []) {
      if (!byName.has(d)) continue;
      const c = dfs(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, "done");
    return undefined;
  };
  for (const s of services) {
    const c = dfs(s.name);
    if (c) return c;
  }
  return undefined;
}
