import { predefinedArgs } from "../../src/model/image.js";
import { declaredArgs } from "../../src/model/project.js";
import { defineRule } from "../../src/rule.js";
import { closest } from "../../src/suggest.js";

export default defineRule({
  code: "XP007",
  name: "no-undeclared-build-arg",
  target: "project",
  category: "correctness",
  severity: "warning",
  docs: {
    summary: "Every compose `build.args` entry must name an ARG the Dockerfile declares.",
    why: 'A build argument only reaches the build through an `ARG` of the same name; any other is dropped with nothing more than a "build-args were not consumed" line in the build output. A typo (`MODEL_REVISON`), an ARG renamed in the Dockerfile, or an ARG that was never added leaves the image built with the default — the wrong model revision, the CPU wheel index, the old CUDA version — while the compose file says otherwise. The proxy variables the builder predefines (`HTTP_PROXY`...) need no ARG and are not reported.',
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build:\n      context: .\n      args:\n        MODEL_REVISON: v2\n",
          Dockerfile: "FROM python:3.12-slim\nARG MODEL_REVISION=v1\nRUN echo $MODEL_REVISION\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build:\n      context: .\n      args:\n        - MODEL_REVISION=v2\n        - HTTP_PROXY\n",
          Dockerfile: "FROM python:3.12-slim\nARG MODEL_REVISION=v1\nRUN echo $MODEL_REVISION\n",
        },
      },
    ],
    fix: "Fix the name to match the Dockerfile's `ARG`, or declare `ARG NAME` in the stage (or before the first FROM, for use in FROM lines) that needs it.",
  },
  check({ model, report }) {
    for (const build of model.builds) {
      const dockerfile = build.context?.dockerfile;
      if (!dockerfile) continue;
      const declared = declaredArgs(dockerfile);
      for (const { entry, declarations } of build.args) {
        if (declarations.length > 0 || predefinedArgs.has(entry.name)) continue;
        const guess = closest(
          entry.name,
          declared.map((p) => p.key.value),
        );
        const near = declared.find((p) => p.key.value === guess);
        report({
          file: build.compose.file,
          at: entry.nameSpan,
          message: `build arg ${entry.name} is not declared by any ARG in ${dockerfile.file.path}, so the build ignores it${guess ? `; did you mean ${guess}?` : ""}`,
          related: near
            ? [{ file: dockerfile.file, span: near.key.span, message: `ARG ${guess} is declared here` }]
            : [],
        });
      }
    }
  },
});
