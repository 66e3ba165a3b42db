/** The library API: `lint(paths, options)` runs the whole pipeline and returns plain data for a formatter. */
import { statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { rules } from "../rules/index.js";
import {
  type FailOn,
  loadConfig,
  type ResolvedConfig,
  type RuleConfig,
  resolveConfig,
} from "./engine/config.js";
import { engineDiagnostics, unusedSuppression } from "./engine/diagnostics.js";
import {
  classifyByName,
  classifyYaml,
  type DiscoveryProblem,
  discover,
  readSource,
} from "./engine/discover.js";
import { applyFixes, fixesToApply } from "./engine/fix.js";
import type { LintResult } from "./engine/result.js";
import {
  type CheckOptions,
  checkBatched,
  checkFile,
  checkProject,
  type FileCheck,
  withoutRepeats,
} from "./engine/run.js";
import { applySuppressions, parseSuppressions } from "./engine/suppress.js";
import type { ComposeFile } from "./model/compose.js";
import { loadComposeSchema } from "./model/compose-schema.js";
import type { Dockerfile } from "./model/dockerfile.js";
import { buildProject } from "./model/project.js";
import { parseDockerignore } from "./parse/dockerignore.js";
import { compareFindings, type Finding, type RuleMeta } from "./rule.js";
import { SourceFile } from "./source.js";

export type { LintResult } from "./engine/result.js";
export type { Finding, RuleMeta } from "./rule.js";

export interface LintOptions {
  /** Paths are resolved and shown relative to this directory (default: the process's). */
  cwd?: string;
  /** `--config PATH`: use this file instead of searching for `.mllint.yaml`. */
  configPath?: string;
  /** `--no-config`: use the defaults only. */
  noConfig?: boolean;
  /** `--no-ignore` sets this to false: do not read .gitignore files while walking. */
  respectGitignore?: boolean;
  /** `--force-exclude`: apply ignores to files named on the command line too. */
  forceExclude?: boolean;
  /** `--stdin`: lint this text as if it were the file `filename`, instead of walking `paths`. */
  stdin?: { text: string; filename: string };
  /** `--fix`: apply safe fixes (and unsafe ones with `unsafe`) and write the files back. */
  fix?: { unsafe: boolean };
}

export interface LintRun extends LintResult {
  /** The configured fail level (the CLI's `--fail-on` overrides it). */
  failOn: FailOn;
  /** Paths that could not be linted: missing, unreadable, binary, too large, or of unknown kind. */
  problems: DiscoveryProblem[];
  /** How many fixes `--fix` applied (and wrote). */
  fixesApplied: number;
}

// ESLint's bound: fixes that keep producing new fixes stop here.
const MAX_FIX_PASSES = 10;

/** Every rule of this build, the engine's own diagnostics included, in code order. */
export const allRules: readonly RuleMeta[] = [...rules, ...engineDiagnostics].sort((a, b) =>
  a.code < b.code ? -1 : 1,
);

/** The configuration that applies to linting `paths` (what `--print-config` shows). Throws ConfigError. */
export async function configFor(paths: string[], options: LintOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  if (options.noConfig) return resolveConfig([], allRules, cwd);
  return loadConfig({
    cwd,
    searchFrom: configSearchStart(paths, cwd, options.stdin?.filename),
    configPath: options.configPath,
    rules: allRules,
  });
}

/** Lints `paths` (files or directories; default `.`). Throws ConfigError for an unusable configuration. */
export async function lint(paths: string[], options: LintOptions = {}): Promise<LintRun> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = await configFor(paths, options);
  const { sources, problems } = options.stdin
    ? readStdin(options.stdin)
    : readAll(paths, cwd, config, options);
  if (sources.some((file) => file.kind === "compose")) await loadComposeSchema();
  const settingFor = (rule: RuleMeta) => config.rules.get(rule.code) ?? "off";
  const checkOptions = { rules, settingFor, settings: config.settings };
  const notices = sources
    .filter((f) => f.kind === "k8s")
    .map((f) => `${f.path}: Kubernetes manifests are not yet linted`);
  let fixesApplied = 0;
  const checked: CheckedFile[] = [];
  for (const source of sources) {
    const result = checkAndFix(source, checkOptions, settingFor, options.fix);
    fixesApplied += result.fixesApplied;
    if (result.file !== source)
      writeFileSync(source.absolutePath, (source.bom ? "\ufeff" : "") + result.file.text);
    checked.push(result);
    notices.push(...result.check.notices);
  }

  notices.push(...checkBatched(checked, checkOptions));

  const project = buildProject({
    cwd,
    files: checked.map((c) => c.file),
    dockerfiles: checked.flatMap((c) =>
      c.file.kind === "dockerfile" && c.check.model ? [c.check.model as Dockerfile] : [],
    ),
    composeFiles: checked.flatMap((c) =>
      c.file.kind === "compose" && c.check.model ? [c.check.model as ComposeFile] : [],
    ),
    dockerignores: checked.flatMap((c) =>
      c.file.kind === "dockerignore" ? [parseDockerignore(c.file)] : [],
    ),
  });
  const projectCheck = checkProject(project, checkOptions);
  notices.push(...projectCheck.notices);

  const findings: Finding[] = [];
  const byPath = new Map(checked.map((c) => [c.file.path, c]));
  for (const [path, projectFindings] of groupByPath(projectCheck.findings)) {
    if (byPath.has(path)) byPath.get(path)!.check.findings.push(...projectFindings);
    else findings.push(...suppress(projectFindings[0]!.file, projectFindings, undefined, settingFor));
  }
  for (const { file, check } of checked)
    findings.push(...suppress(file, check.findings, check.statementAt, settingFor));
  return {
    findings: withoutRepeats(findings.sort(compareFindings)),
    files: sources.map((file) => ({ path: file.path, kind: file.kind })),
    rules: [...allRules],
    notices: [...new Set(notices)],
    failOn: config.failOn,
    problems,
    fixesApplied,
  };
}

