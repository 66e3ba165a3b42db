import type { Comment, Dockerfile, Instruction } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF310",
  name: "require-named-description-comment",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  status: "preview",
  aliases: ["buildkit:InvalidDefinitionDescription"],
  docs: {
    summary:
      "A comment right above a named FROM or an ARG should start with that name, or be set apart by an empty line.",
    why: "`docker build --call=outline` and `--call=targets` show the comment right above an ARG or a named stage as its description, but only when the comment starts with the name (`# CUDA_VERSION picks the toolkit`). Any other comment there is meant as a description and silently is not one, or is not meant as one and reads as if it were.",
    examples: [
      {
        kind: "invalid",
        files:
          "# the toolkit version\nARG CUDA_VERSION=12.4.1\nFROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04\n",
      },
      { kind: "invalid", files: "# compile the wheels\nFROM python:3.12 AS build\n" },
      {
        kind: "valid",
        files:
          "# CUDA_VERSION picks the toolkit\nARG CUDA_VERSION=12.4.1\n# build compiles the wheels\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04 AS build\n# a note, not a description\n\nFROM python:3.12-slim\n# hadolint ignore=DL3008\nARG DEBIAN_FRONTEND=noninteractive\n",
      },
    ],
    fix: "Start the comment with the ARG or stage name, or put an empty line between the comment and the instruction.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const name = definedName(instruction);
      const comment = name ? commentAbove(model, instruction) : undefined;
      if (!name || !comment || comment.text.split(/\s/)[0] === name) continue;
      report({
        message: `A comment right above ${instruction.keyword} ${name} is its description and should start with ${name}; if it is not one, add an empty line after it`,
        at: comment.span,
      });
    }
  },
});

/** The ARG name or stage name an instruction defines. */
function definedName(instruction: Instruction): string | undefined {
  if (instruction.kind === "from") return instruction.alias?.value;
  if (instruction.kind === "arg") return instruction.pairs[0]?.key.value;
  return undefined;
}

// Suppression comments are for tools, not descriptions.
const pragma = /^(?:(?:mllint|hadolint)\s+(?:global\s+)?ignore\s*=|trivy:ignore:|checkov:skip=|kics-scan\s)/i;

/** The comment on the line just above the instruction, unless it is a tool pragma. */
function commentAbove(model: Dockerfile, instruction: Instruction): Comment | undefined {
  const line = model.file.position(instruction.span.start).line - 1;
  const comment = model.comments.find((c) => model.file.position(c.span.start).line === line);
  return comment && !pragma.test(comment.text) ? comment : undefined;
}
