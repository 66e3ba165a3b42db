/**
 * Reads YAML with the `yaml` package and gives what the compose and Kubernetes models need on top of it: every
 * error and warning as a problem with a span (never an exception), the span of any key, value, pair or item, and
 * paths (`["services", "api", "ports", 0]`) followed through aliases and `<<` merge keys to the node as written.
 *
 * Where an inherited value is reported: at the node where its text is written — the anchor's node (or the key
 * inside the anchored mapping) — because that is the text that is wrong and the text a fix edits. The alias
 * (`*defaults`) through which the path reached it is kept as `via`, so a rule can point at the use as well.
 *
 * Positions stay UTF-16 offsets into `SourceFile.text` (the yaml package counts the same units, and the BOM is
 * already gone); SourceFile turns them into lines, so no LineCounter is needed here.
 */
import {
  type Document,
  type EmptyStream,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseAllDocuments,
  type Scalar,
  type Tags,
  visit,
  type YAMLError,
  type YAMLMap,
} from "yaml";
import type { SourceFile, Span } from "../source.js";

export type YamlDocument = Document.Parsed;
export type YamlPair = Pair<Node, Node | null>;

export interface YamlProblem {
  /** The yaml package's error code (`DUPLICATE_KEY`, `BAD_INDENT`...), or ours (`ALIAS_LIMIT`). */
  code: string;
  message: string;
  span: Span;
  severity: "error" | "warning";
}

export interface YamlStream {
  /** One per `---` document; empty for an empty or comment-only file. */
  documents: YamlDocument[];
  problems: YamlProblem[];
}

/**
 * How many times the aliases of one anchor may be expanded when converting to plain data. The yaml package
 * multiplies nested counts, so a "billion laughs" stream fails fast; real compose files stay far below it.
 */
const MAX_ALIAS_COUNT = 1000;

/**
 * Nesting (flow brackets, or columns of indentation) deeper than this is refused before parsing. The yaml package
 * recurses once per level; near the end of the stack V8 has been seen to abort the whole process (an "out of
 * memory" while compiling a regular expression) instead of throwing. Real compose files nest about ten levels.
 */
const MAX_NESTING = 256;

/**
 * Parses every document of a YAML stream, pinned to YAML 1.2 (`on: yes` stays a string), merge keys on.
 * `customTags` are the application tags the file format defines (Compose's `!reset`), so they are not warned about.
 */
export function parseYaml(file: SourceFile, customTags: Tags = []): YamlStream {
  const tooDeep = nestingBeyond(file.text, MAX_NESTING);
  if (tooDeep !== undefined) {
    const message = `nesting deeper than ${MAX_NESTING} levels; the file is not read`;
    const span = { start: tooDeep, end: tooDeep + 1 };
    return { documents: [], problems: [{ code: "RESOURCE_EXHAUSTION", message, span, severity: "error" }] };
  }
  const stream = parseAllDocuments(file.text, {
    version: "1.2",
    merge: true,
    uniqueKeys: true,
    keepSourceTokens: true,
    customTags,
    // The pretty form adds a code frame to each message, and building it exhausts memory on very deep nesting.
    prettyErrors: false,
  });
  // An empty or comment-only stream has no documents; its own errors and warnings say why (if anything is wrong).
  const sources: Pick<YamlDocument, "errors" | "warnings">[] =
    "empty" in stream ? [stream as EmptyStream] : stream;
  const problems = sources.flatMap(({ errors, warnings }) => [
    ...errors.map((error) => problemOf(file, error, "error")),
    ...warnings.map((warning) => problemOf(file, warning, "warning")),
  ]);
  for (const problem of problems) {
    if (problem.code === "DUPLICATE_KEY") problem.span = duplicateKeySpan(stream, problem.span);
  }
  return { documents: [...stream], problems };
}

/**
 * The offset where the text first nests deeper than `limit`: inside more open `[`/`{` (quotes are not skipped,
 * which can only overcount), or indented by more columns. Undefined when it never does. One linear pass.
 */
