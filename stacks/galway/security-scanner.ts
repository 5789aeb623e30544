/**
 * The security scanner: a one-shot job that scans the source tree (read-only) against an
 * offline vulnerability database and writes its reports to the results volume.
 */
import type { ServiceInput } from "../../sdk/spec";
import { hostDirectory, imageOf, ServiceContext } from "../types";

export function securityScanner(ctx: ServiceContext): ServiceInput {
  return {
    name: "security-scanner",
    image: imageOf(ctx, "security-scanner"),
    user: "10001:10001",
    command: ["scan", "--source", "/src", "--db", "/vulndb", "--out", "/results", "--format", "sarif,json", "--fail-on", "critical"],
    env: { SCANNER_OFFLINE: "1", SCANNER_CACHE_DIR: "/tmp/scanner-cache" },
    volumes: [
      // The code under review: never writable by the scanner.
      hostDirectory(ctx, { hostPath: "/srv/galway/src", claim: "scan-source", mountPath: "/src", size: "10Gi" }),
      // Vulnerability database refreshed by the team's update pipeline, so the job needs no egress.
      { kind: "models", name: "vulndb", mountPath: "/vulndb", size: "5Gi" },
      { kind: "data", name: "scan-results", mountPath: "/results", size: "5Gi" },
      { kind: "scratch", mountPath: "/tmp", size: "1Gi" },
    ],
    resources: { memory: "2Gi", cpus: 1, pids: 256, requests: { memory: "512Mi", cpus: 0.25 } },
    // A job: it runs once and exits; on failure it retries a bounded number of times.
    restart: { policy: "on-failure", maxRetries: 3 },
    relax: { noHealthcheck: "one-shot job that exits when the scan is done; its exit code (and the SARIF report) is the health signal" },
    // The Docker provider would re-create an exited container on every `pulumi up` with mustRun.
    raw: { docker: { mustRun: false } },
  };
}
