import type { KeyValue } from "../../src/model/dockerfile.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

export default defineRule({
  code: "DF304",
  name: "no-legacy-key-value-format",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  fixable: true,
  aliases: ["buildkit:LegacyKeyValueFormat"],
  docs: {
    summary: "ENV and LABEL should use `key=value`, not the legacy `key value` form.",
    why: "In the legacy form everything after the first space is the value: `ENV MODEL_DIR /models CACHE_DIR /cache` sets one variable, `MODEL_DIR`, to `/models CACHE_DIR /cache`, which looks like two settings but is not. Docker has deprecated the form and BuildKit warns about it on every build.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nENV MODEL_DIR /models\n" },
      { kind: "invalid", files: 'FROM python:3.12-slim\nLABEL description "sentiment model"\n' },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nENV MODEL_DIR=/models CACHE_DIR=/cache\nLABEL description="sentiment model"\n',
      },
    ],
    fix: 'Write `KEY=value`, quoting a value with spaces: `ENV A="b c"`. The autofix puts `=` between key and value when the value is one plain word (safe: same variable, same value); values with spaces, quotes or continuation lines are left to you.',
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const target = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (target?.kind !== "env" && target?.kind !== "label") continue;
      for (const pair of target.pairs) {
        if (!pair.value || separator(file, pair).includes("=")) continue;
        report({
          message: `${target.keyword} ${pair.key.value} uses the legacy "key value" form; write ${target.keyword} ${pair.key.value}=...`,
          at: { start: pair.key.span.start, end: pair.value.span.end },
          fix: equalsFix(file, pair),
        });
      }
    }
  },
});

/** The text between a key and its value: `=` in the current form, blanks in the legacy one. */
function separator(file: SourceFile, pair: KeyValue): string {
  return file.text.slice(pair.key.span.end, pair.value!.span.start);
}

function equalsFix(file: SourceFile, pair: KeyValue): Fix | undefined {
  const plainValue = /^[^\s"'\\`]+$/.test(file.slice(pair.value!.span));
  if (!plainValue || !/^[ \t]+$/.test(separator(file, pair))) return undefined;
  return {
    title: "Write key=value",
    safety: "safe",
    edits: [{ span: { start: pair.key.span.end, end: pair.value!.span.start }, text: "=" }],
  };
}
