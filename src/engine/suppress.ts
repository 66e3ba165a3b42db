import type { Finding } from "../rule.js";
import type { SourceFile, Span } from "../source.js";
import { type RuleIdentity, RuleNames } from "./rule-names.js";

/**
 * Who wrote the comment. Only `mllint` suppressions are ours to police; `hadolint` pragmas and BuildKit's
 * `# check=skip=` are shared with those tools, so naming rules mllint lacks, or suppressing nothing, is fine.
 */
export type SuppressionSource = "mllint" | "hadolint" | "buildkit";

/** One rule as the comment spells it: a code, name or alias for mllint, the peer's own id otherwise. */
export interface SuppressionToken {
  text: string;
  span: Span;
}

/**
 * A request to drop findings: from a comment, or (later) from a Kubernetes `mllint.io/ignore` annotation, whose
 * scope is the annotated object.
 */
export interface Suppression {
  file: SourceFile;
  source: SuppressionSource;
  /** The comment that asked for it. */
  comment: Span;
  /** The text whose findings it drops, or the whole file. */
  scope: Span | "file";
  tokens: SuppressionToken[];
  /** The text after `--`, if any. */
  reason: string | undefined;
  /** Set when the comment looks like a suppression but cannot be read; it then suppresses nothing. */
  problem: string | undefined;
}

export interface ParseSuppressionsOptions {
  /**
   * The statement that starts at `offset` (the first non-blank character of a line): a whole Dockerfile
   * instruction with its continuation lines, a YAML key with its block. Without it, YAML files use
   * `yamlBlockAt` and other files the line alone.
   */
  statementAt?: (offset: number) => Span | undefined;
}

/** Comments that try to be mllint suppressions, so that a misspelt one is reported rather than ignored. */
const MLLINT_COMMENT = /^#\s*mllint[\s:-]+(global|ignore|disable|skip|noqa)/i;
const MLLINT_IGNORE = /^#\s*mllint\s+(global\s+)?ignore\s*=(.*)$/i;
const HADOLINT_IGNORE = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([\w,-]+)/i;
const PARSER_DIRECTIVE = /^#\s*([a-z][\w-]*)\s*=(.*)$/i;
const EXPECTED_FORM = "expected `# mllint ignore=RULE[,RULE...] [-- reason]` or `# mllint global ignore=...`";

/**
 * Reads the suppression comments of a file. A comment on its own line covers the next line that is neither
 * blank nor a comment (stretched to its whole statement); a `global` one, or a BuildKit `# check=skip=`
 * directive at the top of a Dockerfile, covers the whole file.
 */
export function parseSuppressions(file: SourceFile, opts: ParseSuppressionsOptions = {}): Suppression[] {
  const statementAt = opts.statementAt ?? (isYaml(file) ? yamlBlockAt(file) : undefined);
  const suppressions: Suppression[] = [];
  let inDirectives = file.kind === "dockerfile";
  for (let index = 0; index < file.lines.length; index++) {
    const line = file.lines[index]!;
    const trimmed = line.trimStart();
    const start = file.lineStart(index + 1) + (line.length - trimmed.length);
    const comment = { start, end: file.lineEnd(index + 1) };
    if (inDirectives) {
      const directive = PARSER_DIRECTIVE.exec(trimmed);
      inDirectives = directive !== null;
      if (directive?.[1]?.toLowerCase() === "check") {
        const skip = checkDirective(file, comment, directive[2]!, comment.start + trimmed.indexOf("=") + 1);
        if (skip) suppressions.push(skip);
        continue;
      }
    }
    if (!trimmed.startsWith("#")) continue;
    const read = readComment(file, trimmed, comment);
    if (read === undefined) continue;
    const { global, ...suppression } = read;
    const scope = suppression.problem || global ? "file" : nextStatement(file, index + 1, statementAt);
    suppressions.push({ ...suppression, scope });
  }
  return suppressions;
}

