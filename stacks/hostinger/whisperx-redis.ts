/** The Redis queue between the WhisperX API and its worker (redis-cli ping as healthcheck). */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function whisperxRedis(ctx: ServiceContext): ServiceInput {
  return {
    name: "whisperx-redis",
    image: imageOf(ctx, "whisperx-redis"),
    user: "10005:10005",
    // Append-only persistence; never evict queued jobs (a full queue fails loudly instead).
    command: ["redis-server", "--appendonly", "yes", "--dir", "/data", "--maxmemory", "512mb", "--maxmemory-policy", "noeviction", "--protected-mode", "no"],
    ports: [{ name: "redis", container: 6379 }],
    healthcheck: { cmd: ["redis-cli", "ping"], interval: "10s", timeout: "3s", startPeriod: "5s" },
    resources: { memory: "768Mi", cpus: 0.5, pids: 128, requests: { memory: "256Mi", cpus: 0.1 } },
    volumes: [{ kind: "data", name: "whisperx-redis-data", mountPath: "/data", size: "2Gi" }],
  };
}
