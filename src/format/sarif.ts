import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { LintResult } from "../engine/result.js";
import type { DocExample, Finding, RelatedLocation, RuleMeta, Severity } from "../rule.js";
import type { SourceFile, Span } from "../source.js";
import { type PathBase, regionOf, rootRelativePath, sortFindings } from "./common.js";

export interface SarifOptions extends PathBase {
  toolVersion: string;
  /** GitHub code scanning category; omitted by default so upload-sarif's own `category` input still applies. */
  category?: string;
}

const SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/mllint/mllint";
const RULES_DOC_URI = "https://github.com/mllint/mllint/blob/main/docs/rules.md";
const SOURCE_ROOT = "%SRCROOT%";
// GitHub's documented limits: longer texts or more tags are rejected or cut.
const MAX_NAME = 255;
const MAX_DESCRIPTION = 1024;
const MAX_TAGS = 20;

const levels: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: "error",
  warning: "warning",
  info: "note",
};

// Scores inside GitHub's high/medium/low bands, away from the 7.0/4.0 boundaries.
const securitySeverities: Record<Severity, string> = { error: "8.1", warning: "5.3", info: "2.1" };

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function pascalCase(kebab: string): string {
  return kebab
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function fenceLanguage(rule: RuleMeta, filePath?: string): string {
  if (filePath === undefined) return rule.target === "dockerfile" ? "dockerfile" : "";
  if (/\.ya?ml$/i.test(filePath)) return "yaml";
  return /dockerfile|containerfile/i.test(filePath) ? "dockerfile" : "";
}

/** A fenced block whose fence is longer than any backtick run inside, so example text cannot close it. */
function fencedCode(code: string, language: string): string {
  const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence}${language}\n${code.replace(/\n$/, "")}\n${fence}`;
}

function exampleFiles(example: DocExample): [string | undefined, string][] {
  return typeof example.files === "string" ? [[undefined, example.files]] : Object.entries(example.files);
}

function exampleMarkdown(rule: RuleMeta, example: DocExample): string {
  return exampleFiles(example)
    .map(([filePath, text]) => {
      const code = fencedCode(text, fenceLanguage(rule, filePath));
      return filePath === undefined ? code : `\`${filePath}\`:\n\n${code}`;
    })
    .join("\n\n");
}

function exampleText(example: DocExample): string {
  return exampleFiles(example)
    .map(([filePath, text]) => (filePath === undefined ? text : `${filePath}:\n${text}`).replace(/\n$/, ""))
    .join("\n\n");
}

/** The first invalid and the first valid example: enough to show the fix without flooding the alert page. */
function chosenExamples(rule: RuleMeta): { label: string; example: DocExample }[] {
  const invalid = rule.docs.examples.find((example) => example.kind === "invalid");
  const valid = rule.docs.examples.find((example) => example.kind === "valid");
  return [
    ...(invalid ? [{ label: "Problem", example: invalid }] : []),
    ...(valid ? [{ label: "Fixed", example: valid }] : []),
  ];
}

function helpText(rule: RuleMeta): string {
  const { summary, why, fix } = rule.docs;
  const parts = [summary, why];
  if (fix) parts.push(`How to fix: ${fix}`);
  for (const { label, example } of chosenExamples(rule)) parts.push(`${label}:\n${exampleText(example)}`);
  return parts.join("\n\n");
}

function helpMarkdown(rule: RuleMeta): string {
  const { summary, why, fix, references } = rule.docs;
  const parts = [`**${summary}**`, why];
  if (fix) parts.push(`### How to fix\n\n${fix}`);
  for (const { label, example } of chosenExamples(rule)) {
    parts.push(`### ${label}\n\n${exampleMarkdown(rule, example)}`);
  }
  if (references?.length) parts.push(`### References\n\n${references.map((ref) => `- <${ref}>`).join("\n")}`);
  return parts.join("\n\n");
}

