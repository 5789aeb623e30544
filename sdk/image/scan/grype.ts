import { ScanReport, Severity, Vulnerability } from "./types";

/** The parts of Grype's JSON report (`grype <image> -o json`) the gate reads. */
interface GrypeJson {
  matches?: {
    vulnerability: { id: string; severity?: string; description?: string; fix?: { versions?: string[]; state?: string } };
    relatedVulnerabilities?: { id: string }[];
    artifact: { name: string; version: string; type?: string; locations?: { path: string }[] };
  }[];
  source?: { type?: string; target?: { userInput?: string } | string };
  descriptor?: { name?: string };
}

/** Grype's severities: Negligible maps to LOW. */
const MAP: Record<string, Severity> = { negligible: "LOW", low: "LOW", medium: "MEDIUM", high: "HIGH", critical: "CRITICAL", unknown: "UNKNOWN" };

/** Parse `grype <image> -o json` output; throws with the reason on anything else. */
export function parseGrype(text: string): ScanReport {
  let doc: GrypeJson;
  try {
    doc = JSON.parse(text) as GrypeJson;
  } catch (e) {
    throw new Error(`grype output is not JSON (${(e as Error).message}); run grype with -o json and --quiet so nothing else is printed on stdout`);
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray(doc.matches)) {
    throw new Error('grype output has no "matches" array; run grype with -o json');
  }
  const vulns: Vulnerability[] = doc.matches.map((m) => {
    const fixed = m.vulnerability.fix?.state === "fixed" ? m.vulnerability.fix.versions?.[0] : undefined;
    return {
      id: m.vulnerability.id,
      aliases: [...new Set((m.relatedVulnerabilities ?? []).map((r) => r.id).filter((id) => id !== m.vulnerability.id))],
      severity: MAP[(m.vulnerability.severity ?? "unknown").toLowerCase()] ?? "UNKNOWN",
      pkg: m.artifact.name,
      installed: m.artifact.version,
      fixed,
      target: m.artifact.locations?.[0]?.path ?? m.artifact.type ?? "",
      title: m.vulnerability.description?.split("\n")[0],
    };
  });
  const t = doc.source?.target;
  return { scanner: "grype", artifact: typeof t === "string" ? t : t?.userInput ?? "", vulnerabilities: vulns };
}
