/** Realistic stacks the Kubernetes tests render. */
import type { ServiceInput, StackInput } from "../../../sdk/spec";

export const DIGEST = "sha256:" + "a".repeat(64);

/** An AI model server: read-only models volume, one GPU, a slow start, two replicas. */
export const modelServer: ServiceInput = {
  name: "model-server",
  image: `registry.example.com/ml/vllm:0.6.3@${DIGEST}`,
  command: ["--model", "/models/llama", "--port", "8000"],
  ports: [{ name: "http", container: 8000 }],
  healthcheck: { http: { path: "/health", port: 8000 }, interval: "15s", timeout: "5s", retries: 3, startPeriod: "10m" },
  resources: { memory: "24Gi", cpus: 4, ephemeralStorage: "8Gi", requests: { memory: "16Gi", cpus: 2 } },
  volumes: [
    { kind: "models", name: "models", mountPath: "/models", size: "200Gi" },
    { kind: "scratch", mountPath: "/cache", size: "2Gi" },
  ],
  gpus: { count: 1 },
  user: "10010:10010",
  replicas: 2,
  labels: { "com.example.team": "ml" },
};

export const gateway: ServiceInput = {
  name: "gateway",
  image: `registry.example.com/ml/gateway:2.1.0@${DIGEST}`,
  ports: [{ name: "http", container: 8080, published: 8080 }],
  healthcheck: { http: { path: "/healthz", port: 8080 } },
  dependsOn: ["model-server"],
  user: "10011:10011",
  replicas: 2,
};

export const aiStack: StackInput = { name: "ai", services: [modelServer, gateway] };

/** A web front, an API with a secret and a data volume, and a worker. */
export const web: ServiceInput = {
  name: "web",
  image: `registry.example.com/shop/web:3.4.1@${DIGEST}`,
  ports: [{ name: "http", container: 8080, published: 8080 }],
  healthcheck: { http: { path: "/", port: 8080 } },
  dependsOn: ["api"],
  networks: ["front"],
  user: "10020:10020",
  replicas: 3,
};

export const api: ServiceInput = {
  name: "api",
  image: `registry.example.com/shop/api:1.9.0@${DIGEST}`,
  env: { LOG_LEVEL: "info", DATA_DIR: "/var/lib/api" },
  secrets: [{ name: "db_password", configKey: "dbPassword", fileEnv: "DB_PASSWORD_FILE" }],
  ports: [{ name: "http", container: 9000 }, { container: 9090, protocol: "udp" }],
  healthcheck: { tcp: { port: 9000 }, startPeriod: "30s" },
  volumes: [{ kind: "data", name: "api-data", mountPath: "/var/lib/api", size: "20Gi" }],
  networks: ["back"],
  user: "10021:10021",
  capAdd: ["NET_BIND_SERVICE"],
  relax: { addedCapabilities: "binds port 80 for the legacy health endpoint", egress: "calls the payment provider's public API" },
};

export const worker: ServiceInput = {
  name: "worker",
  image: `registry.example.com/shop/worker:1.9.0@${DIGEST}`,
  command: ["worker", "--queue", "default"],
  healthcheck: { cmd: ["/app/healthcheck"], interval: "1m", timeout: "10s" },
  volumes: [{ kind: "data", name: "api-data", mountPath: "/data", readOnly: true }],
  networks: ["back"],
  dependsOn: ["api"],
  user: "10022:10022",
  init: false,
};

export const shopStack: StackInput = { name: "shop", services: [web, api, worker] };
