import type { Edit, Finding, Fix } from "../rule.js";

export interface FixPass {
  text: string;
  /** The fixes applied in this pass. */
  applied: Fix[];
}

/**
 * Applies the fixes whose edits do not overlap an edit already taken, in file order; the rest wait for the next
 * pass (after the file is re-linted, they are recomputed against the new text).
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixPass {
  const ordered = [...fixes].sort((a, b) => firstStart(a) - firstStart(b));
  const taken: Edit[] = [];
  const applied: Fix[] = [];
  for (const fix of ordered) {
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...fix.edits);
    applied.push(fix);
  }
  let result = text;
  for (const edit of taken.sort((a, b) => b.span.start - a.span.start)) {
    result = result.slice(0, edit.span.start) + edit.text + result.slice(edit.span.end);
  }
  return { text: result, applied };
}

/** The fixes `--fix` may apply: safe ones, and unsafe ones only with `--unsafe-fixes`. */
export function fixesToApply(findings: readonly Finding[], unsafe: boolean): Fix[] {
  return findings.flatMap((f) => (f.fix && (f.fix.safety === "safe" || unsafe) ? [f.fix] : []));
}

function firstStart(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.span.start));
}

/** Two edits conflict when their spans intersect, or when an insertion touches the other edit. */
function overlaps(a: Edit, b: Edit): boolean {
  const insertion = a.span.start === a.span.end || b.span.start === b.span.end;
  if (insertion) return a.span.start <= b.span.end && b.span.start <= a.span.end;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}
