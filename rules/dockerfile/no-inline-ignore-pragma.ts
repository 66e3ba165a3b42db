import { defineRule } from "../../src/rule.js";

// The suppression comments of mllint, hadolint and Trivy; BuildKit's `# check=` is a parser directive, not a comment.
const pragma = /^#?\s*(mllint|hadolint|trivy:ignore|checkov:skip|kics-scan)\b/i;

export default defineRule({
  code: "DF070",
  name: "no-inline-ignore-pragma",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  enabledByDefault: false,
  aliases: ["hadolint:DL1001"],
  docs: {
    summary: "Policy: findings may be silenced only in the configuration, not by comments in the Dockerfile.",
    why: "Some teams want every exception to go through review in one place (`.mllint.yaml`), not scattered through Dockerfiles where an `# mllint ignore=` or `# hadolint ignore=` line slips in with an unrelated change. This opt-in rule reports each such comment; turn it on with a severity in the config. mllint still honours the comments — this rule only makes them visible.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n",
      },
      {
        kind: "valid",
        files: "FROM python:3.12-slim\n# install curl for the health check\nRUN apt-get install -y curl\n",
      },
    ],
    fix: "Move the exception to `.mllint.yaml` (`rules: { DF100: off }`, or `ignorePaths`), or fix the finding.",
  },
  check({ model, file, report }) {
    // At the top of the file the parser reads `# hadolint global ignore=...` as a directive, so look at both.
    for (const { span } of [...model.comments, ...model.directives]) {
      const tool = pragma.exec(file.slice(span).trim())?.[1];
      if (tool) report({ message: `Inline ${tool} suppression: keep exceptions in .mllint.yaml`, at: span });
    }
  },
});
