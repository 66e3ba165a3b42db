import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { engineDiagnostics } from "../../src/engine/diagnostics.js";

const rulesDir = join(import.meta.dirname, "../../rules");
const ruleFiles = readdirSync(rulesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(rulesDir, dir.name)).map((file) => join(dir.name, file)));

describe("rule registry", () => {
  const all = [...rules, ...engineDiagnostics];

  it("has unique codes and names", () => {
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    expect(new Set(all.map((r) => r.name)).size).toBe(all.length);
  });

  it("uses the code prefix of each target", () => {
    const prefix = { dockerfile: "DF", compose: "DC", k8s: "K8S", project: "XP", engine: "ML" } as const;
    for (const rule of all)
      expect(rule.code, rule.name).toMatch(new RegExp(`^${prefix[rule.target]}\\d{3}$`));
  });

  it("names rules in kebab-case", () => {
    for (const rule of all) expect(rule.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it("lists every rule file once, in code order, and names each file after its rule", async () => {
    const byFile = new Map<string, string>();
    for (const file of ruleFiles) {
      const module = await import(join(rulesDir, file));
      byFile.set(basename(file, ".ts"), module.default.code);
      expect(rules, file).toContain(module.default);
      expect(`${module.default.target}/${module.default.name}.ts`).toBe(file);
    }
    expect(byFile.size).toBe(rules.length);
    expect(rules.map((r) => r.code)).toEqual([...rules.map((r) => r.code)].sort());
  });

  it("documents every rule with a summary, a why, and both kinds of example", () => {
    for (const rule of rules) {
      expect(rule.docs.summary.length, rule.code).toBeGreaterThan(10);
      expect(rule.docs.summary, rule.code).not.toMatch(/\n/);
      expect(rule.docs.why.length, rule.code).toBeGreaterThan(40);
      expect(
        rule.docs.examples.some((e) => e.kind === "invalid"),
        `${rule.code} invalid example`,
      ).toBe(true);
      expect(
        rule.docs.examples.some((e) => e.kind === "valid"),
        `${rule.code} valid example`,
      ).toBe(true);
    }
  });

  it("writes aliases as tool:ID", () => {
    for (const rule of all) {
      for (const alias of rule.aliases)
        expect(alias).toMatch(
          /^(hadolint|buildkit|trivy|checkov|kics|dclint|kube-linter|kube-score|polaris):\S+$/,
        );
    }
  });
});
