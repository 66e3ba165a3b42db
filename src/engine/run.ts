import { buildCompose } from "../model/compose.js";
import { withEnvFiles } from "../model/compose-files.js";
import { overrideBeside } from "../model/compose-merge.js";
import { buildDockerfile } from "../model/dockerfile.js";
import type { Project } from "../model/project.js";
import { withRequirements } from "../model/requirements.js";
import type { AnyRule, FileTarget, Finding, ModelOf, Report, RuleMeta, Settings, Target } from "../rule.js";
import type { FileKind, SourceFile, Span } from "../source.js";
import type { RuleConfig } from "./config.js";
import { internalError } from "./diagnostics.js";
import { yamlBlockAt } from "./suppress.js";

export interface CheckOptions {
  rules: readonly AnyRule[];
  /** The rule's severity and options, or "off" when the configuration disables it. */
  settingFor(rule: RuleMeta): RuleConfig | "off";
  settings: Settings;
}

/** How each target is parsed, and how a suppression comment's next statement is found in it. */
interface TargetKind<T extends FileTarget> {
  build(file: SourceFile): ModelOf[T];
  statementAt(model: ModelOf[T]): StatementFinder;
}

const targets: { [T in FileTarget]: TargetKind<T> } = {
  dockerfile: {
    build: (file) => withRequirements(buildDockerfile(file)),
    statementAt: (doc) => (offset) => doc.instructions.find((i) => i.span.start === offset)?.span,
  },
  compose: {
    build: (file) => {
      const override = overrideBeside(file);
      return withEnvFiles({
        ...buildCompose(file),
        override: override && withEnvFiles(buildCompose(override)),
      });
    },
    statementAt: (compose) => yamlBlockAt(compose.file),
  },
};

type StatementFinder = (offset: number) => Span | undefined;

const targetOfKind: Partial<Record<FileKind, FileTarget>> = { dockerfile: "dockerfile", compose: "compose" };

export interface FileCheck {
  findings: Finding[];
  notices: string[];
  /** For suppressions: the statement (instruction, YAML block) that starts at an offset. */
  statementAt?: StatementFinder;
  /** The parsed model, for the project pass; absent for kinds without rules or when parsing crashed. */
  model?: ModelOf[FileTarget];
}

/** Parses one file once and runs every enabled rule of its kind over the model. */
export function checkFile(file: SourceFile, options: CheckOptions): FileCheck {
  const target = targetOfKind[file.kind];
  if (!target) return { findings: [], notices: [] };
  let parsed: Parsed<FileTarget>;
  try {
    parsed = parse(target, file);
  } catch (error) {
    return { findings: [crashFinding(file, "the parser", error)], notices: [] };
  }
  const { model, statementAt } = parsed;
  const findings: Finding[] = [];
  const notices: string[] = [];
  for (const rule of options.rules) {
    if (rule.target !== target || rule.checkAll) continue;
    const setting = options.settingFor(rule);
    if (setting === "off") continue;
    findings.push(...runRule(rule, file, model, setting, options.settings, notices));
  }
  return { findings, notices, statementAt, model };
}

/**
 * Runs the rules that check every file of their target in one call (`checkAll`); each file's findings go back
 * into its FileCheck. A rule that throws becomes one internal-error finding on the first file.
 */
export function checkBatched(
  files: { file: SourceFile; check: FileCheck }[],
  options: CheckOptions,
): string[] {
  const notices: string[] = [];
  for (const rule of options.rules) {
    const setting = options.settingFor(rule);
    if (!rule.checkAll || setting === "off") continue;
    const targetFiles = files.filter(
      ({ file, check }) => targetOfKind[file.kind] === rule.target && check.model,
    );
    if (targetFiles.length === 0) continue;
    const contexts = targetFiles.map(({ file, check }) => ({
      ...contextFor(rule, file, check.model!, setting, options.settings, notices),
      report: reporterFor(rule, file, setting, check.findings),
    }));
    try {
      rule.checkAll(contexts);
    } catch (error) {
      targetFiles[0]!.check.findings.push(
        crashFinding(targetFiles[0]!.file, `rule ${rule.code} (${rule.name})`, error),
      );
    }
  }
  return notices;
}

/** Runs the cross-file rules once over the whole project, after every file has been checked on its own. */
export function checkProject(
  project: Project,
  options: CheckOptions,
): { findings: Finding[]; notices: string[] } {
  const findings: Finding[] = [];
  const notices: string[] = [];
  const anchor = project.files[0];
  if (!anchor) return { findings, notices };
  for (const rule of options.rules) {
    if (rule.target !== "project") continue;
    const setting = options.settingFor(rule);
    if (setting === "off") continue;
    findings.push(...runRule(rule, undefined, project, setting, options.settings, notices, anchor));
  }
  return { findings, notices };
}

interface Parsed<T extends FileTarget> {
  model: ModelOf[T];
  statementAt: StatementFinder;
}

/** The target's model of a file, with the suppression finder over that model. */
function parse<T extends FileTarget>(target: T, file: SourceFile): Parsed<T> {
  const kind: TargetKind<T> = targets[target];
  const model = kind.build(file);
  return { model, statementAt: kind.statementAt(model) };
}

/**
 * One rule over one model; a rule that throws becomes one internal-error finding (on the checked file, or on
 * `anchor` for project rules) and the run goes on.
 */
function runRule(
  rule: AnyRule,
  file: SourceFile | undefined,
  model: ModelOf[Target],
  setting: RuleConfig,
  settings: Settings,
  notices: string[],
  anchor: SourceFile = file!,
): Finding[] {
  const findings: Finding[] = [];
  try {
    rule.check({
      ...contextFor(rule, file, model, setting, settings, notices),
      report: reporterFor(rule, file, setting, findings),
    });
  } catch (error) {
    return [crashFinding(anchor, `rule ${rule.code} (${rule.name})`, error)];
  }
  return findings;
}

function contextFor(
  _rule: AnyRule,
  file: SourceFile | undefined,
  model: ModelOf[Target],
  setting: RuleConfig,
  settings: Settings,
  notices: string[],
) {
  return {
    file: file as never,
    model,
    options: setting.options,
    settings,
    notice: (m: string) => notices.push(m),
  };
}

/** Turns a rule's reports into findings at the configured severity; project rules must name the file. */
function reporterFor(rule: AnyRule, file: SourceFile | undefined, setting: RuleConfig, into: Finding[]) {
  return (report: Report) => {
    const reported = report.file ?? file;
    if (!reported) throw new Error("a project rule reported without naming the file");
    into.push({
      rule,
      severity: setting.severity,
      message: report.message,
      file: reported,
      span: report.at,
      related: report.related ?? [],
      fix: report.fix,
    });
  };
}

function crashFinding(file: SourceFile, what: string, error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    rule: internalError,
    severity: "error",
    message: `Internal error in ${what}: ${detail}`,
    file,
    span: { start: 0, end: 0 },
    related: [],
  };
}

/**
 * One finding per rule, place and message: a value inherited through a YAML anchor, or a Dockerfile built in two
 * compose contexts, can make a rule report the same thing twice.
 */
export function withoutRepeats(sorted: Finding[]): Finding[] {
  return sorted.filter((finding, i) => {
    const previous = sorted[i - 1];
    return !(
      previous &&
      previous.rule === finding.rule &&
      previous.file.path === finding.file.path &&
      previous.span.start === finding.span.start &&
      previous.span.end === finding.span.end &&
      previous.message === finding.message
    );
  });
}
