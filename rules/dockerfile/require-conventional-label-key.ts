import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF311",
  name: "require-conventional-label-key",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  aliases: ["hadolint:DL3048"],
  docs: {
    summary:
      "LABEL keys should follow Docker's key format: lower-case, dot-separated, outside Docker's namespaces.",
    why: "Registries, scanners and model catalogues read labels by exact key (`org.opencontainers.image.source`, `org.opencontainers.image.licenses`); `Model_Name` or `model name` next to `model.name` makes the same fact show up under keys nobody queries. Docker reserves `com.docker.*`, `io.docker.*` and `org.dockerproject.*` for itself.",
    examples: [
      { kind: "invalid", files: 'FROM python:3.12-slim\nLABEL Model_Name="sentiment"\n' },
      {
        kind: "invalid",
        files: 'FROM python:3.12-slim\nLABEL com.docker.model="sentiment" model..name="x"\n',
        count: 2,
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/model" ai.acme.model-version="2"\n',
      },
    ],
    fix: "Use lower-case letters, digits, `.` and `-`, start with a letter, and prefix your own keys with a reverse domain you own (`ai.acme.model-version`); use the OCI keys (`org.opencontainers.image.*`) where one fits.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const label = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (label?.kind !== "label") continue;
      for (const { key } of label.pairs) {
        const problem = keyProblem(key.value);
        if (problem) report({ message: `Label key ${key.value} ${problem}`, at: key.span });
      }
    }
  },
});

/** What is wrong with a label key by Docker's guidelines, or undefined when nothing is. */
function keyProblem(key: string): string | undefined {
  if (/^(com\.docker|io\.docker|org\.dockerproject)\./.test(key)) return "uses a namespace Docker reserves";
  if (/[^a-z0-9.-]/.test(key)) return "should contain only lower-case letters, digits, `.` and `-`";
  if (!/^[a-z]/.test(key)) return "should start with a lower-case letter";
  if (!/[a-z0-9]$/.test(key)) return "should end with a lower-case letter or digit";
  if (/\.\.|--/.test(key)) return "should not repeat `.` or `-`";
  return undefined;
}
