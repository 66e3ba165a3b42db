import type { KeyValue } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

// `$NAME` or `${NAME...}`, not preceded by a backslash escape.
const reference = /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

export default defineRule({
  code: "DF053",
  name: "no-same-env-reference",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  aliases: ["hadolint:DL3044"],
  docs: {
    summary: "An ENV value must not use a variable set earlier in the same ENV instruction.",
    why: "All values of one ENV instruction are expanded with the variables as they were before the instruction, so in `ENV MODEL_DIR=/models HF_HOME=$MODEL_DIR/hf` HF_HOME becomes `/hf` (or the old MODEL_DIR), and the model cache lands somewhere nobody looks. hadolint stays quiet when the variable was also set before; mllint reports that case too, because the value used is the old one, not the one written next to it. A variable's reference to itself (`PATH=/opt/bin:$PATH`) is fine, unless the same ENV set it earlier: in `ENV PATH=/a:$PATH PATH=/b:$PATH` the second value drops `/a` (hadolint DL3044 reports this too).",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nENV MODEL_DIR=/models HF_HOME=$MODEL_DIR/hf\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nENV MODEL_DIR=/models PATH=/opt/venv/bin:$PATH\nENV HF_HOME=$MODEL_DIR/hf\n",
      },
    ],
    fix: "Split the instruction: set the variable in one ENV and use it in the next.",
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const env = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (env?.kind !== "env") continue;
      env.pairs.forEach((pair, index) => {
        const earlier = new Set(env.pairs.slice(0, index).map((p) => p.key.value));
        for (const { name, span } of references(file, pair)) {
          // `PATH=/a:$PATH` alone is fine; after an earlier `PATH=...` in the same ENV it drops that value.
          if (!earlier.has(name)) continue;
          report({
            message: `$${name} is set in this same ENV: ${pair.key.value} gets the value from before it`,
            at: span,
          });
        }
      });
    }
  },
});

/** The variables a value expands, with their spans; single-quoted values expand nothing. */
function references(file: SourceFile, pair: KeyValue): { name: string; span: Span }[] {
  if (!pair.value) return [];
  const raw = file.slice(pair.value.span);
  if (raw.startsWith("'")) return [];
  const start = pair.value.span.start;
  return [...raw.matchAll(reference)].map((m) => {
    const close = m[1] ? raw.indexOf("}", m.index) : -1;
    const end = close === -1 ? m.index + m[0].length : close + 1;
    return { name: (m[1] ?? m[2])!, span: { start: start + m.index, end: start + end } };
  });
}
