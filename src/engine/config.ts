import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import picomatch from "picomatch";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import validateConfigSchema from "../generated/config-validator.js";
import type { RuleMeta, RuleOptions, Settings, Severity } from "../rule.js";
import { closest } from "../suggest.js";
import { RuleNames } from "./rule-names.js";

export type FailOn = Severity | "none";
export type RuleLevel = Severity | "off";

/** A rule's entry under `rules:`: a level, or an object with a level and/or options. */
export type RuleEntry = RuleLevel | RuleEntryObject;
export interface RuleEntryObject {
  severity?: RuleLevel;
  options?: Record<string, unknown>;
}

/**
 * The contents of a `.mllint.yaml` (or `.mllint.yml`); `config-schema.json` is the schema it is validated with.
 *
 * ```yaml
 * root: true                 # stop looking for config files in parent directories
 * failOn: warning            # error | warning | info | none: the lowest severity that makes the exit status 1
 * ignorePaths: ["vendor/**"] # globs relative to this file's directory; a match also ignores everything below it
 * trustedRegistries: ["docker.io", "nvcr.io", "*.ecr.amazonaws.com"]
 * rules:                     # keyed by rule code, name or peer alias (`hadolint:DL3007`), any case
 *   DF001: off               # off | error | warning | info
 *   no-latest-tag: { severity: error, options: { requireDigest: true } }
 * ```
 *
 * Config files nest like `.gitignore`s: the search goes from the linted directory up to the repository root (the
 * directory holding `.git`) or to a file saying `root: true`, and every file found applies, the nearest last. A
 * nearer file's `failOn` and `trustedRegistries` replace farther ones, its `rules` entries override per rule (a
 * level and options merge separately), and every file's `ignorePaths` apply, each relative to its own directory.
 */
export interface MllintConfig {
  root?: boolean;
  failOn?: FailOn;
  ignorePaths?: string[];
  trustedRegistries?: string[];
  rules?: Record<string, RuleEntry>;
}

/** What the config needs to know about a rule. */
export type ConfigurableRule = Pick<
  RuleMeta,
  "code" | "name" | "aliases" | "severity" | "enabledByDefault"
> & {
  options?: RuleOptions<unknown>;
};

/** How an enabled rule runs: it reports at `severity`, and reads `options`. */
export interface RuleConfig {
  severity: Severity;
  /** The rule's defaults overlaid with the options each config file gives (shallow). */
  options: unknown;
}

export interface ResolvedConfig {
  /** The config files that apply, farthest first; empty when none was found. */
  files: string[];
  failOn: FailOn;
  settings: Settings;
  /** Every rule passed to `resolveConfig`, keyed by code; an `off` rule must not run at all. */
  rules: ReadonlyMap<string, RuleConfig | "off">;
  /** Whether a path (absolute, or relative to the working directory) falls under some file's `ignorePaths`. */
  isIgnored(path: string): boolean;
}

/** A config that cannot be used; `messages` are `file:line:col: key.path: problem` lines, all of them. */
export class ConfigError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join("\n"));
    this.name = "ConfigError";
  }
}

/** One config file, parsed and checked against the schema, with what is needed to point at its lines. */
export interface ConfigFile {
  path: string;
  /** The path as messages show it: relative to the working directory when inside it. */
  label: string;
  config: MllintConfig;
  document: Document;
  lineCounter: LineCounter;
}

export const CONFIG_FILE_NAMES = [".mllint.yaml", ".mllint.yml"] as const;
const DEFAULT_FAIL_ON: FailOn = "error";

export interface LoadConfigOptions {
  /** The working directory: `configPath`, message paths and `isIgnored` paths are relative to it. */
  cwd: string;
  /** Where the upward search starts (default `cwd`). */
  searchFrom?: string;
  /** `--config PATH`: use exactly this file and search no further. */
  configPath?: string;
  rules: readonly ConfigurableRule[];
}

/** Finds, reads, validates and resolves the configuration for a run; throws ConfigError when it is unusable. */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const files =
    options.configPath === undefined
      ? discoverConfigFiles(options.searchFrom ?? options.cwd, options.cwd)
      : [readConfigFile(resolve(options.cwd, options.configPath), options.cwd)];
  return resolveConfig(files, options.rules, options.cwd);
}

/**
 * The config files that apply to `startDir`, farthest first: one per directory from `startDir` up to the
 * repository root (the directory holding `.git`), the filesystem root, or a file that says `root: true`.
 */
export function discoverConfigFiles(startDir: string, cwd: string): ConfigFile[] {
  const found: ConfigFile[] = [];
  let dir = resolve(cwd, startDir);
  for (;;) {
    const path = configFileIn(dir);
    const file = path === undefined ? undefined : readConfigFile(path, cwd);
    if (file !== undefined) found.push(file);
    const parent = dirname(dir);
    if (file?.config.root || existsSync(join(dir, ".git")) || parent === dir) break;
    dir = parent;
  }
  return found.reverse();
}

