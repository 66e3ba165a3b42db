import { defineRule } from "../../src/rule.js";

const targetPlatform = /^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/;

export default defineRule({
  code: "DF052",
  name: "no-redundant-target-platform",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  fixable: true,
  aliases: ["hadolint:DL3065", "buildkit:RedundantTargetPlatform"],
  docs: {
    summary: "Do not write FROM --platform=$TARGETPLATFORM: it is the default.",
    why: "Every stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` changes nothing. It is often a mistake for `$BUILDPLATFORM`, which is what lets a stage that only downloads or compiles run natively on the build machine instead of under emulation.",
    examples: [
      { kind: "invalid", files: "FROM --platform=$TARGETPLATFORM python:3.12-slim\n" },
      {
        kind: "valid",
        files: "FROM --platform=$BUILDPLATFORM python:3.12 AS fetch\nFROM python:3.12-slim\n",
      },
    ],
    fix: "Remove the flag; the autofix does so (safe). If the stage should run on the build machine, use `$BUILDPLATFORM` instead.",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      const platform = stage.from.flags.find((f) => f.name === "platform");
      if (!platform?.value || !targetPlatform.test(platform.value)) continue;
      const blanks = /^[ \t]*/.exec(file.text.slice(platform.span.end, stage.from.span.end))![0].length;
      report({
        message: `--platform=${platform.value} is the default and can be removed`,
        at: platform.span,
        fix: {
          title: "Remove the --platform flag",
          safety: "safe",
          edits: [{ span: { start: platform.span.start, end: platform.span.end + blanks }, text: "" }],
        },
      });
    }
  },
});
