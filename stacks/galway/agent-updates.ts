/** The agent-updates collector: agents post updates over HTTP (8080); Prometheus scrapes 9090. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function agentUpdates(ctx: ServiceContext): ServiceInput {
  return {
    name: "agent-updates",
    image: imageOf(ctx, "agent-updates"),
    user: "10002:10002",
    env: { LISTEN_ADDR: ":8080", METRICS_ADDR: ":9090", DATABASE_PATH: "/var/lib/agent-updates/updates.sqlite", SQLITE_JOURNAL_MODE: "WAL" },
    // Agents sign their posts with this token.
    secrets: [{ name: "ingest_token", configKey: "agentIngestToken", fileEnv: "INGEST_TOKEN_FILE" }],
    ports: [
      { name: "http", container: 8080, published: 18080 },
      // Metrics stay on the stack's internal network.
      { name: "metrics", container: 9090 },
    ],
    healthcheck: { http: { path: "/healthz", port: 8080 }, probe: "busybox", interval: "15s" },
    resources: { memory: "256Mi", cpus: 0.5, pids: 128, requests: { memory: "64Mi", cpus: 0.05 } },
    volumes: [{ kind: "data", name: "agent-updates-data", mountPath: "/var/lib/agent-updates", size: "2Gi" }],
  };
}
