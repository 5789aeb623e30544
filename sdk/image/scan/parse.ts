import { parseGrype } from "./grype";
import { parseTrivy } from "./trivy";
import type { ScannerName, ScanReport } from "./types";

/** Parse a scanner's JSON output. */
export function parseScan(scanner: ScannerName, text: string): ScanReport {
  return scanner === "trivy" ? parseTrivy(text) : parseGrype(text);
}
