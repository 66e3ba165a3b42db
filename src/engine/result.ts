import type { Finding, RuleMeta } from "../rule.js";
import type { FileKind } from "../source.js";

export interface LintedFile {
  /** The path as shown to users: relative to the working directory, `/`-separated. */
  path: string;
  kind: FileKind;
}

/** Everything one run found, ready for a formatter. */
export interface LintResult {
  /** Findings after suppressions and severity overrides, sorted by file, line, column, rule code. */
  findings: Finding[];
  /** Every file that was looked at, so a consumer can tell "clean" from "not linted". */
  files: LintedFile[];
  /** Every rule known to this run (the registry plus the engine's own diagnostics), in code order. */
  rules: RuleMeta[];
  /** Things the user should know that are not findings (e.g. "k8s manifests are not yet linted"). */
  notices: string[];
}