function ruleTags(rule: RuleMeta): string[] {
  const tags = [rule.category, ...rule.tags];
  if (rule.category === "security") tags.push("security");
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

function ruleProperties(rule: RuleMeta): Sarif.PropertyBag {
  const properties: Sarif.PropertyBag = { tags: ruleTags(rule), precision: "high" };
  if (rule.category === "security") properties["security-severity"] = securitySeverities[rule.severity];
  if (rule.aliases.length > 0) properties.aliases = [...rule.aliases];
  return properties;
}

function toReportingDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id: rule.code,
    name: truncate(pascalCase(rule.name), MAX_NAME),
    shortDescription: { text: truncate(rule.docs.summary, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(`${rule.docs.summary} ${rule.docs.why}`, MAX_DESCRIPTION) },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    helpUri: `${RULES_DOC_URI}#${rule.code.toLowerCase()}`,
    defaultConfiguration: {
      level: levels[rule.severity],
      ...(rule.enabledByDefault ? {} : { enabled: false }),
    },
    properties: ruleProperties(rule),
  };
}

/** RFC 3986 path: each segment percent-encoded, so `My Dockerfile` becomes `My%20Dockerfile`. */
function encodePath(relativePath: string): string {
  return relativePath.split("/").map(encodeURIComponent).join("/");
}

function directoryUri(absolutePath: string): string {
  const href = pathToFileURL(absolutePath).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function artifactLocation(file: SourceFile, base: PathBase): Sarif.ArtifactLocation {
  const relative = rootRelativePath(file.path, base);
  // A file outside the root cannot hang off %SRCROOT%; an absolute URI is what GitHub relativises itself.
  if (relative === undefined) return { uri: pathToFileURL(path.resolve(base.cwd, file.path)).href };
  return { uri: encodePath(relative), uriBaseId: SOURCE_ROOT };
}

/** The region, widened to one character when the span is empty: viewers draw nothing for an empty region. */
function sarifRegion(file: SourceFile, span: Span): Sarif.Region {
  const { line, column, endLine, endColumn } = regionOf(file, span);
  const empty = line === endLine && column === endColumn;
  const codePoint = file.text.codePointAt(span.start);
  const width = codePoint !== undefined && codePoint > 0xffff ? 2 : 1;
  return { startLine: line, startColumn: column, endLine, endColumn: empty ? endColumn + width : endColumn };
}

function physicalLocation(file: SourceFile, span: Span, base: PathBase): Sarif.PhysicalLocation {
  return { artifactLocation: artifactLocation(file, base), region: sarifRegion(file, span) };
}

function relatedLocation(related: RelatedLocation, index: number, base: PathBase): Sarif.Location {
  return {
    id: index + 1,
    physicalLocation: physicalLocation(related.file, related.span, base),
    message: { text: related.message },
  };
}

function toResult(finding: Finding, ruleIndex: number, base: PathBase): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.rule.code,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding.span, base) }],
  };
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, index) => relatedLocation(related, index, base));
  }
  return result;
}

/** The run's rules, plus any rule a finding names that the run did not list, so every ruleIndex resolves. */
function reportedRules(result: LintResult): RuleMeta[] {
  const rules = [...result.rules];
  const known = new Set(rules.map((rule) => rule.code));
  for (const { rule } of sortFindings(result.findings)) {
    if (!known.has(rule.code)) {
      known.add(rule.code);
      rules.push(rule);
    }
  }
  return rules;
}

export function toSarifLog(result: LintResult, options: SarifOptions): Sarif.Log {
  const rules = reportedRules(result);
  const ruleIndexes = new Map(rules.map((rule, index) => [rule.code, index]));
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "mllint",
        version: options.toolVersion,
        semanticVersion: options.toolVersion,
        informationUri: INFORMATION_URI,
        rules: rules.map(toReportingDescriptor),
      },
    },
    results: sortFindings(result.findings).map((finding) =>
      toResult(finding, ruleIndexes.get(finding.rule.code)!, options),
    ),
    columnKind: "utf16CodeUnits",
    originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(options.root) } },
  };
  if (options.category !== undefined) {
    // GitHub reads the id up to its last `/` as the category.
    run.automationDetails = {
      id: options.category.endsWith("/") ? options.category : `${options.category}/`,
    };
  }
  return { $schema: SCHEMA_URI, version: "2.1.0", runs: [run] };
}

export function formatSarif(result: LintResult, options: SarifOptions): string {
  return `${JSON.stringify(toSarifLog(result, options), null, 2)}\n`;
}
