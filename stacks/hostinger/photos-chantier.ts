/** Construction-site photo gallery: uploads from the crews' phones, kept on a data volume. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function photosChantier(ctx: ServiceContext): ServiceInput {
  return {
    name: "photos-chantier",
    image: imageOf(ctx, "photos-chantier"),
    user: "10013:10013",
    env: { NODE_ENV: "production", PORT: "3000", PHOTOS_DIR: "/data/photos", THUMBS_DIR: "/data/thumbs", MAX_UPLOAD_MB: "25" },
    secrets: [{ name: "session_secret", configKey: "photosSessionSecret", fileEnv: "SESSION_SECRET_FILE" }],
    ports: [{ name: "http", container: 3000, published: 8300 }],
    healthcheck: { http: { path: "/health", port: 3000 }, probe: "node" },
    resources: { memory: "768Mi", cpus: 1, pids: 256, requests: { memory: "256Mi", cpus: 0.25 } },
    volumes: [
      { kind: "data", name: "photos-chantier-data", mountPath: "/data", size: "50Gi" },
      // Multipart uploads land here before they are resized into /data.
      { kind: "scratch", mountPath: "/tmp", size: "512Mi" },
    ],
  };
}
