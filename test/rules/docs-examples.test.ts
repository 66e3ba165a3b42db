import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import type { DocExample } from "../../src/rule.js";
import { lintProject, lintText } from "../harness.js";

// Biome's rule: the examples in a rule's docs are its first tests. Single-file examples run the rule alone;
// multi-file examples run the whole pipeline on a temporary project and look at this rule's findings.
describe.each(rules.map((rule) => [`${rule.code} ${rule.name}`, rule] as const))("%s", (_title, rule) => {
  const findingsOf = async (example: DocExample) =>
    typeof example.files === "string"
      ? lintText(example.files, [rule], { ruleOptions: example.options })
      : lintProject(example.files, [rule.code]);

  it.each(rule.docs.examples.map((example, i) => [i, example] as const))(
    "example %i",
    async (_i, example) => {
      const findings = await findingsOf(example);
      if (example.kind === "valid") {
        expect(findings.map((f) => `${f.rule.code}: ${f.message}`)).toEqual([]);
      } else {
        expect(findings.map((f) => f.rule.code)).toEqual(Array(example.count ?? 1).fill(rule.code));
      }
    },
  );
});
