import { finding } from "../../../sdk/rules";
import { compareFindings, overallScore, scoreFindings, SEVERITY_WEIGHTS } from "../../../sdk/audit/score";

describe("audit score", () => {
  it("is 100 with no findings and loses a rule's weight from a clean subject", () => {
    expect(scoreFindings([])).toBe(100);
    expect(scoreFindings([finding("SS003", "x", "privileged")])).toBe(100 - SEVERITY_WEIGHTS.critical);
    expect(scoreFindings([finding("SS001", "x", "root")])).toBe(85);
    expect(scoreFindings([finding("SS011", "x", "writable")])).toBe(92);
    expect(scoreFindings([finding("SS033", "x", "always")])).toBe(97);
  });

  it("compounds: each further rule takes its weight as a share of what is left", () => {
    // 100 × 0.75 × 0.85 = 63.75
    expect(scoreFindings([finding("SS003", "x", "a"), finding("SS001", "x", "b")])).toBe(64);
  });

  it("counts a rule once per subject however often it is broken", () => {
    const three = ["80", "443", "8080"].map((p) => finding("SS024", "x", `port ${p} on 0.0.0.0`));
    expect(scoreFindings(three)).toBe(scoreFindings(three.slice(0, 1)));
  });

  it("never drops below 0 and still tells a default container from a privileged one", () => {
    const defaults = ["SS001", "SS004", "SS005", "SS028", "SS011", "SS029", "SS030", "SS027", "SS032", "SS031", "SS040"].map((id) => finding(id, "x", "m"));
    const worse = [...defaults, ...["SS003", "SS019", "SS013"].map((id) => finding(id, "x", "m"))];
    const a = scoreFindings(defaults);
    const b = scoreFindings(worse);
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(a).toBe(32);
    expect(b).toBe(14);
  });

  it("averages subjects for the overall score (100 for none)", () => {
    expect(overallScore([])).toBe(100);
    expect(overallScore([100, 0, 51])).toBe(50);
  });

  it("orders findings critical first, then by rule id", () => {
    const fs = [finding("SS033", "x", "m"), finding("SS003", "x", "m"), finding("SS001", "x", "m"), finding("SS019", "x", "m")];
    expect([...fs].sort(compareFindings).map((f) => f.ruleId)).toEqual(["SS003", "SS019", "SS001", "SS033"]);
  });
});
