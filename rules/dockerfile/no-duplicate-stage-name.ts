import type { Stage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF049",
  name: "no-duplicate-stage-name",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  aliases: [
    "hadolint:DL3024",
    "buildkit:DuplicateStageName",
    "trivy:DS-0012",
    "checkov:CKV_DOCKER_11",
    "kics:f2daed12-c802-49cd-afed-fe41d0b82fed",
  ],
  docs: {
    summary: "Each build stage needs its own name.",
    why: "BuildKit refuses two stages with the same name (compared case-insensitively) with `duplicate stage name`; other builders resolve `--from` and `--target` to one of them, so the image silently gets files from the wrong stage.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12 AS build\nRUN pip wheel -w /wheels torch\n\nFROM node:22 AS Build\nRUN npm ci\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS wheels\nRUN pip wheel -w /wheels torch\n\nFROM node:22 AS frontend\nRUN npm ci\n",
      },
    ],
    fix: "Rename one of the stages and update the `--from` and `FROM` references to it.",
  },
  check({ model, report }) {
    const firstByName = new Map<string, Stage>();
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.value.toLowerCase();
      const first = firstByName.get(key);
      if (!first) {
        firstByName.set(key, stage);
        continue;
      }
      report({
        message: `Stage name ${stage.name.value} is already used`,
        at: stage.name.span,
        related: [{ file: model.file, span: first.name!.span, message: "first defined here" }],
      });
    }
  },
});
