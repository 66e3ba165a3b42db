import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { applyFixes } from "../../src/engine/fix.js";
import type { AnyRule, Target } from "../../src/rule.js";
import { lintText } from "../harness.js";

// ruff's invariants: fixes converge, keep the file parseable, and make the finding go away.
const syntaxRules = new Map<Target, AnyRule | undefined>(
  (["dockerfile"] as Target[]).map((t) => [t, rules.find((r) => r.target === t && r.code.endsWith("000"))]),
);

function fixAll(text: string, rule: AnyRule, options?: Record<string, unknown>): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = lintText(current, [rule], { ruleOptions: options }).flatMap((f) => (f.fix ? [f.fix] : []));
    const { text: next, applied } = applyFixes(current, fixes);
    if (applied.length === 0) return current;
    current = next;
  }
  throw new Error(`fixes for ${rule.code} did not converge in 10 passes`);
}

const invalidExamples = (rule: AnyRule) =>
  rule.docs.examples.filter((e) => e.kind === "invalid" && typeof e.files === "string");

describe.each(rules.filter((r) => r.fixable).map((r) => [`${r.code} ${r.name}`, r] as const))(
  "%s",
  (_t, rule) => {
    it("offers a titled fix on at least one invalid doc example", () => {
      const fixes = invalidExamples(rule).flatMap((e) =>
        lintText(e.files as string, [rule], { ruleOptions: e.options }).flatMap((f) =>
          f.fix ? [f.fix] : [],
        ),
      );
      expect(fixes.length).toBeGreaterThan(0);
      for (const fix of fixes) expect(fix.title.length).toBeGreaterThan(3);
    });

    it.each(invalidExamples(rule).map((e, i) => [i, e] as const))(
      "example %i: fixed text parses and passes",
      (_i, e) => {
        const before = e.files as string;
        const after = fixAll(before, rule, e.options);
        const hadFix = lintText(before, [rule], { ruleOptions: e.options }).some((f) => f.fix);
        if (!hadFix) return expect(after).toBe(before);
        const remaining = lintText(after, [rule], { ruleOptions: e.options }).filter((f) => f.fix);
        expect(remaining).toEqual([]);
        const syntax = syntaxRules.get(rule.target);
        if (syntax)
          expect(lintText(after, [syntax]).length).toBeLessThanOrEqual(lintText(before, [syntax]).length);
      },
    );
  },
);

describe("rules that declare no fix", () => {
  it.each(rules.filter((r) => !r.fixable).map((r) => [r.code, r] as const))("%s offers none", (_c, rule) => {
    for (const e of invalidExamples(rule)) {
      expect(lintText(e.files as string, [rule], { ruleOptions: e.options }).filter((f) => f.fix)).toEqual(
        [],
      );
    }
  });
});
