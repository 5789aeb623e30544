/**
 * The benchmark's 200-service stack: a realistic mix (a quarter with secrets, a third with
 * data volumes, some model volumes, published ports, egress, dependency chains), one UID each.
 */
import type { ServiceInput } from "../../sdk/spec";

export const BENCH_STACK = "bench";

export function benchServices(n = 200): ServiceInput[] {
  const name = (i: number) => `svc-${String(i).padStart(3, "0")}`;
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const svc: ServiceInput = {
      name: name(i),
      image: `registry.example.com/bench/${name(i)}:1.${i % 10}.0@sha256:${i.toString(16).padStart(64, "0")}`,
      user: `${10000 + i}:${10000 + i}`,
      env: { SERVICE: name(i), LOG_LEVEL: "info", PORT: "8080" },
      ports: i % 5 === 0 ? [{ container: 8080, published: 20000 + i }] : [8080],
      healthcheck: i % 7 === 0 ? { cmd: ["/app/healthcheck"] } : { http: { path: "/health", port: 8080 } },
      resources: { memory: `${128 * (1 + (i % 4))}Mi`, cpus: 0.25 * (1 + (i % 4)), pids: 128 },
      volumes: [
        ...(i % 3 === 0 ? [{ kind: "data" as const, name: `${name(i)}-data`, mountPath: "/data", size: "1Gi" }] : []),
        ...(i % 20 === 0 ? [{ kind: "models" as const, name: "shared-models", mountPath: "/models" }] : []),
        { kind: "scratch" as const, mountPath: "/cache", size: "128Mi" },
      ],
      ...(i % 4 === 0 ? { secrets: [{ name: "api_token", configKey: `token${i}`, fileEnv: "API_TOKEN_FILE" }] } : {}),
      ...(i % 10 !== 1 ? { dependsOn: [name(i - 1)] } : {}),
      ...(i % 8 === 0 ? { relax: { egress: "calls a third-party API over HTTPS" } } : {}),
    };
    return svc;
  });
}

/** Secret values by service, then secret name (what the config store would hold). */
export function benchSecretValues(services: readonly ServiceInput[]): Record<string, Record<string, string>> {
  return Object.fromEntries(services.filter((s) => s.secrets?.length).map((s) => [s.name, Object.fromEntries(s.secrets!.map((x) => [x.name, `bench-secret-${s.name}`]))]));
}
