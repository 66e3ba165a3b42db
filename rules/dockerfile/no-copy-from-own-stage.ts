import { findStage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF048",
  name: "no-copy-from-own-stage",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  aliases: ["hadolint:DL3023", "trivy:DS-0006", "kics:cdddb86f-95f6-4fc4-b5a1-483d9afceb2b"],
  docs: {
    summary: "COPY --from must not name the stage it is in.",
    why: "A stage cannot copy from itself: BuildKit stops with `circular dependency detected on stage`. It usually means a stage was renamed or copied from another Dockerfile and the `--from` was not updated.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12 AS builder\nRUN pip wheel -w /wheels torch\nCOPY --from=builder /wheels /opt/wheels\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS builder\nRUN pip wheel -w /wheels torch\n\nFROM python:3.12-slim\nCOPY --from=builder /wheels /opt/wheels\n",
      },
    ],
    fix: "Point `--from` at the stage that produces the files, or copy them within the stage with `RUN cp`.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const copy of stage.instructions) {
        if (copy.kind !== "copy") continue;
        const from = copy.flags.find((f) => f.name === "from");
        if (!from?.value || !from.valueSpan || findStage(model.stages, from.value) !== stage) continue;
        report({ message: `COPY --from=${from.value} copies from the stage it is in`, at: from.valueSpan });
      }
    }
  },
});
