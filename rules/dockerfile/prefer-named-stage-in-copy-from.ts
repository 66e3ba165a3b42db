import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF066",
  name: "prefer-named-stage-in-copy-from",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  aliases: ["kics:68a51e22-ae5a-4d48-8e87-b01a323605c9"],
  docs: {
    summary: "Refer to build stages by name, not by index, in COPY --from.",
    why: '`COPY --from=0` means "the first stage": adding a stage above it (a wheel builder, a model downloader) silently makes the COPY take files from a different stage, and the build either fails on a missing path or ships the wrong files. A name survives reordering and says what the files are.',
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12\nRUN pip wheel -w /wheels torch\n\nFROM python:3.12-slim\nCOPY --from=0 /wheels /wheels\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS wheels\nRUN pip wheel -w /wheels torch\n\nFROM python:3.12-slim\nCOPY --from=wheels /wheels /wheels\n",
      },
    ],
    fix: "Name the stage (`FROM python:3.12 AS wheels`) and use the name (`COPY --from=wheels`).",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const copy of stage.instructions) {
        const from = copy.kind === "copy" ? copy.flags.find((f) => f.name === "from") : undefined;
        if (!from?.value || !from.valueSpan || !/^\d+$/.test(from.value)) continue;
        const target = model.stages[Number(from.value)];
        const hint = target?.name ? `: it is named ${target.name.value}` : "";
        report({
          message: `COPY --from=${from.value} refers to a stage by its position${hint}`,
          at: from.valueSpan,
        });
      }
    }
  },
});
