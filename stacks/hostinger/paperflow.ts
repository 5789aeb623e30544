/** Paperflow: document intake API (port 8000) with its data and a read-only import drop. */
import type { ServiceInput } from "../../sdk/spec";
import { hostDirectory, imageOf, ServiceContext } from "../types";

export function paperflow(ctx: ServiceContext): ServiceInput {
  return {
    name: "paperflow",
    image: imageOf(ctx, "paperflow"),
    user: "10006:10006",
    env: { PAPERFLOW_DATA_DIR: "/data", PAPERFLOW_IMPORT_DIR: "/import", PAPERFLOW_PORT: "8000" },
    secrets: [{ name: "paperflow_secret_key", configKey: "paperflowSecretKey", fileEnv: "PAPERFLOW_SECRET_KEY_FILE" }],
    ports: [{ name: "http", container: 8000, published: 8000 }],
    healthcheck: { http: { path: "/health", port: 8000 }, probe: "python" },
    resources: { memory: "1Gi", cpus: 1, pids: 256, requests: { memory: "512Mi", cpus: 0.25 } },
    volumes: [
      { kind: "data", name: "paperflow-data", mountPath: "/data", size: "10Gi" },
      // Scanners drop files into /srv/paperflow/import on the host; paperflow only reads them.
      hostDirectory(ctx, { hostPath: "/srv/paperflow/import", claim: "paperflow-import", mountPath: "/import", size: "5Gi" }),
    ],
  };
}
