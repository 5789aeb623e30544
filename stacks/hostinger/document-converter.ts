/**
 * LibreOffice conversions for rag-anything, split out so the office suite (large, with a long
 * CVE history) runs in its own container without egress, ports or data. Gotenberg wraps
 * LibreOffice in an HTTP API on port 3000.
 */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function documentConverter(ctx: ServiceContext): ServiceInput {
  return {
    name: "document-converter",
    image: imageOf(ctx, "document-converter"),
    user: "10002:10002",
    command: ["gotenberg", "--api-port=3000", "--chromium-disable-routes=true", "--libreoffice-restart-after=50"],
    // LibreOffice writes its profile under $HOME.
    env: { HOME: "/tmp" },
    ports: [{ name: "http", container: 3000 }],
    healthcheck: { http: { path: "/health", port: 3000 }, probe: "curl", startPeriod: "20s" },
    // soffice forks a process per conversion: more PIDs than the default.
    resources: { memory: "1Gi", cpus: 1, pids: 512, requests: { memory: "512Mi", cpus: 0.25 } },
    volumes: [{ kind: "scratch", mountPath: "/tmp", size: "1Gi" }],
  };
}