function configFileIn(dir: string): string | undefined {
  const present = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((path) => existsSync(path));
  if (present.length > 1) {
    throw new ConfigError([`${present.join(" and ")}: both exist; keep one of them`]);
  }
  return present[0];
}

/** Reads one config file and checks it against the schema, reporting every problem at once. */
export function readConfigFile(path: string, cwd: string): ConfigFile {
  const label = displayPath(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError([`${label}: cannot read the config file: ${(error as Error).message}`]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, version: "1.2" });
  const file: ConfigFile = { path, label, config: {}, document, lineCounter };
  if (document.errors.length > 0) {
    throw new ConfigError(document.errors.map((e) => located(file, e.pos[0], `invalid YAML: ${e.message}`)));
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigError([located(file, 0, `invalid YAML: ${(error as Error).message}`)]);
  }
  const problems = schemaProblems(file, validateConfigSchema, data, []);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...file, config: data as MllintConfig };
}

/**
 * Merges config files (farthest first) over the rules' defaults. Rule keys must name a known rule, and options
 * must match the rule's option schema; every problem in every file is reported in one ConfigError.
 */
export async function resolveConfig(
  files: readonly ConfigFile[],
  rules: readonly ConfigurableRule[],
  cwd: string,
): Promise<ResolvedConfig> {
  const names = new RuleNames(rules);
  const ruleByCode = new Map(rules.map((rule) => [rule.code, rule]));
  const ruleConfigs = new Map<string, RuleState>(
    rules.map((rule) => [
      rule.code,
      { severity: rule.enabledByDefault ? rule.severity : "off", options: rule.options?.defaults ?? {} },
    ]),
  );
  const problems: string[] = [];
  let failOn = DEFAULT_FAIL_ON;
  let trustedRegistries: string[] = [];
  const ignoreMatchers: IgnoreMatcher[] = [];

  for (const file of files) {
    const { config } = file;
    failOn = config.failOn ?? failOn;
    trustedRegistries = config.trustedRegistries ?? trustedRegistries;
    if (config.ignorePaths?.length) {
      ignoreMatchers.push({ dir: dirname(file.path), matches: picomatch(config.ignorePaths, { dot: true }) });
    }
    problems.push(...(await applyRuleEntries(file, names, ruleByCode, ruleConfigs)));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    files: files.map((file) => file.path),
    failOn,
    settings: { trustedRegistries },
    rules: new Map(
      [...ruleConfigs].map(([code, { severity, options }]) => [
        code,
        severity === "off" ? "off" : { severity, options },
      ]),
    ),
    isIgnored: (path) => ignoreMatchers.some((matcher) => isIgnoredBy(matcher, resolve(cwd, path))),
  };
}

interface RuleState {
  severity: RuleLevel;
  options: unknown;
}

/** Applies one file's `rules:` entries over `states`; returns the problems (unknown rules, bad options). */
async function applyRuleEntries(
  file: ConfigFile,
  names: RuleNames,
  ruleByCode: ReadonlyMap<string, ConfigurableRule>,
  states: Map<string, RuleState>,
): Promise<string[]> {
  const problems: string[] = [];
  const keyByCode = new Map<string, string>();
  for (const [key, setting] of Object.entries(file.config.rules ?? {})) {
    const at = ["rules", key];
    const codes = names.resolve(key);
    if (codes.length === 0) {
      const suggestion = names.suggest(key);
      problems.push(locatedKey(file, at, `unknown rule${suggestion ? `; did you mean ${suggestion}?` : ""}`));
      continue;
    }
    const entry: RuleEntryObject = typeof setting === "string" ? { severity: setting } : setting;
    for (const code of codes) {
      const earlierKey = keyByCode.get(code);
      if (earlierKey !== undefined) {
        problems.push(locatedKey(file, at, `${names.describe(code)} is already set by rules.${earlierKey}`));
        continue;
      }
      keyByCode.set(code, key);
      const state = states.get(code)!;
      if (entry.severity !== undefined) state.severity = entry.severity;
      if (entry.options === undefined) continue;
      const optionProblems = await optionsProblems(file, ruleByCode.get(code)!, names, entry.options, [
        ...at,
        "options",
      ]);
      problems.push(...optionProblems);
      if (optionProblems.length === 0) state.options = { ...(state.options as object), ...entry.options };
    }
  }
  return problems;
}

interface IgnoreMatcher {
  dir: string;
  matches: (relativePath: string) => boolean;
}

/** A pattern ignores the paths it matches and everything below them, so `vendor` works like `vendor/**`. */
function isIgnoredBy(matcher: IgnoreMatcher, absolutePath: string): boolean {
  const rel = relative(matcher.dir, absolutePath);
  if (rel === "" || isOutside(rel)) return false;
  const parts = rel.split(sep);
  return parts.some((_, i) => matcher.matches(parts.slice(0, i + 1).join("/")));
}

