/** The local-ai-mcp server: a Node MCP server that local clients reach on 127.0.0.1:8080. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function localAiMcp(ctx: ServiceContext): ServiceInput {
  return {
    name: "local-ai-mcp",
    image: imageOf(ctx, "local-ai-mcp"),
    user: "10001:10001",
    env: { NODE_ENV: "production", PORT: "8080", LOG_LEVEL: "info" },
    // Clients authenticate with the shared MCP secret; the server reads it from the file.
    secrets: [{ name: "mcp_secret", configKey: "mcpSecret", fileEnv: "MCP_SECRET_FILE" }],
    ports: [{ name: "http", container: 8080, published: 8080 }],
    // The image has Node but no wget/curl: probe with node's fetch.
    healthcheck: { http: { path: "/health", port: 8080 }, probe: "node", interval: "15s", startPeriod: "10s" },
    resources: { memory: "256Mi", cpus: 0.5, pids: 128, requests: { memory: "128Mi", cpus: 0.1 } },
    // Read-only root, all capabilities dropped, no-new-privileges: the SDK's defaults, not relaxed.
  };
}