type ReadComment = Omit<Suppression, "scope"> & { global: boolean };

function readComment(file: SourceFile, text: string, comment: Span): ReadComment | undefined {
  const base = { file, comment, reason: undefined, problem: undefined, tokens: [], global: false };
  if (MLLINT_COMMENT.test(text)) {
    const match = MLLINT_IGNORE.exec(text);
    if (match === null)
      return { ...base, source: "mllint", problem: `unreadable mllint comment; ${EXPECTED_FORM}` };
    const [list, ...reasonParts] = match[2]!.split("--");
    const listStart = comment.start + text.length - match[2]!.length;
    const tokens = splitTokens(list!, listStart);
    const reason = reasonParts.length > 0 ? reasonParts.join("--").trim() || undefined : undefined;
    const problem = tokens.length === 0 ? `mllint ignore names no rule; ${EXPECTED_FORM}` : undefined;
    return { ...base, source: "mllint", tokens, reason, problem, global: match[1] !== undefined };
  }
  if (file.kind !== "dockerfile") return undefined;
  const hadolint = HADOLINT_IGNORE.exec(text);
  if (hadolint === null) return undefined;
  const listStart = comment.start + hadolint.index + hadolint[0].length - hadolint[2]!.length;
  return {
    ...base,
    source: "hadolint",
    tokens: splitTokens(hadolint[2]!, listStart),
    global: hadolint[1] !== undefined,
  };
}

/** BuildKit's `# check=skip=A,B;error=true`: the `skip` list, file-wide. */
function checkDirective(
  file: SourceFile,
  comment: Span,
  value: string,
  valueStart: number,
): Suppression | undefined {
  let offset = valueStart;
  for (const part of value.split(";")) {
    const skip = /^\s*skip\s*=/i.exec(part);
    if (skip) {
      const tokens = splitTokens(part.slice(skip[0].length), offset + skip[0].length);
      return {
        file,
        source: "buildkit",
        comment,
        scope: "file",
        tokens,
        reason: undefined,
        problem: undefined,
      };
    }
    offset += part.length + 1;
  }
  return undefined;
}

/** Splits `A, B,C` into tokens with their offsets; `start` is the offset of `list` in the file. */
function splitTokens(list: string, start: number): SuppressionToken[] {
  const tokens: SuppressionToken[] = [];
  for (const match of list.matchAll(/[^,\s]+/g)) {
    tokens.push({
      text: match[0],
      span: { start: start + match.index, end: start + match.index + match[0].length },
    });
  }
  return tokens;
}

/**
 * The span of the first line from `fromIndex` (0-based) that is neither blank nor a comment, stretched to its
 * statement — unless that statement began on an earlier line (a comment inside a multi-line RUN covers only the
 * next line). An empty span at the end when no such line follows.
 */
function nextStatement(
  file: SourceFile,
  fromIndex: number,
  statementAt: ((offset: number) => Span | undefined) | undefined,
): Span {
  for (let index = fromIndex; index < file.lines.length; index++) {
    const line = file.lines[index]!;
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const lineSpan = { start: file.lineStart(index + 1), end: file.lineEnd(index + 1) };
    const statement = statementAt?.(lineSpan.start + line.length - trimmed.length);
    return statement && statement.start >= lineSpan.start
      ? { start: lineSpan.start, end: statement.end }
      : lineSpan;
  }
  return { start: file.text.length, end: file.text.length };
}

function isYaml(file: SourceFile): boolean {
  return file.kind === "compose" || file.kind === "k8s";
}

/**
 * For YAML read by indentation: a line plus the lines indented deeper below it (a key's block value, a list
 * item's other keys, a block scalar), plus same-indented `- ` items when the line is a key with an empty value.
 */
