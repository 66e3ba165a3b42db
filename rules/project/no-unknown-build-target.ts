import { defineRule } from "../../src/rule.js";
import { closest } from "../../src/suggest.js";

export default defineRule({
  code: "XP008",
  name: "no-unknown-build-target",
  target: "project",
  category: "correctness",
  severity: "error",
  docs: {
    summary: "A compose `build.target` must name a stage of the Dockerfile.",
    why: '`target:` picks the stage `docker compose` builds and runs. A stage that was renamed (`runtime` became `serve`), a typo, or a case the author forgot stops the build with `target stage "runtime" could not be found`; because `docker compose up` builds only missing images, it often shows first on a fresh machine or in CI.',
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: runtime\n",
          Dockerfile:
            "FROM python:3.12 AS build\nRUN pip wheel -w /wheels torch\nFROM python:3.12-slim AS serve\nCOPY --from=build /wheels /wheels\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: serve\n",
          Dockerfile:
            "FROM python:3.12 AS build\nRUN pip wheel -w /wheels torch\nFROM python:3.12-slim AS serve\nCOPY --from=build /wheels /wheels\n",
        },
      },
    ],
    fix: "Name one of the Dockerfile's stages (`FROM ... AS <name>`), or drop `target:` to build the last stage.",
  },
  check({ model, report }) {
    for (const build of model.builds) {
      const dockerfile = build.context?.dockerfile;
      const target = build.build.target;
      if (!dockerfile || !target || build.stage || target.unresolved.length > 0) continue;
      const names = dockerfile.stages.flatMap((s) => (s.name ? [s.name] : []));
      const guess = closest(
        target.value,
        names.map((n) => n.value),
      );
      const near = names.find((n) => n.value === guess);
      const stages = names.length > 0 ? names.map((n) => n.value).join(", ") : "none";
      report({
        file: build.compose.file,
        at: target.span,
        message: `${dockerfile.file.path} has no stage named ${target.value} (its named stages: ${stages})${guess ? `; did you mean ${guess}?` : ""}: the build fails`,
        related: near ? [{ file: dockerfile.file, span: near.span, message: `stage ${guess}` }] : [],
      });
    }
  },
});
