/** Severities in increasing order; scanner-specific names are mapped onto these. */
export const SEVERITIES = ["UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** One vulnerable package in an image, in the same shape whichever scanner found it. */
export interface Vulnerability {
  /** CVE-… or GHSA-… as the scanner reports it. */
  readonly id: string;
  /** Other ids of the same vulnerability (Grype's related CVEs of a GHSA). */
  readonly aliases: readonly string[];
  readonly severity: Severity;
  readonly pkg: string;
  readonly installed: string;
  /** Version that fixes it; undefined when there is no fix yet. */
  readonly fixed?: string;
  /** Where it was found: "debian 12.5", "Python", "/app/node_modules/…". */
  readonly target: string;
  readonly title?: string;
}

export type ScannerName = "trivy" | "grype";

/** A parsed scanner report. */
export interface ScanReport {
  readonly scanner: ScannerName;
  /** The scanned artifact as the scanner names it (should be the pushed digest). */
  readonly artifact: string;
  readonly vulnerabilities: readonly Vulnerability[];
}