function nestingBeyond(text: string, limit: number): number | undefined {
  let flow = 0;
  let indent = 0;
  let indenting = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      indent = 0;
      indenting = true;
      continue;
    }
    if (indenting && c === 32) {
      if (++indent > limit) return i;
      continue;
    }
    indenting = false;
    if (c === 91 || c === 123) {
      if (++flow > limit) return i;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return undefined;
}

function problemOf(file: SourceFile, error: YAMLError, severity: YamlProblem["severity"]): YamlProblem {
  const start = Math.min(error.pos[0], file.text.length);
  const span = { start, end: Math.max(start, Math.min(error.pos[1], file.text.length)) };
  return { code: error.code, message: error.message, span, severity };
}

/** The yaml package marks a duplicate key by its first character; the span of the whole key is better. */
function duplicateKeySpan(documents: readonly YamlDocument[], at: Span): Span {
  let span = at;
  for (const document of documents) {
    visit(document, {
      Pair(_, pair) {
        const key = pair.key as Node | null;
        if (key?.range?.[0] !== at.start) return undefined;
        span = nodeSpan(key);
        return visit.BREAK;
      },
    });
  }
  return span;
}

/**
 * The document as plain data (aliases and merge keys resolved), or a problem when converting it would cost
 * unbounded work (an alias bomb) or recursion (absurd nesting).
 */
export function yamlData(document: YamlDocument): { data: unknown } | { problem: YamlProblem } {
  try {
    return { data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const [start, end] = document.range;
    const reason = error instanceof RangeError ? "it is nested too deeply" : "its aliases expand too much";
    return {
      problem: {
        code: "RESOURCE_EXHAUSTION",
        message: `the document is not read because ${reason}`,
        span: { start, end },
        severity: "error",
      },
    };
  }
}

/**
 * The text of a node without any trailing comment. A block collection ends where its last item ends (the yaml
 * package's range runs on over the line break after it).
 */
export function nodeSpan(node: Node): Span {
  const [start, end] = node.range ?? [0, 0];
  const last = isCollection(node) && !node.flow ? node.items.at(-1) : undefined;
  if (last === undefined) return { start, end };
  const lastNode = (isPair(last) ? (last.value ?? last.key) : last) as Node | null;
  return { start, end: lastNode ? nodeSpan(lastNode).end : end };
}

/** The key of a mapping entry. */
export function keySpan(pair: YamlPair): Span {
  return nodeSpan(pair.key);
}

/** The value of a mapping entry; empty just after the key when there is none (`key:`). */
export function valueSpan(pair: YamlPair): Span {
  if (pair.value) return nodeSpan(pair.value);
  const end = keySpan(pair).end;
  return { start: end, end };
}

/** The whole `key: value` entry. */
export function pairSpan(pair: YamlPair): Span {
  return { start: keySpan(pair).start, end: valueSpan(pair).end };
}

/** The text of a scalar key or value as a string (`80` -> "80", `true` -> "true"); undefined for collections. */
export function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null ? undefined : String(node.value);
}

/**
 * Where a scalar's value starts in the source when it is written there character for character (plain on one
 * line, or quoted without escapes), so that offsets into the value are offsets into the file; undefined otherwise.
 */
export function verbatimStart(source: string, node: Scalar): number | undefined {
  const text = scalarText(node);
  if (text === undefined) return undefined;
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
  const start = nodeSpan(node).start + (quoted ? 1 : 0);
  return source.slice(start, start + text.length) === text ? start : undefined;
}

/** A `<<` merge key (the yaml package gives it a symbol value, whatever the source spelling). */
function isMergeKey(pair: YamlPair): boolean {
  return isScalar(pair.key) && typeof pair.key.value === "symbol";
}

/** An alias replaced by its anchor's node; any other node as is. */
export function resolveAlias(document: YamlDocument, node: Node | null): Node | null {
  return isAlias(node) ? (node.resolve(document) ?? null) : node;
}

