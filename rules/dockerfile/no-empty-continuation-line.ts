import type { Instruction } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

export default defineRule({
  code: "DF303",
  name: "no-empty-continuation-line",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  fixable: true,
  aliases: ["buildkit:NoEmptyContinuation"],
  docs: {
    summary: "An instruction continued with `\\` should not contain empty lines.",
    why: "The builder skips an empty line after a line continuation, so the instruction goes on below it: `RUN pip install torch \\` followed by a blank line and `RUN ...` silently becomes one command with `RUN` as an argument. Docker has deprecated empty continuation lines and a future Dockerfile syntax will reject them, breaking the build.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN pip install --no-cache-dir \\\n\n    torch \\\n\n    transformers\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN pip install --no-cache-dir \\\n    # the model runtime\n    torch\nRUN <<EOF\npip install torch\n\npip install transformers\nEOF\n",
      },
    ],
    fix: "Delete the empty lines, or put a comment on them. The autofix deletes them (safe: the builder already skips them).",
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const empty = emptyLines(file, instruction);
      if (empty.length === 0) continue;
      report({
        message: `Empty continuation line in ${instruction.keyword}: the instruction goes on below it`,
        at: { start: empty[0]!.start, end: empty[0]!.start },
        fix: {
          title: "Delete the empty lines",
          safety: "safe",
          edits: empty.map((span) => ({ span, text: "" })),
        },
      });
    }
  },
});

/** The blank lines inside an instruction (heredoc bodies excluded), each with its line break. */
function emptyLines(file: SourceFile, instruction: Instruction): Span[] {
  const bodies = "heredocs" in instruction ? instruction.heredocs.map((h) => h.bodySpan) : [];
  const first = file.position(instruction.span.start).line;
  const last = file.position(instruction.span.end).line;
  const lines: Span[] = [];
  for (let line = first + 1; line < last; line++) {
    const start = file.lineStart(line);
    // A heredoc body's span ends at the start of its last blank line, if it ends with one.
    if (file.lines[line - 1]!.trim() !== "" || bodies.some((b) => b.start <= start && start <= b.end))
      continue;
    lines.push({ start, end: file.lineStart(line + 1) });
  }
  return lines;
}
