import { finalStage, instructionsOf, lineage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF058",
  name: "prefer-numeric-user",
  target: "dockerfile",
  category: "security",
  severity: "info",
  tags: ["ml"],
  aliases: ["hadolint:DL3066"],
  docs: {
    summary: "The runtime USER should be a numeric UID.",
    why: "Kubernetes `runAsNonRoot: true` can only verify a numeric USER: with `USER app` the kubelet cannot tell whether `app` is root and refuses to start the pod (`container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root`). Only the USER the final image starts with is checked, `root` is left to require-non-root-user, and a user taken from a build argument (`USER ${UID}`) is accepted.",
    examples: [
      {
        kind: "invalid",
        files: 'FROM python:3.12-slim\nRUN useradd -m -u 10001 app\nUSER app\nCMD ["python", "serve.py"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12 AS build\nUSER builder\nFROM python:3.12-slim\nRUN useradd -m -u 10001 app\nUSER 10001:10001\nCMD ["python", "serve.py"]\n',
      },
    ],
    fix: "Write the UID (and GID) the user was created with: `USER 10001:10001`.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    // The USER the container starts with: the last one of the nearest stage that sets one.
    const last = lineage(stage)
      .flatMap((s) => instructionsOf(s, "user").reverse())
      .find((u) => u.user)?.user;
    if (!last || /^\d+$/.test(last.value) || last.value.includes("$") || last.value.toLowerCase() === "root")
      return;
    report({
      message: `USER ${last.value} is not numeric: Kubernetes cannot verify runAsNonRoot`,
      at: last.span,
    });
  },
});
