import type { Instruction, Word } from "../../src/model/dockerfile.js";
import { KEYWORDS } from "../../src/parse/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

const keywords = new Set<string>(KEYWORDS);

export default defineRule({
  code: "DF068",
  name: "no-swallowed-instruction",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  docs: {
    summary: "A line continued with `\\` must not swallow the next instruction.",
    why: "A trailing backslash joins the next line to the instruction, so in `RUN apt-get install -y curl \\` followed by `COPY . /app`, COPY becomes two more package names for apt-get: the build fails with `Unable to locate package COPY`, or — after `ENV` or `LABEL` — succeeds silently without the COPY ever happening. hadolint reports this only as a confusing parse error (hadolint#973).",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\nCOPY . /app\n",
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl\nCOPY . /app\nRUN echo "step \\\nRUN two"\n',
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nHEALTHCHECK --interval=30s --start-period=120s \\\n    CMD python -c 'print(1)'\nONBUILD \\\n    RUN pip install -r requirements.txt\n",
      },
    ],
    fix: "Remove the backslash at the end of the line before the swallowed instruction.",
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const target = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (!target) continue;
      for (const word of wordsOf(target)) {
        if (!keywords.has(word.value) || !startsContinuationLine(file, target, word)) continue;
        if (isSyntaxOf(instruction, word)) continue;
        report({
          message: `${word.value} is part of the ${target.keyword} above: the line before ends with \\`,
          at: word.span,
        });
      }
    }
  },
});

/**
 * `HEALTHCHECK --interval=30s \` + `CMD curl ...` and `ONBUILD \` + `RUN ...` continue on purpose: there the
 * keyword is the instruction's own syntax (HEALTHCHECK's CMD/NONE, ONBUILD's trigger), not a swallowed line.
 */
function isSyntaxOf(instruction: Instruction, word: Word): boolean {
  if (instruction.kind === "healthcheck") return instruction.args[0]?.span.start === word.span.start;
  if (instruction.kind === "onbuild") return instruction.trigger?.keywordSpan.start === word.span.start;
  return false;
}

/** The words a keyword could hide among: shell words of a shell-form command (so quoted text is one word), else the arguments. */
function wordsOf(instruction: Instruction): Word[] {
  if ("commands" in instruction && instruction.form === "shell" && instruction.script) {
    return instruction.script.commands.flatMap((c) => [
      ...c.assignments,
      ...(c.name ? [c.name] : []),
      ...c.args,
    ]);
  }
  return instruction.args;
}

/** The word is the first thing on a line that is not the instruction's first, and a blank follows it. */
function startsContinuationLine(file: SourceFile, instruction: Instruction, word: Word): boolean {
  const { line } = file.position(word.span.start);
  if (line === file.position(instruction.span.start).line) return false;
  const before = file.text.slice(file.lineStart(line), word.span.start);
  return before.trim() === "" && /^[ \t]/.test(file.text.slice(word.span.end, word.span.end + 1));
}
