import type { LintResult } from "../engine/result.js";
import type { Finding, Severity } from "../rule.js";
import { countSeverities, plural, regionOf, sortFindings } from "./common.js";
import { displayWidth, type Palette, padEnd, palette, printable, showLine } from "./terminal.js";

export interface TextOptions {
  color: boolean;
  /** Show the flagged source line(s) under each finding. */
  codeFrame: boolean;
}

const INDENT = "  ";
const COLUMN_GAP = "  ";
// Long multi-line spans (a whole RUN block) would drown the report; the first lines locate the problem.
const MAX_FRAME_LINES = 3;

const SEVERITY_WIDTH = "warning".length;
const MAX_ALIGNED_MESSAGE = 72;

interface Row {
  location: string;
  finding: Finding;
  message: string;
}

function toRow(finding: Finding): Row {
  const { line, column } = regionOf(finding.file, finding.span);
  return {
    location: `${printable(finding.file.path)}:${line}:${column}`,
    finding,
    message: printable(finding.message),
  };
}

function groupByFile(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file.path);
    if (group) group.push(finding);
    else groups.set(finding.file.path, [finding]);
  }
  return [...groups.values()];
}

function codeFrame(finding: Finding, paint: Palette): string[] {
  const region = regionOf(finding.file, finding.span);
  const lastShown = Math.min(region.endLine, region.line + MAX_FRAME_LINES - 1);
  const gutterWidth = String(lastShown).length;
  const gutter = (label: string) => paint.dim(`${label.padStart(gutterWidth)} | `);
  const frame: string[] = [];
  for (let line = region.line; line <= lastShown; line++) {
    const shown = showLine(finding.file.lines[line - 1] ?? "");
    frame.push(`${gutter(String(line))}${shown.text}`.trimEnd());
    if (line === region.line) {
      const endIndex = region.endLine === line ? region.endColumn - 1 : shown.columns.length - 1;
      const start = shown.columns[region.column - 1] ?? shown.columns.at(-1)!;
      const end = shown.columns[endIndex] ?? shown.columns.at(-1)!;
      const carets = "^".repeat(Math.max(1, end - start));
      frame.push(`${gutter("")}${" ".repeat(start)}${paint[finding.severity](carets)}`);
    }
  }
  if (lastShown < region.endLine) frame.push(gutter("⋮").trimEnd());
  return frame;
}

function relatedLines(finding: Finding, paint: Palette): string[] {
  return finding.related.map((related) => {
    const { line, column } = regionOf(related.file, related.span);
    return `↳ ${paint.dim(`${printable(related.file.path)}:${line}:${column}`)} ${printable(related.message)}`;
  });
}

function fileBlock(findings: readonly Finding[], options: TextOptions, paint: Palette): string[] {
  const rows = findings.map(toRow);
  const locationWidth = Math.max(...rows.map((row) => displayWidth(row.location)));
  // One long message must not push every rule name in the file off the screen: align up to a point.
  const messageWidth = Math.min(
    MAX_ALIGNED_MESSAGE,
    Math.max(...rows.map((row) => displayWidth(row.message))),
  );
  const block = [paint.bold(paint.underline(printable(findings[0]!.file.path)))];
  for (const { location, finding, message } of rows) {
    const severity = paint[finding.severity](padEnd(finding.severity, SEVERITY_WIDTH));
    const rule = paint.dim(`${finding.rule.code} ${finding.rule.name}`);
    const columns = [padEnd(location, locationWidth), severity, padEnd(message, messageWidth), rule];
    block.push(INDENT + columns.join(COLUMN_GAP));
    const details = [
      ...(options.codeFrame ? codeFrame(finding, paint) : []),
      ...relatedLines(finding, paint),
    ];
    block.push(...details.map((detail) => INDENT + INDENT + detail));
  }
  return block;
}

function summaryLine(result: LintResult, paint: Palette): string {
  const fileCount = result.files.length;
  if (result.findings.length === 0) return paint.success(`✔ No problems in ${plural(fileCount, "file")}`);
  const { errors, warnings, infos } = countSeverities(result.findings);
  const counts = [
    errors ? plural(errors, "error") : "",
    warnings ? plural(warnings, "warning") : "",
    infos ? `${infos} info` : "",
  ].filter(Boolean);
  const filesWithProblems = new Set(result.findings.map((finding) => finding.file.path)).size;
  const where =
    filesWithProblems === fileCount
      ? plural(fileCount, "file")
      : `${filesWithProblems} of ${plural(fileCount, "file")}`;
  const worst: Severity = errors ? "error" : warnings ? "warning" : "info";
  const text = `✖ ${plural(result.findings.length, "problem")} (${counts.join(", ")}) in ${where}`;
  return paint.bold(paint[worst](text));
}

export function formatText(result: LintResult, options: TextOptions): string {
  const paint = palette(options.color);
  const blocks = groupByFile(sortFindings(result.findings)).map((group) => fileBlock(group, options, paint));
  const lines = blocks.flatMap((block) => [...block, ""]);
  lines.push(summaryLine(result, paint));
  lines.push(...result.notices.map((notice) => paint.dim(`ℹ ${printable(notice)}`)));
  return `${lines.join("\n")}\n`;
}

export interface ColorInputs {
  /** `true` for `--color`, `false` for `--no-color`, undefined when neither was given. */
  flag: boolean | undefined;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean | undefined;
}

/** The flag wins, then NO_COLOR (no-color.org), then FORCE_COLOR ("0"/"false" off), then a capable terminal. */
export function shouldColor({ flag, env, isTTY }: ColorInputs): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force) return force !== "0" && force.toLowerCase() !== "false";
  return isTTY === true && env.TERM !== "dumb";
}
