import type { LintResult } from "../engine/result.js";
import type { Category, Finding, RelatedLocation, Severity } from "../rule.js";
import type { FileKind } from "../source.js";
import { countSeverities, regionOf, sortFindings } from "./common.js";

export interface JsonOptions {
  toolVersion: string;
}

/** The JSON contract, version 1. Other tools script against it: add fields only with a version bump. */
export interface JsonReport {
  version: 1;
  tool: { name: "mllint"; version: string };
  findings: JsonFinding[];
  files: { path: string; kind: FileKind }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

export interface JsonFinding {
  rule: string;
  name: string;
  aliases: string[];
  severity: Severity;
  category: Category;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: JsonRelated[];
  fixable: boolean;
}

export interface JsonRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

function toJsonRelated(related: RelatedLocation): JsonRelated {
  const { line, column } = regionOf(related.file, related.span);
  return { file: related.file.path, line, column, message: related.message };
}

function toJsonFinding(finding: Finding): JsonFinding {
  const region = regionOf(finding.file, finding.span);
  return {
    rule: finding.rule.code,
    name: finding.rule.name,
    aliases: [...finding.rule.aliases],
    severity: finding.severity,
    category: finding.rule.category,
    message: finding.message,
    file: finding.file.path,
    line: region.line,
    column: region.column,
    endLine: region.endLine,
    endColumn: region.endColumn,
    related: finding.related.map(toJsonRelated),
    fixable: finding.fix !== undefined,
  };
}

export function toJsonReport(result: LintResult, options: JsonOptions): JsonReport {
  return {
    version: 1,
    tool: { name: "mllint", version: options.toolVersion },
    findings: sortFindings(result.findings).map(toJsonFinding),
    files: result.files.map(({ path, kind }) => ({ path, kind })),
    summary: { files: result.files.length, ...countSeverities(result.findings) },
  };
}

export function formatJson(result: LintResult, options: JsonOptions): string {
  return `${JSON.stringify(toJsonReport(result, options), null, 2)}\n`;
}