async function optionsProblems(
  file: ConfigFile,
  rule: ConfigurableRule,
  names: RuleNames,
  options: Record<string, unknown>,
  at: string[],
): Promise<string[]> {
  if (rule.options === undefined)
    return [locatedKey(file, at, `${names.describe(rule.code)} takes no options`)];
  const validate = await optionsValidator(rule.options.schema);
  return schemaProblems(file, validate, options, at);
}

let optionsAjv: Promise<Ajv> | undefined;
const optionsValidators = new WeakMap<object, ValidateFunction>();

/**
 * Rule option schemas are compiled here, at run time, and only for rules a config gives options to: that is
 * rare, and it keeps ajv's compiler (and the registry) out of the build step and out of every other run's startup.
 */
async function optionsValidator(schema: Record<string, unknown>): Promise<ValidateFunction> {
  optionsAjv ??= import("ajv").then(
    ({ Ajv }) => new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }),
  );
  const ajv = await optionsAjv;
  let validate = optionsValidators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    optionsValidators.set(schema, validate);
  }
  return validate;
}

/**
 * Runs a schema validator over `data` (found at `base` in the file) and turns its errors into located messages,
 * in the order of the file.
 */
function schemaProblems(
  file: ConfigFile,
  validate: ValidateFunction,
  data: unknown,
  base: string[],
): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== "if")
    .map((error) => {
      const problem = describeSchemaError(error);
      const segments = [...base, ...pointerSegments(error.instancePath), ...problem.extraSegments];
      const { offset, keyPath } = keyLocation(file.document, segments);
      return { offset, message: keyPath ? `${keyPath}: ${problem.text}` : problem.text };
    })
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => located(file, offset, message));
}

function describeSchemaError(error: ErrorObject): { text: string; extraSegments: string[] } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "enum":
      return { text: `must be one of ${(params.allowedValues as unknown[]).join(", ")}`, extraSegments: [] };
    case "type":
      return { text: `must be ${typeNames(params.type as string | string[])}`, extraSegments: [] };
    case "pattern":
      // `\S` is how the schema says "not blank" without keywords that need ajv's runtime.
      return {
        text: params.pattern === "\\S" ? "must not be blank" : `must match /${params.pattern}/`,
        extraSegments: [],
      };
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return { text: unknownKeyText(key, known), extraSegments: [key] };
    }
    default:
      return { text: error.message ?? `fails ${error.keyword}`, extraSegments: [] };
  }
}

function unknownKeyText(key: string, known: string[]): string {
  if (known.length === 0) return "unknown key";
  const suggestion = closest(key, known);
  return suggestion
    ? `unknown key; did you mean ${suggestion}?`
    : `unknown key; expected one of ${known.join(", ")}`;
}

function typeNames(type: string | string[]): string {
  const types = Array.isArray(type) ? type : type.split(",");
  return types.map((name) => (/^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`)).join(" or ");
}

/** `/rules/hadolint:DL3007` -> ["rules", "hadolint:DL3007"] (JSON pointer, RFC 6901 escapes). */
function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** `file:line:col: rules.DF001: problem`, at the key (or list item) the segments lead to. */
function locatedKey(file: ConfigFile, segments: readonly string[], problem: string): string {
  const { offset, keyPath } = keyLocation(file.document, segments);
  return located(file, offset, keyPath ? `${keyPath}: ${problem}` : problem);
}

function located(file: ConfigFile, offset: number, message: string): string {
  const { line, col } = file.lineCounter.linePos(offset);
  return `${file.label}:${line}:${col}: ${message}`;
}

/**
 * Follows `segments` through the document: `keyPath` names them all (`rules.DF001`, `ignorePaths[2]`), `offset`
 * is where the deepest existing one starts — the key of a mapping entry, or the item of a list.
 */
function keyLocation(document: Document, segments: readonly string[]): { offset: number; keyPath: string } {
  let node = document.contents as Node | null | undefined;
  let offset = node?.range?.[0] ?? 0;
  let keyPath = "";
  for (const segment of segments) {
    if (isSeq(node)) {
      keyPath += `[${segment}]`;
      node = node.items[Number(segment)] as Node | undefined;
      offset = node?.range?.[0] ?? offset;
    } else {
      keyPath += keyPath === "" ? segment : `.${segment}`;
      const pair = isMap(node)
        ? node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment)
        : undefined;
      offset = (pair?.key as Node | undefined)?.range?.[0] ?? offset;
      node = pair?.value as Node | null | undefined;
    }
  }
  return { offset, keyPath };
}

function isOutside(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const shown = rel === "" || isOutside(rel) ? path : rel;
  return shown.split(sep).join("/");
}
