import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkBatched, checkFile } from "../src/engine/run.js";
import { allRules, lint } from "../src/index.js";
import type { AnyRule, FileTarget, Finding, RuleMeta, Settings } from "../src/rule.js";
import { type FileKind, SourceFile } from "../src/source.js";

const fileNameOf: Record<FileTarget, { path: string; kind: FileKind }> = {
  dockerfile: { path: "Dockerfile", kind: "dockerfile" },
  compose: { path: "compose.yaml", kind: "compose" },
};

/** Lints one in-memory file with the given rules at their default severity and options (merged with `options`). */
export function lintText(
  text: string,
  rules: readonly AnyRule[],
  options: {
    target?: FileTarget;
    ruleOptions?: Record<string, unknown>;
    path?: string;
    settings?: Partial<Settings>;
  } = {},
): Finding[] {
  const ruleTarget = rules[0]?.target;
  const target = options.target ?? (ruleTarget === "project" || !ruleTarget ? "dockerfile" : ruleTarget);
  const { path, kind } = fileNameOf[target];
  const file = new SourceFile(options.path ?? path, text, kind);
  const checkOptions = {
    rules,
    settingFor: (rule: RuleMeta) => ({
      severity: rule.severity,
      options: { ...((rule as AnyRule).options?.defaults as object), ...options.ruleOptions },
    }),
    settings: { trustedRegistries: [], ...options.settings },
  };
  // As the pipeline does: per-file rules, then the rules that batch every file (here, just this one).
  const check = checkFile(file, checkOptions);
  checkBatched([{ file, check }], checkOptions);
  return check.findings;
}

/** `line:column` of each finding, 1-based, for compact position assertions. */
export function positions(findings: Finding[]): string[] {
  return findings.map((f) => {
    const { line, column } = f.file.position(f.span.start);
    return `${line}:${column}`;
  });
}

/**
 * Lints a whole project written to a fresh temporary directory (a git root, so no outer config applies), through
 * the full pipeline, and returns the findings of the rules named in `codes`.
 */
export async function lintProject(files: Record<string, string>, codes: string[]): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), "mllint-project-"));
  try {
    mkdirSync(join(dir, ".git"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // An example that writes a .mllint.yaml means it to apply; otherwise turn on exactly the rules under test
    // (opt-in ones included) at their default severity. The .git marker keeps outer configs away.
    if (!(".mllint.yaml" in files)) {
      const enabled = codes.map(
        (code) => `  ${code}: ${allRules.find((r) => r.code === code)?.severity ?? "warning"}`,
      );
      writeFileSync(join(dir, ".mllint.yaml"), `rules:\n${enabled.join("\n")}\n`);
    }
    const run = await lint(["."], { cwd: dir });
    return run.findings.filter((f) => codes.includes(f.rule.code));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
