/**
 * The compose-spec rendering of a stack. Reads the same normalized spec fields as the Docker
 * target (sdk/docker/container-args.ts), and renders the real PID limit (`pids_limit`) where
 * the pulumi-docker provider has only an nproc substitute.
 */
import * as pulumi from "@pulumi/pulumi";
import { defineStack, formatDuration, serviceNetworks, ServiceSpec, StackInput, StackSpec, startOrder } from "../spec";
import { dockerLogSize, relaxationLabels, tmpfsOptions } from "../docker/container-args";
import { baseLabels, LABEL_PREFIX } from "../docker/naming";
import { NO_MASQUERADE } from "../docker/network-args";

export interface ComposeOptions {
  /** Folder (relative to the compose file) holding one file per secret config key. @default "./secrets" */
  readonly secretsDir?: string;
  /** Used for images that are Pulumi Outputs (unknown until deploy). @default a ${VAR} named after the service */
  readonly imageFor?: (svc: ServiceSpec) => string | undefined;
}

export type ComposeFile = {
  services: Record<string, Record<string, unknown>>;
  networks?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown>>;
  secrets?: Record<string, Record<string, unknown>>;
};

/** Compose's byte notation (binary units). */
export function composeBytes(bytes: number): string {
  if (bytes % 2 ** 30 === 0) return `${bytes / 2 ** 30}G`;
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20}M`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10}K`;
  return `${bytes}b`;
}

/** `127.0.0.1:8080:80/tcp` (IPv6 interfaces in brackets). */
export function composePort(p: { container: number; published?: number; hostIp?: string; protocol: string }): string {
  const ip = p.hostIp?.includes(":") ? `[${p.hostIp}]` : p.hostIp;
  return `${ip}:${p.published}:${p.container}/${p.protocol}`;
}

/** The secret's name in the top-level `secrets:` section: one entry per config key. */
export function composeSecretName(configKey: string): string {
  return configKey.replace(/[^A-Za-z0-9_.-]/g, "_");
}

function imageOf(svc: ServiceSpec, opts: ComposeOptions): string {
  const custom = opts.imageFor?.(svc);
  if (custom) return custom;
  if (typeof svc.image === "string") return svc.image;
  if (pulumi.Output.isInstance(svc.image)) return `\${${svc.name.toUpperCase().replace(/-/g, "_")}_IMAGE:?set the image reference of ${svc.name}}`;
  return String(svc.image);
}

