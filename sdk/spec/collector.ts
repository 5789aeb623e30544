/** Gathers the problems, advisory findings and used relaxations of one normalization. */
import { finding, Finding } from "../rules";
import { formatPath, SpecIssue } from "./errors";
import type { RelaxationKey } from "./schema";

export class Collector {
  readonly issues: SpecIssue[] = [];
  readonly warnings: Finding[] = [];
  readonly used = new Set<RelaxationKey>();
  constructor(private readonly relax: Partial<Record<RelaxationKey, string>>) {}
  error(path: (string | number)[], message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }
  warn(ruleKey: string, path: (string | number)[], message: string, fix?: string): void {
    this.warnings.push(finding(ruleKey, formatPath(path), message, fix));
  }
  /** A weakening is allowed only with its relax entry; record that it was used. */
  needs(key: RelaxationKey, path: (string | number)[], what: string, fix: string): boolean {
    if (this.relax[key]) {
      this.used.add(key);
      return true;
    }
    this.error(path, `${what}. ${fix}, or set relax.${key} to the reason this service needs it.`);
    return false;
  }
}
