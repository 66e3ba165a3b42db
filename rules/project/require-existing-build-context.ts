import { defineRule } from "../../src/rule.js";
import { shownPath } from "../../src/source.js";

export default defineRule({
  code: "XP006",
  name: "require-existing-build-context",
  target: "project",
  category: "correctness",
  severity: "error",
  docs: {
    summary: "A compose `build:` must point at a directory and a Dockerfile that exist.",
    why: "`build.context` is resolved relative to the compose file and `build.dockerfile` relative to the context, not to the compose file — so `context: ./api` with `dockerfile: ./api/Dockerfile.gpu` looks for `api/api/Dockerfile.gpu`. A moved or renamed Dockerfile breaks the same way. `docker compose up` then stops with `unable to prepare context: path not found` or `failed to read dockerfile: no such file or directory`, often only on the CI runner or the deploy host that builds first.",
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build:\n      context: ./api\n      dockerfile: ./api/Dockerfile.gpu\n",
          "api/Dockerfile.gpu": "FROM python:3.12-slim\n",
        },
      },
      { kind: "invalid", files: { "compose.yaml": "services:\n  api:\n    build: ./service\n" } },
      {
        kind: "valid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.gpu\n",
          "api/Dockerfile.gpu": "FROM python:3.12-slim\n",
        },
      },
    ],
    fix: "Write `context` relative to the compose file and `dockerfile` relative to the context (or as an absolute path); the default Dockerfile name is `Dockerfile`.",
  },
  check({ model, report }) {
    for (const build of model.builds) {
      if (!build.missing) continue;
      const shown = (path: string) => shownPath(path, model.cwd);
      const { context, dockerfile } = build.build;
      if (build.missing === "context") {
        report({
          file: build.compose.file,
          at: context?.span ?? build.build.span,
          message: `build context ${shown(build.dir!)} does not exist (contexts are relative to the compose file): the build fails with "path not found"`,
        });
      } else {
        const where = dockerfile ? "" : " (the default name, since `dockerfile:` is not set)";
        report({
          file: build.compose.file,
          at: dockerfile?.span ?? context?.span ?? build.build.span,
          message: `Dockerfile ${shown(build.dockerfilePath!)} does not exist${where}; \`dockerfile\` is relative to the context ${shown(build.dir!)}`,
        });
      }
    }
  },
});
