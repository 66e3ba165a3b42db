import { findStage, type Stage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import { closest } from "../../src/suggest.js";

// A value with a registry, path, tag or digest separator is an image reference, not a stage name.
const imageReference = /[/:@.]/;

export default defineRule({
  code: "DF047",
  name: "no-unknown-copy-from-stage",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  aliases: ["hadolint:DL3022"],
  docs: {
    summary: "COPY --from should name a stage defined earlier, or a full image reference.",
    why: "When `--from=biulder` names no stage, the builder does not fail: it pulls an image called `biulder:latest` from Docker Hub, which fails late with a confusing `pull access denied`, or — worse — succeeds with someone else's image. A stage defined further down works with BuildKit but reads backwards and breaks the classic builder. Image references with a tag, digest or path (`--from=nginx:1.27`, `--from=ghcr.io/org/tools`) are accepted.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12 AS builder\nRUN pip wheel -w /wheels torch\n\nFROM python:3.12-slim\nCOPY --from=biulder /wheels /wheels\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS builder\nRUN pip wheel -w /wheels torch\n\nFROM python:3.12-slim\nCOPY --from=builder /wheels /wheels\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\n",
      },
    ],
    fix: "Correct the stage name, move the stage above the COPY, or write the image with its tag (`--from=busybox:1.37`).",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const copy of stage.instructions) {
        if (copy.kind !== "copy") continue;
        const from = copy.flags.find((f) => f.name === "from");
        if (!from?.value || !from.valueSpan || from.value.includes("$")) continue;
        const message = unknownStageMessage(model.stages, stage, from.value);
        if (message) report({ message, at: from.valueSpan });
      }
    }
  },
});

function unknownStageMessage(stages: readonly Stage[], stage: Stage, ref: string): string | undefined {
  const target = findStage(stages, ref);
  if (target === stage || findStage(stages.slice(0, stage.index), ref)) return undefined;
  if (target)
    return `--from=${ref} names a stage defined later; define it before the stage that copies from it`;
  if (/^\d+$/.test(ref)) return `--from=${ref}: there is no stage ${ref} before this one`;
  if (imageReference.test(ref)) return undefined;
  const names = stages.flatMap((s) => (s.name ? [s.name.value] : []));
  const guess = closest(ref, names);
  const hint = guess ? ` (did you mean ${guess}?)` : "";
  return `--from=${ref} names no stage: the builder will pull the image ${ref}:latest instead${hint}`;
}
