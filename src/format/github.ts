import type { LintResult } from "../engine/result.js";
import { compareFindings, type Finding, type Severity, severityRank } from "../rule.js";
import { countSeverities, type PathBase, plural, regionOf, rootRelativePath } from "./common.js";

/** Paths in annotations must be relative to the repository root (`GITHUB_WORKSPACE`), passed here as `root`. */
export type GithubOptions = PathBase;

type Command = "error" | "warning" | "notice";

const commands: Record<Severity, Command> = { error: "error", warning: "warning", info: "notice" };

// GitHub shows at most 10 annotations of each level per step; one notice slot is kept for the summary.
const annotationLimits: Record<Severity, number> = { error: 10, warning: 10, info: 9 };

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * The runner reads a V2 command only at the start of a line, but a legacy `##[` command anywhere in it, and
 * unescapes nothing that could hide a colon or bracket in data. A zero-width space breaks every `::` and `##[`
 * that file text could smuggle in while the annotation still reads the same.
 */
function neutraliseCommands(text: string): string {
  return text.replace(/:(?=:)/g, `:${ZERO_WIDTH_SPACE}`).replace(/##\[/g, `#${ZERO_WIDTH_SPACE}#[`);
}

/** The escaping actions/toolkit's command.ts applies: `%` first, so the escapes it adds are not re-escaped. */
function escapePercentAndNewlines(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeData(text: string): string {
  return neutraliseCommands(escapePercentAndNewlines(text));
}

/** Property values additionally escape the `:` and `,` that delimit properties. */
export function escapeProperty(text: string): string {
  return neutraliseCommands(escapePercentAndNewlines(text).replace(/:/g, "%3A").replace(/,/g, "%2C"));
}

function workflowCommand(command: Command, properties: [string, string | number][], data: string): string {
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${command} ${list}::${escapeData(data)}`;
}

function relatedLines(finding: Finding, base: PathBase): string[] {
  return finding.related.map((related) => {
    const { line, column } = regionOf(related.file, related.span);
    const file = rootRelativePath(related.file.path, base) ?? related.file.path;
    return `↳ ${file}:${line}:${column} ${related.message}`;
  });
}

function annotation(finding: Finding, base: PathBase): string {
  const region = regionOf(finding.file, finding.span);
  const properties: [string, string | number][] = [
    ["file", rootRelativePath(finding.file.path, base) ?? finding.file.path],
    ["line", region.line],
    ["endLine", region.endLine],
  ];
  // GitHub accepts columns only on a single-line annotation.
  if (region.line === region.endLine)
    properties.push(["col", region.column], ["endColumn", region.endColumn]);
  properties.push(["title", `${finding.rule.code} ${finding.rule.name}`]);
  const message = [finding.message, ...relatedLines(finding, base)].join("\n");
  return workflowCommand(commands[finding.severity], properties, message);
}

function bySeverityThenFile(a: Finding, b: Finding): number {
  return severityRank[b.severity] - severityRank[a.severity] || compareFindings(a, b);
}

/** The findings GitHub will display, most severe first, within each level's limit. */
function annotatedFindings(findings: readonly Finding[]): Finding[] {
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  return [...findings].sort(bySeverityThenFile).filter((finding) => {
    shown[finding.severity]++;
    return shown[finding.severity] <= annotationLimits[finding.severity];
  });
}

function summaryText(result: LintResult, omitted: number): string {
  const files = plural(result.files.length, "file");
  if (result.findings.length === 0) return `mllint found no problems in ${files}.`;
  const { errors, warnings, infos } = countSeverities(result.findings);
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${infos} info`;
  const lines = [`mllint found ${plural(result.findings.length, "problem")} (${counts}) in ${files}.`];
  if (omitted > 0) {
    lines.push(
      `${omitted} not shown as annotations (GitHub shows 10 per level); see the full report or SARIF.`,
    );
  }
  return lines.join("\n");
}

export function formatGithub(result: LintResult, options: GithubOptions): string {
  const shown = annotatedFindings(result.findings);
  const summary = [summaryText(result, result.findings.length - shown.length), ...result.notices].join("\n");
  const lines = [
    ...shown.map((finding) => annotation(finding, options)),
    workflowCommand("notice", [["title", "mllint summary"]], summary),
  ];
  return `${lines.join("\n")}\n`;
}
