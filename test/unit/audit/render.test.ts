import { finding } from "../../../sdk/rules";
import { renderReport, summarize, overallScore, AuditReport, SubjectReport } from "../../../sdk/audit";

const subject = (name: string, kind: SubjectReport["kind"], score: number, ids: string[], facts: SubjectReport["facts"] = {}): SubjectReport => ({
  name,
  kind,
  source: kind === "container" ? "engine" : "compose.yml",
  score,
  findings: ids.map((id) => finding(id, name, `breaks ${id} <here> & "there"`)),
  relaxed: [],
  advice: [],
  facts,
});

const subjects = [
  subject("api", "container", 92, ["SS023"], { image: "shipshape/testsvc:1", sizeBytes: 166e6, layers: 3, user: "10001:10001", healthcheck: true }),
  subject("legacy<script>", "compose-service", 16, ["SS001", "SS003", "SS024"], { image: "nginx:1.27", sizeBytes: 1.2e9, user: "root", healthcheck: false }),
];
const report: AuditReport = {
  tool: "shipshape audit",
  version: "0.1.0",
  generatedAt: "2025-01-01T00:00:00.000Z",
  targets: ["compose.yml", "engine"],
  score: overallScore(subjects.map((s) => s.score)),
  subjects,
  summary: summarize(subjects),
  errors: [],
};

describe("report rendering", () => {
  it("summarizes the seeds' headline numbers", () => {
    expect(report.summary).toMatchObject({ subjects: 2, findings: 4, nonRoot: { ok: 1, of: 2 }, healthcheck: { ok: 2, of: 2 }, memoryLimit: { ok: 2, of: 2 } });
    expect(report.summary.byRule.map((r) => r.ruleId)).toEqual(["SS003", "SS001", "SS024", "SS023"]);
  });

  it("terminal: a table worst first, then findings with rule ids, upstream ids and fixes", () => {
    const text = renderReport(report, "terminal", { color: false });
    expect(text).toContain("shipshape audit — 2 subjects, overall score 54/100");
    const lines = text.split("\n");
    expect(lines[3]).toMatch(/^SCORE\s+SUBJECT\s+KIND\s+IMAGE\s+SIZE\s+USER\s+HEALTH\s+FINDINGS$/);
    expect(lines[4]).toMatch(/^\s+16\s+legacy<script>\s+compose-service\s+nginx:1\.27\s+1\.2GB\s+root\s+no\s+1C 2H$/);
    expect(lines[5]).toMatch(/^\s+92\s+api\s+container\s+shipshape\/testsvc:1\s+166MB\s+10001:10001\s+yes\s+1M$/);
    expect(text).toContain("  critical SS003 no-privileged: breaks SS003 <here> & \"there\" [CIS 5.5, PSS baseline privileged]");
    expect(text).not.toMatch(/\x1b\[/);
    expect(renderReport(report, "terminal", { color: true })).toMatch(/\x1b\[/);
  });

  it("json: the report itself", () => {
    expect(JSON.parse(renderReport(report, "json"))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("markdown: a table and one findings table per subject", () => {
    const md = renderReport(report, "markdown");
    expect(md).toContain("# Shipshape audit — score 54/100");
    expect(md).toContain("| 16 | legacy<script> | compose-service | nginx:1.27 | 1.2GB | root | no | 1 critical, 2 high |");
    expect(md).toContain("| critical | SS003 no-privileged |");
  });

  it("html: self-contained, escaped, with the table and both charts", () => {
    const html = renderReport(report, "html");
    expect(html).toContain('<table id="subjects">');
    expect(html).toContain('<svg id="score-chart"');
    expect(html).toContain('<svg id="size-chart"');
    expect(html.match(/<rect class="bar"/g)).toHaveLength(4); // 2 scores + 2 image sizes
    expect(html).toContain("legacy&lt;script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // no external asset
    expect(html).toContain('data-subject="api" data-score="92"');
  });

  it("refuses an unknown format", () => {
    expect(() => renderReport(report, "pdf" as never)).toThrow('unknown report format "pdf"; use one of terminal, json, markdown, html.');
  });
});
