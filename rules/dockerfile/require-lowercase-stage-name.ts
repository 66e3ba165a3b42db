import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF300",
  name: "require-lowercase-stage-name",
  target: "dockerfile",
  category: "style",
  severity: "info",
  fixable: true,
  aliases: ["buildkit:StageNameCasing"],
  docs: {
    summary: "Stage names should be lowercase.",
    why: "The builder lowercases stage names, so `FROM base AS Builder` is really the stage `builder`: the capital letters only make `COPY --from=Builder`, `--target` and the file's other references look case-sensitive when they are not, and BuildKit warns about it on every build.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim AS Builder\nFROM python:3.12-slim\nCOPY --from=Builder /app /app\n",
      },
      {
        kind: "valid",
        files: "FROM python:3.12-slim AS builder\nFROM python:3.12-slim\nCOPY --from=builder /app /app\n",
      },
    ],
    fix: "Lowercase the name. The autofix lowercases it where it is defined (safe: stage names match case-insensitively, so references keep working).",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const name = stage.name;
      if (!name || name.value === name.value.toLowerCase()) continue;
      const lower = name.value.toLowerCase();
      report({
        message: `Stage name ${name.value} should be lowercase`,
        at: name.span,
        fix: { title: `Rename to ${lower}`, safety: "safe", edits: [{ span: name.span, text: lower }] },
      });
    }
  },
});
