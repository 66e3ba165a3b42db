import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF301",
  name: "require-matching-as-casing",
  target: "dockerfile",
  category: "style",
  severity: "info",
  fixable: true,
  aliases: ["buildkit:FromAsCasing"],
  docs: {
    summary: "The `AS` of a FROM line should be cased like its `FROM`.",
    why: "`FROM python:3.9 as builder` mixes an upper-case keyword with a lower-case one on the same line; it builds the same, but BuildKit warns about it on every build and the file reads as if `as` were part of the image name.",
    examples: [
      { kind: "invalid", files: "FROM python:3.9 as builder\nFROM python:3.9-slim\n" },
      { kind: "invalid", files: "from python:3.9 AS builder\nfrom python:3.9-slim\n" },
      { kind: "valid", files: "FROM python:3.9 AS builder\nfrom python:3.9-slim as runtime\n" },
    ],
    fix: "Write `AS` in the case of `FROM`. The autofix recases the `AS` word (safe). A `From` in mixed case is left to require-consistent-instruction-casing.",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      const as = stage.name ? stage.from.args[1] : undefined;
      if (!as) continue;
      const from = file.slice(stage.from.keywordSpan);
      const expected = matchCase(as.value, from);
      if (expected === undefined || expected === as.value) continue;
      report({
        message: `'${as.value}' and '${from}' keywords' casing do not match`,
        at: as.span,
        fix: { title: `Write ${expected}`, safety: "safe", edits: [{ span: as.span, text: expected }] },
      });
    }
  },
});

/** `word` in the case of `model` when `model` is all upper or all lower case; undefined when it is mixed. */
function matchCase(word: string, model: string): string | undefined {
  if (model === model.toUpperCase()) return word.toUpperCase();
  if (model === model.toLowerCase()) return word.toLowerCase();
  return undefined;
}
