import { shellLine } from "../util/shell";
import type { ScannerName } from "./types";

export interface ScanCommandOptions {
  /** Talk plain HTTP to the registry (a local 127.0.0.1 registry). @default false */
  readonly insecureRegistry?: boolean;
  /** Scanner timeout. @default "10m" */
  readonly timeout?: string;
}

/**
 * The command that scans a pushed image by digest and prints the JSON report on stdout (and
 * nothing else). The gate, not the scanner's exit code, decides; registry credentials come in
 * through the environment (TRIVY_USERNAME/TRIVY_PASSWORD, GRYPE_REGISTRY_AUTH_USERNAME/PASSWORD).
 */
export function scanCommand(scanner: ScannerName, ref: string, o: ScanCommandOptions = {}): string {
  if (!/@sha256:[a-f0-9]{64}$/.test(ref)) throw new Error(`scan: ${JSON.stringify(ref)} is not pinned by digest; scan the pushed repo@sha256:… so the gate judges exactly what will run`);
  if (scanner === "trivy") {
    return shellLine(["trivy", "image", "--quiet", "--format", "json", "--scanners", "vuln", "--timeout", o.timeout ?? "10m", ...(o.insecureRegistry ? ["--insecure"] : []), ref]);
  }
  const env = o.insecureRegistry ? "GRYPE_REGISTRY_INSECURE_USE_HTTP=true " : "";
  return `${env}${shellLine(["grype", `registry:${ref}`, "-o", "json", "--quiet"])}`;
}

/** Environment names for registry credentials, per scanner. */
export function scanAuthEnv(scanner: ScannerName): { username: string; password: string } {
  return scanner === "trivy" ? { username: "TRIVY_USERNAME", password: "TRIVY_PASSWORD" } : { username: "GRYPE_REGISTRY_AUTH_USERNAME", password: "GRYPE_REGISTRY_AUTH_PASSWORD" };
}