export function yamlBlockAt(file: SourceFile): (offset: number) => Span {
  return (offset) => {
    const first = file.position(offset).line;
    const indent = offset - file.lineStart(first);
    const opensList = /:\s*(#.*)?$/.test(file.lines[first - 1]!);
    let last = first;
    for (let line = first + 1; line <= file.lines.length; line++) {
      const text = file.lines[line - 1]!;
      const trimmed = text.trimStart();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      const lineIndent = text.length - trimmed.length;
      const belongs = lineIndent > indent || (opensList && lineIndent === indent && /^-(\s|$)/.test(trimmed));
      if (!belongs) break;
      last = line;
    }
    return { start: offset, end: file.lineEnd(last) };
  };
}

export interface UnusedSuppression {
  file: SourceFile;
  span: Span;
  message: string;
}

// One lookup table per rule list: a run suppresses file after file against the same registry.
const namesCache = new WeakMap<readonly RuleIdentity[], RuleNames>();
function namesOf(rules: readonly RuleIdentity[]): RuleNames {
  const cached = namesCache.get(rules);
  if (cached) return cached;
  const names = new RuleNames(rules);
  namesCache.set(rules, names);
  return names;
}

/**
 * Drops the findings that suppressions cover and reports the mllint suppressions that are wrong or useless: an
 * unreadable comment, a token naming no rule, or a rule that reported nothing where the comment points.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  rules: readonly RuleIdentity[],
): { kept: Finding[]; unused: UnusedSuppression[] } {
  const names = namesOf(rules);
  const resolved = suppressions.map((suppression) => ({
    suppression,
    tokenCodes: suppression.tokens.map((token) => codesNamedBy(suppression.source, token.text, names)),
    used: suppression.tokens.map(() => false),
  }));
  const byPath = groupBy(resolved, (entry) => entry.suppression.file.path);

  const kept = findings.filter((finding) => {
    let suppressed = false;
    for (const entry of byPath.get(finding.file.path) ?? []) {
      if (entry.suppression.problem || !covers(entry.suppression.scope, finding.span)) continue;
      entry.tokenCodes.forEach((codes, i) => {
        if (!codes.includes(finding.rule.code)) return;
        entry.used[i] = true;
        suppressed = true;
      });
    }
    return !suppressed;
  });

  const unused: UnusedSuppression[] = [];
  for (const { suppression, tokenCodes, used } of resolved) {
    if (suppression.source !== "mllint") continue;
    const { file } = suppression;
    if (suppression.problem) {
      unused.push({ file, span: suppression.comment, message: suppression.problem });
      continue;
    }
    suppression.tokens.forEach((token, i) => {
      const message = tokenCodes[i]!.length === 0 ? unknownRuleMessage(token.text, names) : undefined;
      if (message) unused.push({ file, span: token.span, message });
      else if (!used[i])
        unused.push({ file, span: token.span, message: unusedMessage(token.text, suppression) });
    });
  }
  return { kept, unused };
}

function codesNamedBy(source: SuppressionSource, token: string, names: RuleNames): string[] {
  switch (source) {
    case "mllint":
      return names.resolve(token);
    case "hadolint":
      // hadolint passes ShellCheck's SCxxxx codes through its own pragma.
      return [...names.resolve(`hadolint:${token}`), ...names.resolve(`shellcheck:${token}`)];
    case "buildkit":
      return token.toLowerCase() === "all"
        ? names.withAliasFrom("buildkit")
        : names.resolve(`buildkit:${token}`);
  }
}

function covers(scope: Span | "file", span: Span): boolean {
  return scope === "file" || (span.start >= scope.start && span.start <= scope.end);
}

function unknownRuleMessage(token: string, names: RuleNames): string {
  const suggestion = names.suggest(token);
  return `unknown rule "${token}" in mllint ignore${suggestion ? `; did you mean ${suggestion}?` : ""}`;
}

function unusedMessage(token: string, suppression: Suppression): string {
  const where = suppression.scope === "file" ? "in this file" : "in the statement that follows";
  return `unused suppression: ${token} reported nothing ${where}`;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
