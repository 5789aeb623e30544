/** The three-service stack both conformance paths deploy: a web front, an API, a worker. */
import type { ServiceInput } from "../../../sdk";

export const TESTSVC = process.env.SHIPSHAPE_TESTSVC_IMAGE ?? "shipshape/testsvc:1";
export const SECRET_VALUE = "conformance-Secret-9f2c41";

const http = { http: { path: "/health", port: 8080 }, probe: "busybox" as const, interval: "2s", timeout: "2s", retries: 10, startPeriod: "1s" };

export function threeServices(webPort: number): ServiceInput[] {
  return [
    {
      name: "web",
      image: TESTSVC,
      command: ["web"],
      user: "10002:10002",
      ports: [{ container: 8080, published: webPort }],
      healthcheck: http,
      resources: { memory: "64Mi", cpus: 0.5, pids: 64 },
      dependsOn: ["api"],
    },
    {
      name: "api",
      image: TESTSVC,
      command: ["api"],
      // The image's /data belongs to 10001, and a fresh named volume takes that ownership.
      user: "10001:10001",
      ports: [8080],
      secrets: [{ name: "api_token", configKey: "apiToken", fileEnv: "API_TOKEN_FILE" }],
      volumes: [{ kind: "data", name: "api-data", mountPath: "/data" }],
      healthcheck: http,
      resources: { memory: "64Mi", cpus: 0.5, pids: 64 },
    },
    {
      name: "worker",
      image: TESTSVC,
      command: ["worker"],
      user: "10003:10003",
      healthcheck: { cmd: ["test", "-f", "/tmp/alive"], interval: "2s", timeout: "2s", retries: 10, startPeriod: "1s" },
      resources: { memory: "64Mi", cpus: 0.5, pids: 64 },
      dependsOn: ["api"],
    },
  ];
}