interface CheckedFile {
  /** The file as it ends up: the source, or its fixed text after `--fix`. */
  file: SourceFile;
  check: FileCheck;
  fixesApplied: number;
}

type SettingFor = (rule: RuleMeta) => RuleConfig | "off";

/** Checks a file; with `--fix`, applies fixes and re-checks until nothing more applies (at most 10 passes). */
function checkAndFix(
  source: SourceFile,
  checkOptions: CheckOptions,
  settingFor: SettingFor,
  fix: LintOptions["fix"],
): CheckedFile {
  let file = source;
  let check = checkFile(file, checkOptions);
  let fixesApplied = 0;
  for (let pass = 0; fix && pass < MAX_FIX_PASSES; pass++) {
    const kept = suppress(file, check.findings, check.statementAt, settingFor);
    const { text, applied } = applyFixes(file.text, fixesToApply(kept, fix.unsafe));
    if (applied.length === 0) break;
    fixesApplied += applied.length;
    file = new SourceFile(file.path, text, file.kind, file.absolutePath);
    check = checkFile(file, checkOptions);
  }
  return { file, check, fixesApplied };
}

/** Drops suppressed findings and adds an ML001 finding for each suppression that suppressed nothing. */
function suppress(
  file: SourceFile,
  findings: Finding[],
  statementAt: FileCheck["statementAt"],
  settingFor: SettingFor,
): Finding[] {
  const { kept, unused } = applySuppressions(findings, parseSuppressions(file, { statementAt }), allRules);
  const unusedSetting = settingFor(unusedSuppression);
  if (unusedSetting === "off") return kept;
  const unusedFindings: Finding[] = unused.map((u) => ({
    rule: unusedSuppression,
    severity: unusedSetting.severity,
    message: u.message,
    file: u.file,
    span: u.span,
    related: [],
  }));
  return [...kept, ...unusedFindings];
}

function groupByPath(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file.path);
    if (group) group.push(finding);
    else groups.set(finding.file.path, [finding]);
  }
  return groups;
}

function readAll(paths: string[], cwd: string, config: ResolvedConfig, options: LintOptions) {
  const discovery = discover(paths, {
    cwd,
    respectGitignore: options.respectGitignore ?? true,
    isIgnored: (path) => config.isIgnored(path),
    forceExclude: options.forceExclude ?? false,
  });
  const sources: SourceFile[] = [];
  const problems = [...discovery.problems];
  for (const file of discovery.files) {
    const source = readSource(file);
    if (source instanceof SourceFile) sources.push(source);
    else problems.push(source);
  }
  return { sources, problems };
}

function readStdin({ text, filename }: { text: string; filename: string }) {
  const byName = classifyByName(filename.slice(filename.lastIndexOf("/") + 1));
  const kind =
    byName === "yaml" || byName === undefined ? (classifyYaml(text) ?? sniffDockerfile(text)) : byName;
  if (!kind) {
    return { sources: [], problems: [{ path: filename, message: "cannot tell what kind of file this is" }] };
  }
  return { sources: [new SourceFile(filename, text, kind)], problems: [] };
}

function sniffDockerfile(text: string): "dockerfile" | undefined {
  return /^\s*FROM\s/im.test(text) ? "dockerfile" : undefined;
}

/** The config search starts at the one directory being linted, else at the working directory. */
function configSearchStart(paths: string[], cwd: string, stdinName?: string): string {
  const only = stdinName ?? (paths.length === 1 ? paths[0] : undefined);
  if (!only) return cwd;
  const absolute = resolve(cwd, only);
  try {
    return statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  } catch {
    return dirname(absolute);
  }
}
