/**
 * Order checks for the compose style rules, and their fix: the entries of a block mapping or list moved as whole
 * lines, never re-serialised, so comments, quotes and anchors stay exactly as written.
 *
 * A fix is offered only when moving is sure to keep the meaning: every entry starts on its own line and ends its
 * last line, and no alias would come to precede its anchor. Blank lines between entries stay where they are; a
 * comment directly above an entry (except the first, whose comment may head the whole section) moves with it.
 */
import { isScalar, type Node, type Pair, visit, type YAMLMap, type YAMLSeq } from "yaml";
import { nodeSpan, scalarText } from "../parse/yaml.js";
import type { Edit } from "../rule.js";
import type { SourceFile, Span } from "../source.js";

/** One entry of a collection: a `key: value` pair or a list item. */
export interface Entry {
  /** The key, or the item's scalar text. */
  name: string;
  /** What a finding points at: the key, or the item. */
  at: Span;
  /** The whole entry as written. */
  span: Span;
  nodes: Node[];
}

/** The pairs of a mapping as entries; `<<` merge keys are left out (they stay where they are). */
export function pairEntries(map: YAMLMap): Entry[] {
  return (map.items as Pair<Node, Node | null>[]).flatMap((pair) => {
    const name = isScalar(pair.key) && typeof pair.key.value !== "symbol" ? scalarText(pair.key) : undefined;
    if (name === undefined) return [];
    const at = nodeSpan(pair.key);
    const end = pair.value ? nodeSpan(pair.value).end : at.end;
    return [
      { name, at, span: { start: at.start, end }, nodes: pair.value ? [pair.key, pair.value] : [pair.key] },
    ];
  });
}

/** The items of a list as entries, named by their text (or by `nameOf` for a mapping item). */
export function itemEntries(seq: YAMLSeq, nameOf: (item: Node) => string | undefined = scalarText): Entry[] {
  return (seq.items as Node[]).flatMap((item) => {
    const name = nameOf(item);
    if (name === undefined) return [];
    const span = nodeSpan(item);
    return [{ name, at: span, span, nodes: [item] }];
  });
}

/** The first entry that belongs before an earlier one, and the first earlier entry it belongs before. */
export function misplaced<T>(
  entries: readonly T[],
  compare: (a: T, b: T) => number,
): { entry: T; before: T } | undefined {
  const i = entries.findIndex((entry, k) => k > 0 && compare(entries[k - 1]!, entry) > 0);
  if (i === -1) return undefined;
  const entry = entries[i]!;
  return { entry, before: entries.find((other) => compare(other, entry) > 0)! };
}

/** The edit that sorts the entries (stably) by moving their lines; undefined when that could change the meaning. */
export function sortEdit<T extends Entry>(
  file: SourceFile,
  entries: readonly T[],
  compare: (a: T, b: T) => number,
): Edit | undefined {
  const order = entries.map((_, i) => i).sort((a, b) => compare(entries[a]!, entries[b]!) || a - b);
  const blocks = lineBlocks(file, entries);
  if (!blocks || !anchorsStayFirst(entries, order)) return undefined;
  let text = "";
  order.forEach((from, to) => {
    text += file.slice(blocks[from]!);
    if (to < blocks.length - 1) text += file.text.slice(blocks[to]!.end, blocks[to + 1]!.start);
  });
  return { span: { start: blocks[0]!.start, end: blocks.at(-1)!.end }, text };
}

/**
 * The whole lines of each entry, with the comment lines directly above it (not for the first entry); undefined when
 * an entry shares a line with something else (a flow collection, `- &anchor item`).
 */
function lineBlocks(file: SourceFile, entries: readonly Entry[]): Span[] | undefined {
  const blocks: Span[] = [];
  let previousEnd = 0;
  for (const [k, { span }] of entries.entries()) {
    const first = file.position(span.start).line;
    const last = file.position(Math.max(span.start, span.end - 1)).line;
    const before = file.text.slice(file.lineStart(first), span.start);
    const after = file.text.slice(span.end, file.lineEnd(last));
    if (!/^[ \t]*(?:-[ \t]+)?$/.test(before) || !/^[ \t]*(?:#.*)?$/.test(after) || first <= previousEnd) {
      return undefined;
    }
    let top = first;
    while (k > 0 && top - 1 > previousEnd && /^[ \t]*#/.test(file.lines[top - 2] ?? "")) top--;
    blocks.push({ start: file.lineStart(top), end: file.lineEnd(last) });
    previousEnd = last;
  }
  return blocks;
}

/** After the move, every alias inside the entries still follows the one anchor of its name. */
function anchorsStayFirst(entries: readonly Entry[], order: readonly number[]): boolean {
  const defined = new Map<string, number>();
  const used = entries.map(() => new Set<string>());
  entries.forEach((entry, i) => {
    for (const node of entry.nodes) {
      visit(node, {
        Alias: (_, alias) => void used[i]!.add(alias.source),
        Node: (_, n) => {
          if (!n.anchor) return;
          // The same anchor name defined twice: which one an alias means depends on the order.
          defined.set(n.anchor, defined.has(n.anchor) ? -1 : i);
        },
      });
    }
  });
  const seen = new Set<number>();
  for (const i of order) {
    for (const name of used[i]!) {
      const home = defined.get(name);
      if (home === -1 || (home !== undefined && home !== i && !seen.has(home))) return false;
    }
    seen.add(i);
  }
  return true;
}

/** Entries by name, in code-unit order (the same on every machine, unlike a locale's collation). */
export function byName(a: Entry, b: Entry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