/** One entry of a mapping as Compose sees it after merging. */
export interface MapEntry {
  key: string;
  pair: YamlPair;
  /** For an entry inherited through `<<`, the alias that brought it in. */
  via?: Span;
}

/**
 * The entries of a mapping after `<<` merges, in the mapping's order: its own keys win over merged ones, and an
 * earlier merge source wins over a later one (YAML merge-key semantics, as `docker compose` applies them).
 */
export function mapEntries(document: YamlDocument, map: YAMLMap, seen = new Set<YAMLMap>()): MapEntry[] {
  if (seen.has(map)) return [];
  seen.add(map);
  const own = new Map<string, MapEntry>();
  const merged: MapEntry[] = [];
  for (const pair of map.items as YamlPair[]) {
    if (isMergeKey(pair)) {
      merged.push(...mergeSources(document, pair, seen));
      continue;
    }
    const key = scalarText(pair.key);
    // A later duplicate replaces an earlier one, as in the parsed data; the duplicate itself is a syntax problem.
    if (key !== undefined) own.set(key, { key, pair });
  }
  const entries = [...own.values()];
  for (const entry of merged) {
    if (own.has(entry.key)) continue;
    own.set(entry.key, entry);
    entries.push(entry);
  }
  return entries;
}

/** The entries a `<<: *a` or `<<: [*a, *b]` brings in, first source first. */
function mergeSources(document: YamlDocument, pair: YamlPair, seen: Set<YAMLMap>): MapEntry[] {
  const sources = isSeq(pair.value) ? (pair.value.items as Node[]) : pair.value ? [pair.value] : [];
  return sources.flatMap((source) => {
    const map = resolveAlias(document, source);
    if (!isMap(map)) return [];
    const via = nodeSpan(source);
    return mapEntries(document, map, seen).map((entry) => ({ ...entry, via: entry.via ?? via }));
  });
}

/** The entry for `key` in a mapping, merges included. */
export function mapEntry(document: YamlDocument, map: YAMLMap, key: string): MapEntry | undefined {
  return mapEntries(document, map).find((entry) => entry.key === key);
}

/** Where a path led: the node, the mapping entry holding it (when reached through a key), and any alias used. */
export interface PathTarget {
  /** The value at the path, aliases resolved; null for an empty value (`key:`). */
  node: Node | null;
  /** The entry whose value it is, when the last segment is a mapping key. */
  pair?: YamlPair;
  /** The span of the value as written at the path: the alias itself when the value is an alias. */
  written: Span;
  /** The first alias or merge source the path went through. */
  via?: Span;
}

/**
 * Follows a path of mapping keys and sequence indexes from the document's root through aliases and merge keys;
 * undefined when some segment is missing.
 */
export function nodeAtPath(
  document: YamlDocument,
  path: readonly (string | number)[],
): PathTarget | undefined {
  const root = document.contents as Node | null;
  const [start, end] = document.range;
  let target: PathTarget = { node: root, written: root ? nodeSpan(root) : { start, end } };
  for (const segment of path) {
    const next = step(document, target.node, segment);
    if (!next) return undefined;
    target = { ...next, via: target.via ?? next.via };
  }
  return target;
}

function step(document: YamlDocument, node: Node | null, segment: string | number): PathTarget | undefined {
  if (isSeq(node) && typeof segment === "number") {
    const item = (node.items as Node[])[segment];
    return item === undefined ? undefined : written(document, item, nodeSpan(item));
  }
  if (!isMap(node)) return undefined;
  const entry = mapEntry(document, node, String(segment));
  if (!entry) return undefined;
  const target = written(document, entry.pair.value, valueSpan(entry.pair));
  return { ...target, pair: entry.pair, via: entry.via ?? target.via };
}

/** A node as written at `span` (maybe an alias), and the node it stands for. */
function written(document: YamlDocument, node: Node | null, span: Span): PathTarget {
  return { node: resolveAlias(document, node), written: span, via: isAlias(node) ? span : undefined };
}
