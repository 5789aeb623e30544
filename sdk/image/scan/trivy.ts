import { SEVERITIES, ScanReport, Severity, Vulnerability } from "./types";

/** The parts of Trivy's JSON report (`trivy image --format json`, SchemaVersion 2) the gate reads. */
interface TrivyJson {
  SchemaVersion?: number;
  ArtifactName?: string;
  Results?: {
    Target?: string;
    Class?: string;
    Type?: string;
    Vulnerabilities?: {
      VulnerabilityID: string;
      PkgName: string;
      InstalledVersion: string;
      FixedVersion?: string;
      Severity?: string;
      Title?: string;
    }[];
  }[];
}

/** Parse `trivy image --format json` output (SchemaVersion 2); throws with the reason on anything else. */
export function parseTrivy(text: string): ScanReport {
  let doc: TrivyJson;
  try {
    doc = JSON.parse(text) as TrivyJson;
  } catch (e) {
    throw new Error(`trivy output is not JSON (${(e as Error).message}); run trivy with --format json and --quiet so nothing else is printed on stdout`);
  }
  if (typeof doc !== "object" || doc === null || doc.SchemaVersion !== 2) {
    throw new Error(`trivy output has SchemaVersion ${JSON.stringify((doc as TrivyJson | null)?.SchemaVersion)}, expected 2 (Trivy >= 0.20 with --format json)`);
  }
  const vulns: Vulnerability[] = [];
  for (const r of doc.Results ?? []) {
    for (const v of r.Vulnerabilities ?? []) {
      vulns.push({
        id: v.VulnerabilityID,
        aliases: [],
        severity: toSeverity(v.Severity),
        pkg: v.PkgName,
        installed: v.InstalledVersion,
        fixed: v.FixedVersion || undefined,
        target: r.Target ?? r.Type ?? "",
        title: v.Title,
      });
    }
  }
  return { scanner: "trivy", artifact: doc.ArtifactName ?? "", vulnerabilities: vulns };
}

function toSeverity(s: string | undefined): Severity {
  const up = (s ?? "UNKNOWN").toUpperCase();
  return (SEVERITIES as readonly string[]).includes(up) ? (up as Severity) : "UNKNOWN";
}
