import { escapeCharacter, variableReferences } from "../../src/knowledge/variables.js";
import type { FromInstruction } from "../../src/model/dockerfile.js";
import { predefinedArgs } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";
import { closest } from "../../src/suggest.js";

export default defineRule({
  code: "DF305",
  name: "no-undeclared-arg-in-from",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  tags: ["ml"],
  aliases: ["buildkit:UndefinedArgInFrom"],
  docs: {
    summary: "A variable in FROM must be declared by an ARG before the first FROM.",
    why: "FROM only sees the ARGs declared before the first FROM (and the builder's own, such as TARGETARCH). An ARG declared inside a stage, or a misspelt name, expands to an empty string: `FROM nvidia/cuda:${CUDA_VERSON}-runtime-ubuntu22.04` pulls an image that does not exist, and `--build-arg CUDA_VERSION=12.4.1` never reaches the FROM line.",
    examples: [
      {
        kind: "invalid",
        files: "ARG CUDA_VERSION=12.4.1\nFROM nvidia/cuda:${CUDA_VERSON}-runtime-ubuntu22.04\n",
      },
      { kind: "invalid", files: "FROM python:3.12-slim AS build\nARG BASE=python:3.12-slim\nFROM ${BASE}\n" },
      {
        kind: "valid",
        files:
          "ARG CUDA_VERSION=12.4.1\nFROM --platform=$BUILDPLATFORM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04\n",
      },
    ],
    fix: "Declare the ARG (with a default) above the first FROM, or correct the name; the message suggests a close one.",
  },
  check({ model, file, report }) {
    const declared = model.globalArgs.flatMap((arg) => arg.pairs.map((p) => p.key.value));
    const known = [...declared, ...predefinedArgs.keys()];
    for (const stage of model.stages) {
      for (const ref of fromReferences(file, stage.from, escapeCharacter(model))) {
        if (known.includes(ref.name)) continue;
        const suggestion = closest(ref.name, known);
        report({
          message: `FROM uses ${ref.name}, which no ARG declares before the first FROM${suggestion ? ` (did you mean ${suggestion}?)` : ""}`,
          at: ref.span,
        });
      }
    }
  },
});

/** Variable references in the FROM image and its `--platform` value. */
function fromReferences(file: SourceFile, from: FromInstruction, escapeChar: string) {
  const spans = [from.args[0]?.span, from.flags.find((f) => f.name === "platform")?.valueSpan];
  return spans.flatMap((span) => (span ? variableReferences(file.slice(span), span.start, escapeChar) : []));
}
