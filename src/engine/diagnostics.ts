import type { RuleMeta } from "../rule.js";

/** The engine's own diagnostics: they have codes like rules so they can be configured, explained and reported. */
export const internalError: RuleMeta = {
  code: "ML000",
  name: "internal-error",
  target: "engine",
  category: "correctness",
  severity: "error",
  status: "stable",
  tags: [],
  aliases: [],
  fixable: false,
  enabledByDefault: true,
  docs: {
    summary: "A rule failed on this file; the rest of the run went on.",
    why: "A rule threw an exception while checking the file, so that rule's findings for it are missing. It is a bug in mllint: please report it with the file that triggers it.",
    examples: [],
  },
};

export const unusedSuppression: RuleMeta = {
  code: "ML001",
  name: "unused-suppression",
  target: "engine",
  category: "maintainability",
  severity: "info",
  status: "stable",
  tags: [],
  aliases: [],
  fixable: false,
  enabledByDefault: true,
  docs: {
    summary: "An `# mllint ignore=` comment suppresses nothing.",
    why: "A suppression that no longer matches a finding hides nothing today but will silently hide a real problem that appears on that line later. It also names rules that may not exist (a typo suppresses nothing).",
    examples: [],
    fix: "Remove the comment, or remove the rule from its list.",
  },
};

export const engineDiagnostics: readonly RuleMeta[] = [internalError, unusedSuppression];
