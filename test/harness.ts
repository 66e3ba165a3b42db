import { checkFile } from "../src/engine/run.js";
import type { AnyRule, Finding, Rule, Target } from "../src/rule.js";
import { type FileKind, SourceFile } from "../src/source.js";

const fileNameOf: Record<Target, { path: string; kind: FileKind }> = {
  dockerfile: { path: "Dockerfile", kind: "dockerfile" },
  compose: { path: "compose.yaml", kind: "compose" },
};

/** Lints one in-memory file with the given rules at their default severity and options (merged with `options`). */
export function lintText(
  text: string,
  rules: readonly AnyRule[],
  options: { target?: Target; ruleOptions?: Record<string, unknown>; path?: string } = {},
): Finding[] {
  const target = options.target ?? rules[0]?.target ?? "dockerfile";
  const { path, kind } = fileNameOf[target];
  const file = new SourceFile(options.path ?? path, text, kind);
  return checkFile(file, {
    rules,
    settingFor: (rule) => ({
      severity: rule.severity,
      options: { ...((rule as Rule<Target, unknown>).options?.defaults as object), ...options.ruleOptions },
    }),
    settings: { trustedRegistries: [] },
  }).findings;
}

/** `line:column` of each finding, 1-based, for compact position assertions. */
export function positions(findings: Finding[]): string[] {
  return findings.map((f) => {
    const { line, column } = f.file.position(f.span.start);
    return `${line}:${column}`;
  });
}