export function composeService(svc: ServiceSpec, opts: ComposeOptions, stack: StackSpec): Record<string, unknown> {
  const r = svc.resources;
  const out: Record<string, unknown> = {
    image: imageOf(svc, opts),
    ...(svc.entrypoint ? { entrypoint: [...svc.entrypoint] } : {}),
    ...(svc.command ? { command: [...svc.command] } : {}),
    ...(svc.workdir ? { working_dir: svc.workdir } : {}),
    user: `${svc.user.uid}:${svc.user.gid}`,
    read_only: svc.security.readOnlyRootFilesystem,
    privileged: false,
    cap_drop: ["ALL"],
    ...(svc.security.capAdd.length ? { cap_add: [...svc.security.capAdd] } : {}),
    security_opt: ["no-new-privileges:true"],
    init: svc.security.init,
    tmpfs: svc.tmpfs.map((t) => `${t.mountPath}:${tmpfsOptions(t)}`),
    ...(r.pids !== undefined ? { pids_limit: r.pids } : {}),
    ...(r.memoryBytes !== undefined ? { memswap_limit: composeBytes(r.memoryBytes) } : {}),
    ...(Object.keys(svc.env).length ? { environment: { ...svc.env } } : {}),
    restart: svc.restart.policy === "on-failure" && svc.restart.maxRetries !== undefined ? `on-failure:${svc.restart.maxRetries}` : svc.restart.policy,
    logging: { driver: svc.logging.driver, options: { "max-size": dockerLogSize(svc.logging.maxSizeBytes), "max-file": String(svc.logging.maxFiles) } },
    labels: { ...svc.labels, ...baseLabels(stack.name, svc.name), ...relaxationLabels(svc) },
  };
  if (svc.healthcheck) {
    const h = svc.healthcheck;
    out.healthcheck = { test: ["CMD", ...h.test], interval: formatDuration(h.intervalSeconds), timeout: formatDuration(h.timeoutSeconds), retries: h.retries, start_period: formatDuration(h.startPeriodSeconds) };
  }
  const published = svc.ports.filter((p) => p.published !== undefined);
  // Short syntax: docker-compose v1 refuses `host_ip` in the long form.
  if (published.length) out.ports = published.map((p) => composePort(p));
  const exposed = svc.ports.filter((p) => p.published === undefined).map((p) => `${p.container}/${p.protocol}`);
  if (exposed.length) out.expose = exposed;
  out.networks = Object.fromEntries(serviceNetworks(svc).map((n) => [n.name, { aliases: [svc.name] }]));
  const volumes = svc.volumes.map((v) =>
    v.kind === "bind"
      ? { type: "bind", source: v.hostPath, target: v.mountPath, read_only: v.readOnly, bind: { propagation: "rprivate" } }
      : { type: "volume", source: v.name, target: v.mountPath, read_only: v.readOnly },
  );
  if (volumes.length) out.volumes = volumes;
  if (svc.secrets.length)
    out.secrets = svc.secrets.map((s) => ({ source: composeSecretName(s.configKey), target: s.name, uid: String(s.uid), gid: String(s.gid), mode: s.mode }));
  if (svc.dependsOn.length) {
    const byName = new Map(stack.services.map((s) => [s.name, s]));
    out.depends_on = Object.fromEntries(svc.dependsOn.map((d) => [d, { condition: byName.get(d)?.healthcheck ? "service_healthy" : "service_started" }]));
  }
  const limits: Record<string, unknown> = {
    ...(r.cpus !== undefined ? { cpus: String(r.cpus) } : {}),
    ...(r.memoryBytes !== undefined ? { memory: composeBytes(r.memoryBytes) } : {}),
  };
  const reservations: Record<string, unknown> = {
    ...(r.requests.memoryBytes !== undefined ? { memory: composeBytes(r.requests.memoryBytes) } : {}),
    ...(svc.gpus ? { devices: [{ driver: svc.gpus.driver, count: svc.gpus.count, capabilities: [...svc.gpus.capabilities] }] } : {}),
  };
  out.deploy = {
    ...(svc.replicas > 1 ? { replicas: svc.replicas } : {}),
    resources: { ...(Object.keys(limits).length ? { limits } : {}), ...(Object.keys(reservations).length ? { reservations } : {}) },
  };
  return { ...out, ...(svc.raw.compose ?? {}) };
}

/** The compose file as an object, services in start order. */
export function composeModel(input: StackSpec | StackInput, opts: ComposeOptions = {}): ComposeFile {
  const stack = isStackSpec(input) ? input : defineStack(input);
  const dir = (opts.secretsDir ?? "./secrets").replace(/\/+$/, "");
  const file: ComposeFile = { services: {} };
  for (const svc of startOrder(stack.services)) file.services[svc.name] = composeService(svc, opts, stack);
  file.networks = Object.fromEntries(
    stack.networks.map((n) => [
      n.name,
      {
        driver: "bridge",
        ...(n.role === "internal" ? { internal: true } : {}),
        ...(n.role === "ingress" ? { driver_opts: { [NO_MASQUERADE]: "false" } } : {}),
        labels: { ...baseLabels(stack.name), [`${LABEL_PREFIX}/network-role`]: n.role },
      },
    ]),
  );
  if (stack.volumes.length) file.volumes = Object.fromEntries(stack.volumes.map((v) => [v.name, { labels: { ...baseLabels(stack.name), [`${LABEL_PREFIX}/volume-kind`]: v.kind, [`${LABEL_PREFIX}/retain`]: String(v.retain) } }]));
  const keys = [...new Set(stack.services.flatMap((s) => s.secrets.map((x) => x.configKey)))];
  if (keys.length) file.secrets = Object.fromEntries(keys.map((k) => [composeSecretName(k), { file: `${dir}/${composeSecretName(k)}` }]));
  return file;
}

export function isStackSpec(x: unknown): x is StackSpec {
  const s = x as StackSpec;
  return !!s && Array.isArray(s.services) && Array.isArray(s.networks) && Array.isArray(s.volumes) && s.services.every((v) => (v as ServiceSpec).kind === "shipshape.dev/ServiceSpec");
}
