/**
 * Compose's `${VAR}` interpolation, resolved against the `.env` file beside the compose file. The shell's own
 * environment is never read: a lint must give the same result on every machine, so a variable `.env` does not
 * set counts as unset, and forms that would then come out empty or fail stay as written and are flagged.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SourceFile } from "../source.js";

export type Variables = ReadonlyMap<string, string>;

export interface Interpolated {
  value: string;
  /** Variables that `.env` does not set and that have no default, in order of appearance. */
  unresolved: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Resolves `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alternative}`, `${VAR+alternative}` (defaults may nest) and `$$`. An unset `$VAR`, `${VAR}` or
 * `${VAR:?error}` keeps its text; any other malformed `$` is kept as written.
 */
export function interpolate(text: string, variables: Variables): Interpolated {
  const unresolved: string[] = [];
  let value = "";
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf("$", i);
    if (dollar === -1) break;
    value += text.slice(i, dollar);
    const { replacement, end } = expansionAt(text, dollar, variables, unresolved);
    value += replacement;
    i = end;
  }
  value += text.slice(i);
  return { value, unresolved };
}

/** The replacement for the `$...` at `start` and the offset after it. */
function expansionAt(
  text: string,
  start: number,
  variables: Variables,
  unresolved: string[],
): { replacement: string; end: number } {
  const next = text[start + 1];
  if (next === "$") return { replacement: "$", end: start + 2 };
  if (next !== "{") {
    const name = NAME.exec(text.slice(start + 1))?.[0];
    if (!name) return { replacement: "$", end: start + 1 };
    const end = start + 1 + name.length;
    return { replacement: lookup(name, text.slice(start, end), variables, unresolved), end };
  }
  const close = matchingBrace(text, start + 1);
  if (close === -1) return { replacement: text.slice(start), end: text.length };
  const written = text.slice(start, close + 1);
  const body = text.slice(start + 2, close);
  const name = NAME.exec(body)?.[0];
  if (!name) return { replacement: written, end: close + 1 };
  const operator = /^(:?[-?+])?/.exec(body.slice(name.length))![0];
  const operand = body.slice(name.length + operator.length);
  if (operator === "" && operand !== "") return { replacement: written, end: close + 1 };
  const set = variables.get(name);
  const present = operator.startsWith(":") ? set !== undefined && set !== "" : set !== undefined;
  const nested = () => {
    const inner = interpolate(operand, variables);
    unresolved.push(...inner.unresolved);
    return inner.value;
  };
  let replacement: string;
  switch (operator.at(-1)) {
    case "-":
      replacement = present ? set! : nested();
      break;
    case "+":
      replacement = present ? nested() : "";
      break;
    default:
      replacement = present ? set! : lookup(name, written, variables, unresolved);
  }
  return { replacement, end: close + 1 };
}

function lookup(name: string, written: string, variables: Variables, unresolved: string[]): string {
  const value = variables.get(name);
  if (value !== undefined) return value;
  unresolved.push(name);
  return written;
}

/** The `}` closing the `{` at `open`, counting nested `${`; -1 when unclosed. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * Reads a `.env` file: `KEY=VALUE` lines, an optional `export `, `#` comments, single quotes (literal), double
 * quotes (`\n`, `\"` and `\\` escapes) and unquoted values ending at ` #`.
 */
export function parseDotEnv(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (match) variables.set(match[1]!, dotEnvValue(match[2]!));
  }
  return variables;
}

function dotEnvValue(raw: string): string {
  const single = /^'([^']*)'/.exec(raw);
  if (single) return single[1]!;
  const double = /^"((?:[^"\\]|\\.)*)"/.exec(raw);
  if (double) return double[1]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
  return raw.replace(/\s+#.*$/, "").trim();
}

/** The variables of the `.env` beside a compose file; none when there is no such file or it cannot be read. */
export function dotEnvBeside(file: SourceFile): Map<string, string> {
  try {
    return parseDotEnv(readFileSync(join(dirname(file.absolutePath), ".env"), "utf8"));
  } catch {
    return new Map();
  }
}
