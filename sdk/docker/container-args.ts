/**
 * The hardened `@pulumi/docker` Container inputs for one normalized service. Pure: the same
 * spec always gives the same args, and the compose renderer reads the same spec fields, so
 * the two renderings cannot drift apart.
 */
import type * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceSpec } from "../spec";
import { formatDuration } from "../spec";
import { baseLabels, LABEL_PREFIX, labelList } from "./naming";

export interface ContainerContext {
  /** Engine name of the container. */
  readonly containerName: string;
  readonly stack: string;
  /** The image to run (a digest-pinned ref where possible). */
  readonly image: pulumi.Input<string>;
  /** Engine networks to join, with the service name as DNS alias. */
  readonly networks: readonly pulumi.Input<string>[];
  /** Engine volume names by the spec's logical volume name. */
  readonly volumes: Readonly<Record<string, pulumi.Input<string>>>;
  /** Engine volume holding the secret files, mounted read-only at /run/secrets. */
  readonly secretsVolume?: pulumi.Input<string>;
}

/** Size for Docker's `memory` input, which is in MiB: round up so the limit is never lower than asked. */
export function memoryMiB(bytes: number): number {
  return Math.ceil(bytes / 2 ** 20);
}

/** Docker log-opt size (`10m`); its units are binary (k = 1024). */
export function dockerLogSize(bytes: number): string {
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20}m`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10}k`;
  return String(bytes);
}

/** `tmpfs` option string: bounded, and noexec/nosuid/nodev unless exec was asked for. */
export function tmpfsOptions(t: ServiceSpec["tmpfs"][number]): string {
  return ["rw", ...(t.noexec ? ["noexec"] : ["exec"]), "nosuid", "nodev", `size=${t.sizeBytes}`, `mode=${t.mode.toString(8)}`].join(",");
}

/** Labels naming each relaxation and its reason, so audits and policies can see them. */
export function relaxationLabels(spec: ServiceSpec): Record<string, string> {
  return Object.fromEntries(spec.relaxations.map((r) => [`${LABEL_PREFIX}/relax.${r.key}`, r.reason]));
}

export function healthcheckArgs(spec: ServiceSpec): docker.types.input.ContainerHealthcheck | undefined {
  const h = spec.healthcheck;
  if (!h) return undefined;
  return {
    tests: ["CMD", ...h.test],
    interval: formatDuration(h.intervalSeconds),
    timeout: formatDuration(h.timeoutSeconds),
    retries: h.retries,
    startPeriod: formatDuration(h.startPeriodSeconds),
  };
}

/** How long `pulumi up` waits for the container to become healthy before failing. */
export function healthyWithinSeconds(spec: ServiceSpec): number {
  const h = spec.healthcheck;
  if (!h) return 60;
  return Math.ceil(h.startPeriodSeconds + h.intervalSeconds * (h.retries + 1) + h.timeoutSeconds + 30);
}

export function containerArgs(spec: ServiceSpec, ctx: ContainerContext): docker.ContainerArgs {
  const mounts: docker.types.input.ContainerMount[] = [];
  for (const v of spec.volumes) {
    if (v.kind === "bind") mounts.push({ type: "bind", source: v.hostPath, target: v.mountPath, readOnly: v.readOnly, bindOptions: { propagation: "rprivate" } });
    else {
      const source = ctx.volumes[v.name];
      if (source === undefined) throw new Error(`internal: no engine volume for "${v.name}"`);
      mounts.push({ type: "volume", source, target: v.mountPath, readOnly: v.readOnly });
    }
  }
  if (spec.secrets.length && ctx.secretsVolume !== undefined) mounts.push({ type: "volume", source: ctx.secretsVolume, target: "/run/secrets", readOnly: true });

  const res = spec.resources;
  const gpus = spec.gpus;
  const args: docker.ContainerArgs = {
    name: ctx.containerName,
    image: ctx.image,
    ...(spec.command ? { command: [...spec.command] } : {}),
    ...(spec.entrypoint ? { entrypoints: [...spec.entrypoint] } : {}),
    ...(spec.workdir ? { workingDir: spec.workdir } : {}),
    envs: Object.keys(spec.env)
      .sort()
      .map((k) => `${k}=${spec.env[k]}`),
    user: `${spec.user.uid}:${spec.user.gid}`,
    readOnly: spec.security.readOnlyRootFilesystem,
    privileged: false,
    capabilities: { drops: ["ALL"], ...(spec.security.capAdd.length ? { adds: [...spec.security.capAdd] } : {}) },
    securityOpts: ["no-new-privileges:true"],
    init: spec.security.init,
    // Its own cgroup namespace (the default on cgroup v2 engines, not on v1): RULES.md SS023.
    cgroupnsMode: "private",
    tmpfs: Object.fromEntries(spec.tmpfs.map((t) => [t.mountPath, tmpfsOptions(t)])),
    mounts,
    ...(res.memoryBytes !== undefined ? { memory: memoryMiB(res.memoryBytes), memorySwap: memoryMiB(res.memoryBytes) } : {}),
    ...(res.cpus !== undefined ? { cpus: String(res.cpus) } : {}),
    // @pulumi/docker has no pidsLimit input (the Engine's HostConfig.PidsLimit): the nearest real
    // control is RLIMIT_NPROC, which the kernel counts per UID, so it is per service only when
    // each service has its own UID (defineStack warns when they share one).
    ...(res.pids !== undefined ? { ulimits: [{ name: "nproc", soft: res.pids, hard: res.pids }] } : {}),
    ...(spec.healthcheck ? { healthcheck: healthcheckArgs(spec), wait: true, waitTimeout: healthyWithinSeconds(spec) } : {}),
    restart: spec.restart.policy,
    ...(spec.restart.maxRetries !== undefined ? { maxRetryCount: spec.restart.maxRetries } : {}),
    logDriver: spec.logging.driver,
    logOpts: { "max-size": dockerLogSize(spec.logging.maxSizeBytes), "max-file": String(spec.logging.maxFiles) },
    ports: spec.ports
      .filter((p) => p.published !== undefined)
      .map((p) => ({ internal: p.container, external: p.published, ip: p.hostIp, protocol: p.protocol })),
    networksAdvanced: ctx.networks.map((name) => ({ name, aliases: [spec.name] })),
    ...(gpus ? { deviceRequests: [{ driver: gpus.driver, count: gpus.count === "all" ? -1 : gpus.count, capabilities: [...gpus.capabilities] }] } : {}),
    labels: labelList({ ...spec.labels, ...baseLabels(ctx.stack, spec.name), ...relaxationLabels(spec) }),
    destroyGraceSeconds: 10,
    mustRun: true,
  };
  // Escape hatch: raw provider args win, and the policy pack still checks the result.
  return { ...args, ...(spec.raw.docker as Partial<docker.ContainerArgs> | undefined) };
}
