/** n8n workflow automation (port 5678, /healthz). */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function n8n(ctx: ServiceContext): ServiceInput {
  return {
    name: "n8n",
    image: imageOf(ctx, "n8n"),
    user: "10007:10007",
    env: {
      N8N_PORT: "5678",
      N8N_PROTOCOL: "https",
      N8N_HOST: "n8n.hostinger.example.com",
      WEBHOOK_URL: "https://n8n.hostinger.example.com/",
      N8N_USER_FOLDER: "/home/node",
      N8N_DIAGNOSTICS_ENABLED: "false",
      N8N_PERSONALIZATION_ENABLED: "false",
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "true",
      GENERIC_TIMEZONE: "Europe/Paris",
    },
    // n8n reads any setting from a file named by <VAR>_FILE.
    secrets: [{ name: "n8n_encryption_key", configKey: "n8nEncryptionKey", fileEnv: "N8N_ENCRYPTION_KEY_FILE" }],
    ports: [{ name: "http", container: 5678, published: 5678 }],
    healthcheck: { http: { path: "/healthz", port: 5678 }, probe: "wget", startPeriod: "30s" },
    resources: { memory: "1Gi", cpus: 1, pids: 512, requests: { memory: "512Mi", cpus: 0.25 } },
    volumes: [{ kind: "data", name: "n8n-data", mountPath: "/home/node/.n8n", size: "5Gi" }],
    relax: { egress: "workflows call external APIs and webhooks (HTTPS) on the team's behalf" },
  };
}
