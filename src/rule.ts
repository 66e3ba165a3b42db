import type { ComposeFile } from "./model/compose.js";
import type { Dockerfile } from "./model/dockerfile.js";
import type { Project } from "./model/project.js";
import type { SourceFile, Span } from "./source.js";

export type Severity = "error" | "warning" | "info";
export type Category =
  | "security"
  | "reliability"
  | "performance"
  | "reproducibility"
  | "correctness"
  | "maintainability"
  | "style";
export type Status = "stable" | "preview";

/** The parsed model each kind of rule reads. A new target adds its model here. */
export interface ModelOf {
  dockerfile: Dockerfile;
  compose: ComposeFile;
  /** Cross-file rules read the whole project: every model and the links between them. */
  project: Project;
}
export type Target = keyof ModelOf;
/** The targets whose rules check one file at a time. */
export type FileTarget = Exclude<Target, "project">;

/** A replacement of one span of one file's text. */
export interface Edit {
  span: Span;
  text: string;
}

/**
 * A fix is a list of edits to the reported file. `safe` fixes keep behaviour and are applied by `--fix`;
 * `unsafe` ones may change behaviour and need `--unsafe-fixes`.
 */
export interface Fix {
  title: string;
  safety: "safe" | "unsafe";
  edits: Edit[];
}

export interface Location {
  file: SourceFile;
  span: Span;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface Report {
  message: string;
  /** Where the problem is, in the file being checked (or in `file`, which project rules must give). */
  at: Span;
  file?: SourceFile;
  related?: RelatedLocation[];
  fix?: Fix;
}

/** Project-wide settings from `.mllint.yaml` that more than one rule reads. */
export interface Settings {
  trustedRegistries: string[];
}

export interface RuleContext<M, O> {
  /** The file being checked; project rules have none and name the file in each report. */
  file: M extends Project ? undefined : SourceFile;
  model: M;
  options: O;
  settings: Settings;
  report(report: Report): void;
  /** Tells the user something that is not a finding (e.g. an optional tool is missing); repeated notices show once. */
  notice(message: string): void;
}

export interface DocExample {
  kind: "invalid" | "valid";
  /** The file text, or for multi-file examples a map of relative path to text. */
  files: string | Record<string, string>;
  /** How many findings an invalid example raises; one unless said. */
  count?: number;
  /** Rule options for this example. */
  options?: Record<string, unknown>;
}

export interface RuleDocs {
  /** One line: what the rule asks for. */
  summary: string;
  /** The harm, with the symptom users see. */
  why: string;
  examples: DocExample[];
  /** How to fix it by hand, and what the autofix does. */
  fix?: string;
  references?: string[];
}

export interface RuleOptions<O> {
  /** JSON schema of the options object (validated when the config is loaded). */
  schema: Record<string, unknown>;
  defaults: O;
}

/** What a rule is, without how it checks: the part the registry, docs, SARIF and JSON outputs read. */
export interface RuleMeta {
  code: string;
  name: string;
  target: Target | "engine";
  category: Category;
  severity: Severity;
  status: Status;
  tags: string[];
  /** Equivalent ids in peer tools, as `tool:ID` (e.g. `hadolint:DL3002`). */
  aliases: string[];
  fixable: boolean;
  /**
   * Whether the rule runs without configuration. Style rules and preview rules are opt-in: a config that gives
   * them a severity turns them on (ruff's preview, ESLint's non-recommended rules).
   */
  enabledByDefault: boolean;
  docs: RuleDocs;
}

export interface Rule<T extends Target = Target, O = unknown> extends RuleMeta {
  target: T;
  options?: RuleOptions<O>;
  check(ctx: RuleContext<ModelOf[T], O>): void;
  /**
   * The same check over every file of the run at once, for rules with a fixed cost per call (an external
   * process). When present, the engine calls it once, after all files are checked (and fixed), instead of `check`.
   */
  checkAll?(contexts: RuleContext<ModelOf[T], O>[]): void;
}

/** Any rule, whatever its target and options: what the registry holds. */
export type AnyRule = Rule<Target, unknown>;

type Defaulted = "tags" | "aliases" | "status" | "fixable" | "enabledByDefault";
type RuleInput<T extends Target, O> = Omit<Rule<T, O>, Defaulted> & Partial<Pick<Rule<T, O>, Defaulted>>;

/** Declares a rule with type inference for its target model and options. */
export function defineRule<T extends Target, O = Record<string, never>>(rule: RuleInput<T, O>): Rule<T, O> {
  const status = rule.status ?? "stable";
  return { tags: [], aliases: [], fixable: false, enabledByDefault: status !== "preview", ...rule, status };
}

/** A problem found in a file, after severity overrides. */
export interface Finding {
  rule: RuleMeta;
  severity: Severity;
  message: string;
  file: SourceFile;
  span: Span;
  related: RelatedLocation[];
  fix?: Fix;
}

export const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** File, then position, then rule code, then message: a total order, so every format is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file.path, b.file.path) ||
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    compareText(a.rule.code, b.rule.code) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  // Code-unit order, not localeCompare: output must not depend on the machine's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}
