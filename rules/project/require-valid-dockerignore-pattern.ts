import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "XP005",
  name: "require-valid-dockerignore-pattern",
  target: "project",
  category: "correctness",
  severity: "error",
  docs: {
    summary: "Every .dockerignore line must be a pattern the builder can read.",
    why: "The builder compiles every `.dockerignore` line as a Go `filepath.Match` pattern before it sends the context; one malformed line — an unclosed `[` class such as `[Dd]ata`, missing its `]` — stops every build that uses the file with `syntax error in pattern`, long before any instruction runs, and the message does not say which line. Nothing else reads `.dockerignore` files, so the mistake shows only when someone builds.",
    examples: [
      {
        kind: "invalid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY . /app\n",
          ".dockerignore": ".git\n[Cc]heckpoints\n*.[ot\n",
        },
      },
      {
        kind: "valid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY . /app\n",
          ".dockerignore": ".git\n[Cc]heckpoints\n",
        },
      },
    ],
    fix: "Close the character class (`[Cc]heckpoints`), or escape a literal bracket with a backslash (`\\[draft]`).",
  },
  check({ model, report }) {
    for (const ignore of model.dockerignores) {
      for (const problem of ignore.problems)
        report({ file: ignore.file, at: problem.span, message: problem.message });
    }
  },
});
