import type { AuditReport } from "../types";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";
import { renderTerminal, TerminalOptions } from "./terminal";

export type ReportFormat = "terminal" | "json" | "markdown" | "html";
export const REPORT_FORMATS: readonly ReportFormat[] = ["terminal", "json", "markdown", "html"];

/** Render a report in one of the four formats. */
export function renderReport(report: AuditReport, format: ReportFormat = "terminal", opts: TerminalOptions = {}): string {
  switch (format) {
    case "json": return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown": return renderMarkdown(report);
    case "html": return renderHtml(report);
    case "terminal": return renderTerminal(report, opts);
    default: throw new Error(`unknown report format ${JSON.stringify(format)}; use one of ${REPORT_FORMATS.join(", ")}.`);
  }
}

export { formatSize, grade } from "./format";
export { renderHtml, renderMarkdown, renderTerminal };
export type { TerminalOptions };
