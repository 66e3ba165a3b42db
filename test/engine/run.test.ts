import { describe, expect, it } from "vitest";
import rule from "../../rules/dockerfile/require-exec-form-cmd.js";
import { checkFile, withoutRepeats } from "../../src/engine/run.js";
import { compareFindings, type Finding } from "../../src/rule.js";
import { SourceFile } from "../../src/source.js";

const file = new SourceFile("Dockerfile", "FROM python:3.12-slim\nCMD python app.py\n", "dockerfile");
const finding = (start: number, message = "m"): Finding => ({
  rule,
  severity: "warning",
  message,
  file,
  span: { start, end: start + 3 },
  related: [],
});

describe("engine", () => {
  it("keeps one finding per rule, place and message", () => {
    const sorted = [finding(5), finding(5), finding(5, "other"), finding(9)].sort(compareFindings);
    expect(withoutRepeats(sorted).map((f) => `${f.span.start} ${f.message}`)).toEqual([
      "5 m",
      "5 other",
      "9 m",
    ]);
  });

  it("turns a rule that throws into one internal-error finding and goes on with the others", () => {
    const broken = {
      ...rule,
      code: "DF999",
      check: () => {
        throw new Error("boom");
      },
    };
    const { findings } = checkFile(file, {
      rules: [broken, rule],
      settingFor: (r) => ({ severity: r.severity, options: {} }),
      settings: { trustedRegistries: [] },
    });
    expect(findings.map((f) => `${f.rule.code} ${f.message}`)).toEqual([
      "ML000 Internal error in rule DF999 (require-exec-form-cmd): boom",
      "DF011 CMD uses shell form: the process will not receive SIGTERM",
    ]);
  });
});
