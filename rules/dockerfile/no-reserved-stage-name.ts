import { defineRule } from "../../src/rule.js";

// `scratch` is the empty image and `context` the build context in `--from` and named contexts.
const reserved = new Set(["scratch", "context"]);

export default defineRule({
  code: "DF057",
  name: "no-reserved-stage-name",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  aliases: ["hadolint:DL3063", "buildkit:ReservedStageName"],
  docs: {
    summary: "Do not name a stage `scratch` or `context`.",
    why: "`scratch` already means the empty image and `context` the build context, so `FROM scratch` or `COPY --from=context` after `AS scratch` do not refer to the stage the author meant; BuildKit warns and the resulting image is missing files.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12 AS scratch\nRUN pip wheel -w /wheels torch\n" },
      { kind: "valid", files: "FROM python:3.12 AS wheels\nRUN pip wheel -w /wheels torch\nFROM scratch\n" },
    ],
    fix: "Pick another name and update the references to the stage.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const name = stage.name;
      if (name && reserved.has(name.value.toLowerCase()))
        report({ message: `Stage name ${name.value} is reserved`, at: name.span });
    }
  },
});
