/**
 * Replay the @pulumi/docker resources a program registered (captured under mocks) against a
 * real Engine, the way the provider does it: networks and volumes, then per container in
 * registration order (dependencies first) create, disconnect the default bridge and connect
 * its networks, upload files (a tar extracted at "/"), start, and wait until healthy.
 * Every input the components set is thereby exercised by a real daemon.
 */
import Docker from "dockerode";
import type { CapturedResource } from "../support/capture";

export interface Replayed {
  readonly containers: Record<string, string>;
  readonly networks: string[];
  readonly volumes: string[];
}

const labels = (list?: { label: string; value: string }[]) => Object.fromEntries((list ?? []).map((l) => [l.label, l.value]));

function durationNs(d?: string): number | undefined {
  if (!d) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d);
  if (!m) throw new Error(`replay: cannot parse duration ${d}`);
  const mult = { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }[m[2] as "ms" | "s" | "m" | "h"];
  return Math.round(Number(m[1]) * mult);
}

/** Tar with one file per upload, headers carrying owner, group and mode like the provider's. */
export function uploadsTar(uploads: { file: string; content: string; owner?: string; group?: string; permissions?: string; executable?: boolean }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const u of uploads) {
    const body = Buffer.from(u.content, "utf8");
    const h = Buffer.alloc(512, 0);
    const name = u.file.replace(/^\/+/, "");
    if (name.length > 99) throw new Error(`replay: upload path too long: ${u.file}`);
    h.write(name, 0, "utf8");
    const mode = u.permissions ? parseInt(u.permissions, 8) : u.executable ? 0o744 : 0o644;
    const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, "0") + "\0";
    h.write(oct(mode, 8), 100);
    h.write(oct(Number(u.owner ?? 0), 8), 108);
    h.write(oct(Number(u.group ?? 0), 8), 116);
    h.write(oct(body.length, 12), 124);
    h.write(oct(Math.floor(Date.now() / 1000), 12), 136);
    h.write("        ", 148);
    h.write("0", 156);
    h.write("ustar\0", 257);
    h.write("00", 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512, 0));
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}

/** Engine API create body for a Container's inputs (the provider's mapping). */
export function createBody(i: Record<string, any>): Docker.ContainerCreateOptions {
  const ports = (i.ports ?? []) as { internal: number; external?: number; ip?: string; protocol?: string }[];
  const key = (p: { internal: number; protocol?: string }) => `${p.internal}/${p.protocol ?? "tcp"}`;
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) (bindings[key(p)] ??= []).push({ HostIp: p.ip ?? "", HostPort: p.external ? String(p.external) : "" });
  const hc = i.healthcheck;
  return {
    name: i.name,
    Image: i.image,
    Cmd: i.command,
    Entrypoint: i.entrypoints,
    WorkingDir: i.workingDir,
    Env: i.envs,
    User: i.user,
    Labels: labels(i.labels),
    ExposedPorts: Object.fromEntries(ports.map((p) => [key(p), {}])),
    Healthcheck: hc ? { Test: hc.tests, Interval: durationNs(hc.interval), Timeout: durationNs(hc.timeout), Retries: hc.retries, StartPeriod: durationNs(hc.startPeriod) } : undefined,
    HostConfig: {
      Privileged: !!i.privileged,
      ReadonlyRootfs: !!i.readOnly,
      CapAdd: i.capabilities?.adds,
      CapDrop: i.capabilities?.drops,
      SecurityOpt: i.securityOpts,
      Init: !!i.init,
      Tmpfs: i.tmpfs,
      Mounts: (i.mounts ?? []).map((m: any) => ({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: !!m.readOnly,
        ...(m.bindOptions ? { BindOptions: { Propagation: m.bindOptions.propagation } } : {}),
      })),
      Memory: i.memory ? i.memory * 1024 * 1024 : undefined,
      MemorySwap: i.memorySwap ? (i.memorySwap > 0 ? i.memorySwap * 1024 * 1024 : i.memorySwap) : undefined,
      NanoCpus: i.cpus ? Math.round(Number(i.cpus) * 1e9) : undefined,
      Ulimits: (i.ulimits ?? []).map((u: any) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      RestartPolicy: { Name: i.restart ?? "no", MaximumRetryCount: i.maxRetryCount ?? 0 },
      LogConfig: { Type: i.logDriver ?? "json-file", Config: i.logOpts ?? {} },
      PortBindings: bindings,
      NetworkMode: i.networkMode,
      DeviceRequests: (i.deviceRequests ?? []).map((d: any) => ({ Driver: d.driver, Count: d.count, Capabilities: [d.capabilities ?? []] })),
      PidMode: i.pidMode,
      CgroupnsMode: i.cgroupnsMode,
      IpcMode: i.ipcMode,
    },
  } as Docker.ContainerCreateOptions;
}

export async function replay(docker: Docker, resources: readonly CapturedResource[], opts: { healthyTimeoutMs?: number } = {}): Promise<Replayed> {
  const out = { containers: {} as Record<string, string>, networks: [] as string[], volumes: [] as string[] };
  for (const r of resources.filter((x) => x.type === "docker:index/network:Network")) {
    const i = r.inputs;
    await docker.createNetwork({ Name: i.name, Driver: i.driver ?? "bridge", Internal: !!i.internal, Options: i.options ?? {}, Labels: labels(i.labels), CheckDuplicate: true });
    out.networks.push(i.name);
  }
  for (const r of resources.filter((x) => x.type === "docker:index/volume:Volume")) {
    await docker.createVolume({ Name: r.inputs.name, Labels: labels(r.inputs.labels) });
    out.volumes.push(r.inputs.name);
  }
  for (const r of resources.filter((x) => x.type === "docker:index/container:Container")) {
    const i = r.inputs;
    const c = await docker.createContainer(createBody(i));
    out.containers[i.name] = c.id;
    if (i.networksAdvanced?.length) {
      try {
        await docker.getNetwork("bridge").disconnect({ Container: c.id, Force: false });
      } catch (e) {
        if (!/is not connected/.test(String(e))) throw e;
      }
      for (const n of i.networksAdvanced) await docker.getNetwork(n.name).connect({ Container: c.id, EndpointConfig: { Aliases: n.aliases } });
    }
    if (i.uploads?.length) await c.putArchive(uploadsTar(i.uploads), { path: "/" });
    if (i.start === false) continue;
    await c.start();
    if (i.wait) await waitHealthy(docker, c.id, (i.waitTimeout ?? 60) * 1000, opts.healthyTimeoutMs);
  }
  return out;
}

async function waitHealthy(docker: Docker, id: string, providerTimeoutMs: number, cap?: number): Promise<void> {
  const deadline = Date.now() + Math.min(providerTimeoutMs, cap ?? Infinity);
  let last: any;
  while (Date.now() < deadline) {
    last = await docker.getContainer(id).inspect();
    if (last.State?.Health?.Status === "healthy") return;
    if (!last.State?.Running) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const log = last?.State?.Health?.Log?.slice(-1)[0]?.Output ?? "";
  throw new Error(`container ${last?.Name} not healthy (state ${last?.State?.Status}, health ${last?.State?.Health?.Status}): ${log}`);
}

/** Remove everything a replay created (containers first). */
export async function teardown(docker: Docker, r: Partial<Replayed>): Promise<void> {
  for (const id of Object.values(r.containers ?? {})) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  for (const v of r.volumes ?? []) await docker.getVolume(v).remove({ force: true }).catch(() => undefined);
  for (const n of r.networks ?? []) await docker.getNetwork(n).remove().catch(() => undefined);
}
