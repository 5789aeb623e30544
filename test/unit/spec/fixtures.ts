import type { ServiceInput } from "../../../sdk";

/** A valid, realistic service; negative tests change one field of it. */
export function goodService(): ServiceInput {
  return {
    name: "api",
    image: "registry.example.com/team/api:1.4.2",
    command: ["serve"],
    env: { LOG_LEVEL: "info" },
    secrets: [{ name: "db_password", fileEnv: "DB_PASSWORD_FILE" }],
    ports: [{ container: 8080, published: 8080 }],
    healthcheck: { http: { path: "/health", port: 8080 } },
    volumes: [
      { kind: "data", name: "api-data", mountPath: "/data" },
      { kind: "models", name: "models", mountPath: "/models" },
      { kind: "scratch", mountPath: "/cache", size: "128Mi" },
    ],
  };
}
