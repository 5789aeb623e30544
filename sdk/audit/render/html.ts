/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts, no script, no
 * external asset), so it can be attached to a CI run or mailed and opens offline.
 */
import type { Finding } from "../../rules";
import type { AuditReport, SubjectReport } from "../types";
import { formatSize, grade, ordered, ratio, severityCounts, yesNo } from "./format";

const esc = (t: string | number) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const band = (n: number) => (n >= 80 ? "good" : n >= 50 ? "fair" : "poor");
const COLORS = { good: "#1a7f37", fair: "#b7791f", poor: "#c53030" } as const;
const trim = (t: string, max: number) => (t.length > max ? `${t.slice(0, max - 1)}…` : t);

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:1180px;margin:0 auto;padding:24px}
header{display:flex;gap:24px;align-items:center;background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:20px 24px}
.overall{width:108px;height:108px;border-radius:50%;display:flex;flex-direction:column;align-items:center;justify-content:center;color:#fff;flex:none}
.overall b{font-size:36px;line-height:1}.overall span{font-size:12px;opacity:.9}
.good{background:${COLORS.good}}.fair{background:${COLORS.fair}}.poor{background:${COLORS.poor}}
h1{margin:0 0 6px;font-size:22px}h2{font-size:17px;margin:28px 0 10px}
.meta{color:#57606a;font-size:12px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:10px}
.card{border:1px solid #d0d7de;border-radius:8px;padding:6px 12px;background:#f6f8fa}.card b{font-size:16px}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-top:16px}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:14px 16px}
.panel h2{margin:0 0 8px}
svg text{font:12px system-ui,"DejaVu Sans",sans-serif;fill:#1f2328}svg .muted{fill:#57606a}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d7de;border-radius:10px;overflow:hidden}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#57606a}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;min-width:38px;text-align:center;padding:1px 8px;border-radius:12px;color:#fff;font-weight:600}
.sev{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.sev.critical{background:#8e1b1b}.sev.high{background:#c53030}.sev.medium{background:#b7791f}.sev.low{background:#6e7781}.sev.relaxed{background:#0969da}
details{background:#fff;border:1px solid #d0d7de;border-radius:10px;margin:10px 0;padding:0 14px}
summary{cursor:pointer;padding:10px 0;font-weight:600}
details table{border:0;margin-bottom:12px}.fix{color:#57606a}.up{color:#57606a;font-size:12px}
.empty{color:#57606a}.errors{color:#c53030}
@media (max-width:900px){.charts{grid-template-columns:1fr}}
`;

export function renderHtml(report: AuditReport): string {
  const s = report.summary;
  const rows = ordered(report.subjects);
  const b = band(report.score);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Shipshape audit — ${report.score}/100</title><style>${CSS}</style></head>
<body><main>
<header>
  <div class="overall ${b}" id="overall-score"><b>${report.score}</b><span>/ 100 · ${grade(report.score)}</span></div>
  <div>
    <h1>Shipshape audit</h1>
    <div class="meta">${esc(report.targets.join(", ") || "no targets")} · ${esc(report.generatedAt)} · ${esc(report.tool)} ${esc(report.version)}</div>
    <div class="cards">
      <div class="card">subjects <b>${s.subjects}</b></div>
      <div class="card">non-root <b>${ratio(s.nonRoot)}</b></div>
      <div class="card">healthcheck <b>${ratio(s.healthcheck)}</b></div>
      <div class="card">memory limit <b>${ratio(s.memoryLimit)}</b></div>
      <div class="card">findings <b>${s.findings}</b> <span class="meta">${s.bySeverity.critical} critical · ${s.bySeverity.high} high · ${s.bySeverity.medium} medium · ${s.bySeverity.low} low</span></div>
    </div>
  </div>
</header>
<section class="charts">
  <div class="panel"><h2>Scores</h2>${scoreChart(rows)}</div>
  <div class="panel"><h2>Image sizes</h2>${sizeChart(rows)}</div>
</section>
<h2>Subjects</h2>
<table id="subjects">
<thead><tr><th>Score</th><th>Subject</th><th>Kind</th><th>Image</th><th>Size</th><th>Layers</th><th>User</th><th>Healthcheck</th><th>Findings</th></tr></thead>
<tbody>
${rows.map(subjectRow).join("\n")}
</tbody></table>
<h2>Findings by subject</h2>
${rows.map(subjectDetails).join("\n")}
${rulesTable(report)}
${report.errors.length ? `<h2>Errors</h2><ul class="errors">${report.errors.map((e) => `<li><code>${esc(e.target)}</code>: ${esc(e.message)}</li>`).join("")}</ul>` : ""}
</main></body></html>
`;
}

function subjectRow(r: SubjectReport): string {
  return `<tr data-subject="${esc(r.name)}" data-score="${r.score}"><td class="num"><span class="badge ${band(r.score)}">${r.score}</span></td><td><a href="#s-${anchor(r)}">${esc(r.name)}</a></td><td>${r.kind}</td><td>${esc(r.facts.image ?? "–")}</td><td class="num">${formatSize(r.facts.sizeBytes)}</td><td class="num">${r.facts.layers ?? "–"}</td><td>${esc(r.facts.user ?? "–")}</td><td>${yesNo(r.facts.healthcheck)}</td><td>${severityCounts(r)}</td></tr>`;
}

function subjectDetails(r: SubjectReport): string {
  const f = (x: Finding, label: string, fix: string) =>
    `<tr data-rule="${x.ruleId}"><td><span class="sev ${label}">${label}</span></td><td><b>${x.ruleId}</b> ${esc(x.rule)}</td><td>${esc(x.message)}<div class="fix">fix: ${esc(fix)}</div></td><td class="up">${esc(x.upstreamIds.join(", "))}</td></tr>`;
  const body = [...r.findings.map((x) => f(x, x.severity, x.fix)), ...r.relaxed.map((x) => f(x, "relaxed", `reason given: ${x.reason}`)), ...r.advice.map((x) => f(x, "low", x.fix).replace('class="sev low">low', 'class="sev low">advice'))];
  return `<details id="s-${anchor(r)}"${r.score < 80 ? " open" : ""}><summary><span class="badge ${band(r.score)}">${r.score}</span> ${esc(r.name)} <span class="meta">${r.kind} · ${esc(r.source)} · ${severityCounts(r)}</span></summary>
${body.length ? `<table class="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Upstream</th></tr></thead><tbody>${body.join("")}</tbody></table>` : `<p class="empty">No findings.</p>`}
</details>`;
}

function rulesTable(report: AuditReport): string {
  const t = report.summary.byRule;
  if (!t.length) return "";
  return `<h2>Rules broken</h2><table id="rules"><thead><tr><th>Rule</th><th>Severity</th><th>Subjects</th></tr></thead><tbody>${t
    .map((x) => `<tr><td><b>${x.ruleId}</b> ${esc(x.rule)}</td><td><span class="sev ${x.severity}">${x.severity}</span></td><td>${x.subjects.length}: ${esc(x.subjects.join(", "))}</td></tr>`)
    .join("")}</tbody></table>`;
}

const anchor = (r: SubjectReport) => `${r.kind}-${r.name}`.replace(/[^A-Za-z0-9_-]/g, "_");

/** Horizontal bars, one per subject, 0–100. */
function scoreChart(rows: readonly SubjectReport[]): string {
  if (!rows.length) return `<p class="empty">Nothing audited.</p>`;
  const W = 540, label = 190, barH = 18, gap = 8, top = 6;
  const width = W - label - 40;
  const H = top + rows.length * (barH + gap) + 22;
  const bars = rows.map((r, i) => {
    const y = top + i * (barH + gap);
    const w = Math.max(2, (r.score / 100) * width);
    return `<text x="${label - 8}" y="${y + 13}" text-anchor="end">${esc(trim(r.name, 26))}</text><rect class="bar" x="${label}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="3" fill="${COLORS[band(r.score)]}"><title>${esc(r.name)}: ${r.score}/100</title></rect><text x="${(label + w + 6).toFixed(1)}" y="${y + 13}">${r.score}</text>`;
  });
  const axisY = top + rows.length * (barH + gap);
  const ticks = [0, 25, 50, 75, 100].map((t) => {
    const x = label + (t / 100) * width;
    return `<line x1="${x}" y1="${top - 2}" x2="${x}" y2="${axisY}" stroke="#eaeef2"/><text class="muted" x="${x}" y="${axisY + 14}" text-anchor="middle">${t}</text>`;
  });
  return `<svg id="score-chart" role="img" aria-label="Scores by subject" viewBox="0 0 ${W} ${H}" width="100%" xmlns="http://www.w3.org/2000/svg">${ticks.join("")}${bars.join("")}</svg>`;
}

/** Horizontal bars, one per distinct image with a known size, in MB. */
function sizeChart(rows: readonly SubjectReport[]): string {
  const sizes = new Map<string, number>();
  for (const r of rows) if (r.facts.sizeBytes !== undefined && r.facts.image) sizes.set(r.facts.image, r.facts.sizeBytes);
  if (!sizes.size) return `<p class="empty" id="size-chart-empty">No image sizes known: audit the engine (<code>--engine</code>) or let compose images resolve against it.</p>`;
  const items = [...sizes].sort((a, b) => b[1] - a[1]);
  const max = Math.max(...items.map(([, v]) => v));
  const W = 540, label = 190, barH = 18, gap = 8, top = 6;
  const width = W - label - 60;
  const H = top + items.length * (barH + gap) + 4;
  const bars = items.map(([name, bytes], i) => {
    const y = top + i * (barH + gap);
    const w = Math.max(2, (bytes / max) * width);
    return `<text x="${label - 8}" y="${y + 13}" text-anchor="end">${esc(trim(name, 26))}</text><rect class="bar" x="${label}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="3" fill="#0969da"><title>${esc(name)}: ${formatSize(bytes)}</title></rect><text x="${(label + w + 6).toFixed(1)}" y="${y + 13}">${formatSize(bytes)}</text>`;
  });
  return `<svg id="size-chart" role="img" aria-label="Image sizes" viewBox="0 0 ${W} ${H}" width="100%" xmlns="http://www.w3.org/2000/svg">${bars.join("")}</svg>`;
}
