import type { Instruction, RunInstruction } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

// A RUN that already chains commands is deliberately its own step (a cache boundary), as hadolint DL3059 sees it.
const maxCommands = 1;

export default defineRule({
  code: "DF056",
  name: "prefer-merged-run",
  target: "dockerfile",
  category: "performance",
  severity: "info",
  aliases: ["hadolint:DL3059"],
  docs: {
    summary: "Merge consecutive short RUN instructions.",
    why: "Every RUN adds a layer and a cache step; a file created in one RUN and deleted in the next still ships in the first layer. Runs of one-liners (`RUN apt-get update` / `RUN apt-get install ...`) also let a stale cached index pair with a new install. Only pairs of single-command RUNs are reported, as hadolint does: a RUN that chains two or more commands, or one with different flags (`--mount` caches, `--network`), are left alone: splitting them is usually a deliberate cache boundary.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch\nRUN python -c 'import torch'\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install torch\nRUN python -c 'import torch'\n",
      },
    ],
    fix: "Join the commands with `&&` in one RUN (a heredoc keeps long scripts readable).",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      stage.instructions.forEach((instruction, index) => {
        const previous = stage.instructions[index - 1];
        if (!previous || !mergeable(previous, instruction, file)) return;
        report({
          message: "This RUN could be merged with the one before it",
          at: instruction.keywordSpan,
          related: [{ file, span: previous.keywordSpan, message: "the previous RUN" }],
        });
      });
    }
  },
});

function mergeable(first: Instruction, second: Instruction, file: SourceFile): boolean {
  if (first.kind !== "run" || second.kind !== "run") return false;
  return isShort(first) && isShort(second) && flagsText(first, file) === flagsText(second, file);
}

function isShort(run: RunInstruction): boolean {
  return run.form === "shell" && run.commands.filter((c) => c.depth === 0).length <= maxCommands;
}

function flagsText(run: RunInstruction, file: SourceFile): string {
  return run.flags
    .map((f) => file.slice(f.span))
    .sort()
    .join(" ");
}
