import * as path from "node:path";
import { compareFindings, type Finding, type Severity } from "../rule.js";
import type { SourceFile, Span } from "../source.js";

/** A 1-based region; `endColumn` is the column just after the last character, as SARIF and GitHub expect. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Where the linted files sit on disk: `cwd` resolves result paths, `root` is what output paths are relative to. */
export interface PathBase {
  cwd: string;
  root: string;
}

export function regionOf(file: SourceFile, span: Span): Region {
  const start = file.position(span.start);
  let end = file.position(Math.max(span.start, span.end));
  // A span that swallows a line's newline would otherwise end at column 1 of the next line and mark it too.
  if (end.line > start.line && end.column === 1) {
    const line = end.line - 1;
    end = { line, column: file.lineEnd(line) - file.lineStart(line) + 1 };
  }
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return { errors: counts.error, warnings: counts.warning, infos: counts.info };
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A result path (relative to `cwd`) re-expressed relative to `root`, `/`-separated;
 * undefined when the file lies outside `root`.
 */
export function rootRelativePath(filePath: string, base: PathBase): string | undefined {
  const relative = path.relative(base.root, path.resolve(base.cwd, filePath));
  const outside = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (relative === "" || outside) return undefined;
  return relative.split(path.sep).join("/");
}
