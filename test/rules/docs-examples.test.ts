import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { lintText } from "../harness.js";

// Biome's rule: the examples in a rule's docs are its first tests.
describe.each(rules.map((rule) => [`${rule.code} ${rule.name}`, rule] as const))("%s", (_title, rule) => {
  const examples = rule.docs.examples.filter((e) => typeof e.files === "string");
  it.each(examples.map((example, i) => [i, example] as const))("example %i", (_i, example) => {
    const findings = lintText(example.files as string, [rule], { ruleOptions: example.options });
    if (example.kind === "valid") {
      expect(findings.map((f) => `${f.rule.code}: ${f.message}`)).toEqual([]);
    } else {
      expect(findings.map((f) => f.rule.code)).toEqual(Array(example.count ?? 1).fill(rule.code));
    }
  });
});
