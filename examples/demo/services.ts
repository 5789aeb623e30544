/**
 * The demo's services: the local-ai stack's own service definition (stacks/local-ai) plus a
 * notes API with a data volume, both built locally from the Shipshape recipes.
 */
import type { ServiceInput } from "../../sdk";
import { localAiMcp } from "../../stacks/local-ai/local-ai-mcp";

export const DEMO_PROJECT = "shipshape-demo";
export const NAIVE_PROJECT = "shipshape-demo-naive";

export const IMAGES = { "local-ai-mcp": "shipshape-demo/local-ai-mcp:1.3.0", "notes-api": "shipshape-demo/notes-api:0.4.0" } as const;

export function demoServices(): ServiceInput[] {
  return [
    localAiMcp({ images: { ...IMAGES }, target: "docker" }),
    {
      name: "notes-api",
      image: IMAGES["notes-api"],
      user: "10002:10002",
      env: { PORT: "8000", DATA_DIR: "/data" },
      ports: [{ container: 8000, published: 8000 }],
      volumes: [{ kind: "data", name: "notes-data", mountPath: "/data" }],
      healthcheck: { http: { path: "/health", port: 8000 }, probe: "python", interval: "10s", startPeriod: "5s" },
      resources: { memory: "128Mi", cpus: 0.5, pids: 64 },
      dependsOn: ["local-ai-mcp"],
    },
  ];
}

/** The same services as people often run them: root, no limits, no healthcheck, 0.0.0.0, secret in env. */
export function naiveCompose(secret: string): string {
  return `services:
  local-ai-mcp:
    image: ${IMAGES["local-ai-mcp"]}
    user: "0:0"
    environment:
      MCP_SECRET: "${secret}"
    ports: ["28080:8080"]
    healthcheck: { disable: true }
    restart: always
  notes-api:
    image: ${IMAGES["notes-api"]}
    user: "0:0"
    environment: { PORT: "8000", DATA_DIR: /data }
    volumes: ["notes:/data"]
    ports: ["28000:8000"]
    healthcheck: { disable: true }
    restart: always
volumes:
  notes: {}
`;
}
