/**
 * fast-check arbitraries for valid ServiceInputs that Kubernetes can express (no bind
 * mounts, numeric GPU counts, at most one writer pod per data volume), and stacks of them.
 */
import fc from "fast-check";
import type { ServiceInput, StackInput } from "../../../sdk/spec";

const MOUNTS = ["/data", "/models", "/cache", "/var/lib/app", "/work", "/srv/state"];
const PORT_NAMES = ["http", "grpc", "metrics", "admin", "web"];
const SECRET_NAMES = ["db_password", "api-token", "tls.key", "signing"];
const ENV_KEYS = ["LOG_LEVEL", "PORT", "MODE", "REGION", "WORKERS"];

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,8})?$/);
const quantity = (options: string[]) => fc.constantFrom(...options);

const healthcheck = fc.oneof(
  fc.record({ http: fc.record({ path: fc.constantFrom("/health", "/healthz", "/"), port: fc.integer({ min: 1024, max: 9999 }) }) }),
  fc.record({ tcp: fc.record({ port: fc.integer({ min: 1, max: 65535 }) }) }),
  fc.record({ cmd: fc.constant(["/app/healthcheck", "--quiet"]) }),
).chain((h) =>
  fc.record(
    { interval: fc.constantFrom("2500ms", "10s", "30s", "1m"), timeout: fc.constantFrom("1s", "2s"), retries: fc.integer({ min: 1, max: 10 }), startPeriod: fc.constantFrom("0s", "10s", "5m", "2500ms") },
    { requiredKeys: ["timeout"] },
  ).map((timing) => ({ ...h, ...timing })),
);

/** One service; `index` keeps volume names and host ports unique across a stack. */
export function serviceArb(index: number, earlier: readonly string[]): fc.Arbitrary<ServiceInput> {
  return fc
    .record({
      name,
      tag: fc.integer({ min: 0, max: 99 }),
      uid: fc.integer({ min: 10000, max: 65000 }),
      gidDelta: fc.integer({ min: 0, max: 5 }),
      ports: fc.uniqueArray(fc.record({ container: fc.integer({ min: 1, max: 65535 }), named: fc.boolean(), published: fc.boolean(), udp: fc.boolean() }), { maxLength: 3, selector: (p) => p.container }),
      healthcheck,
      memory: quantity(["64Mi", "512Mi", "1Gi", "3Gi"]),
      cpus: fc.integer({ min: 1, max: 80 }).map((n) => n * 0.05),
      ephemeral: quantity(["256Mi", "1Gi", "4Gi"]),
      mounts: fc.shuffledSubarray(MOUNTS, { maxLength: 4 }),
      kinds: fc.array(fc.constantFrom("scratch", "data", "models", "data-ro"), { minLength: 4, maxLength: 4 }),
      secrets: fc.uniqueArray(fc.record({ name: fc.constantFrom(...SECRET_NAMES), file: fc.boolean() }), { maxLength: 3, selector: (s) => s.name }),
      env: fc.dictionary(fc.constantFrom(...ENV_KEYS), fc.stringMatching(/^[a-z0-9.-]{0,12}$/), { maxKeys: 3 }),
      netBind: fc.boolean(),
      writable: fc.boolean(),
      replicas: fc.integer({ min: 1, max: 4 }),
      gpu: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      egress: fc.boolean(),
      init: fc.boolean(),
      networks: fc.subarray(["default", "back", "front"], { minLength: 1 }),
      labels: fc.subarray(["com.example.team", "example.com/owner"]),
      command: fc.option(fc.array(fc.constantFrom("serve", "--port", "8080", "-v"), { maxLength: 4 }), { nil: undefined }),
      dependsOn: fc.subarray([...earlier]),
    })
    .map((r) => {
      const volumes = r.mounts.map((mountPath, i) => {
        const kind = r.kinds[i];
        const volName = `s${index}-v${i}`;
        if (kind === "scratch") return { kind: "scratch" as const, mountPath, size: "128Mi" };
        if (kind === "models") return { kind: "models" as const, name: volName, mountPath, size: "50Gi" };
        return { kind: "data" as const, name: volName, mountPath, size: "5Gi", ...(kind === "data-ro" ? { readOnly: true } : {}) };
      });
      const writesData = volumes.some((v) => v.kind === "data" && !("readOnly" in v));
      const relax: Record<string, string> = {};
      if (r.netBind) relax.addedCapabilities = "binds port 443 inside the pod";
      if (r.writable) relax.writableRootFilesystem = "legacy app writes next to its binary";
      if (r.egress) relax.egress = "calls an external API on the internet";
      const svcName = `${r.name}-${index}`.slice(0, 40);
      const input: ServiceInput = {
        name: svcName,
        image: `registry.example.com/team/${r.name}:1.${r.tag}.0`,
        user: `${r.uid}:${r.uid + r.gidDelta}`,
        ports: r.ports.map((p, j) => ({
          container: p.container,
          ...(p.named ? { name: `${PORT_NAMES[j]}` } : {}),
          ...(p.published ? { published: 20000 + index * 10 + j } : {}),
          ...(p.udp ? { protocol: "udp" as const } : {}),
        })),
        healthcheck: r.healthcheck as ServiceInput["healthcheck"],
        resources: { memory: r.memory, cpus: Number(r.cpus.toFixed(2)), ephemeralStorage: r.ephemeral },
        volumes,
        secrets: r.secrets.map((s) => ({ name: s.name, ...(s.file ? { fileEnv: `${s.name.replace(/[^a-z]/g, "_").toUpperCase()}_FILE` } : {}) })),
        env: r.env,
        ...(r.netBind ? { capAdd: ["NET_BIND_SERVICE"] } : {}),
        ...(r.writable ? { readOnlyRootFilesystem: false } : {}),
        replicas: writesData ? 1 : r.replicas,
        ...(r.gpu ? { gpus: { count: r.gpu } } : {}),
        init: r.init,
        networks: r.networks,
        labels: Object.fromEntries(r.labels.map((k) => [k, "x"])),
        ...(r.command ? { command: r.command } : {}),
        dependsOn: r.dependsOn,
        ...(Object.keys(relax).length ? { relax } : {}),
      };
      return input;
    });
}

/** A stack of 1–3 services with unique names; later services may depend on earlier ones. */
export const stackArb: fc.Arbitrary<StackInput> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => {
    let arb: fc.Arbitrary<ServiceInput[]> = fc.constant([]);
    for (let i = 0; i < n; i++) arb = arb.chain((prev) => serviceArb(i, prev.map((s) => s.name)).map((s) => [...prev, s]));
    return arb;
  })
  .map((services) => ({ name: "prop", services }));
