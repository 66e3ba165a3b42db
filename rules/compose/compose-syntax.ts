import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC000",
  name: "compose-syntax",
  target: "compose",
  category: "correctness",
  severity: "error",
  aliases: ["dclint:invalid-yaml"],
  docs: {
    summary: "The compose file must be one well-formed YAML mapping that `docker compose` can read.",
    why: "A YAML syntax error, an empty file or several `---` documents make `docker compose` refuse the file (`yaml: line 4: did not find expected key`, `empty compose file`). A duplicated key is worse: YAML parsers disagree on it and Compose rejects it, so the value you read in the file may not be the one that runs.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  api:\n    image: vllm/vllm-openai:v0.6.3\n    image: vllm/vllm-openai:latest\n",
      },
      { kind: "invalid", files: 'services:\n  api:\n    image: "vllm/vllm-openai:v0.6.3\n' },
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: python:3.12-slim\n---\nservices:\n  worker:\n    image: python:3.12-slim\n",
      },
      { kind: "invalid", files: "- api\n- worker\n" },
      { kind: "invalid", files: "# nothing here yet\n" },
      {
        kind: "valid",
        files:
          "x-defaults: &defaults\n  restart: unless-stopped\nservices:\n  api:\n    <<: *defaults\n    image: vllm/vllm-openai:v0.6.3\n",
      },
    ],
    fix: "Correct the YAML at the reported position; keep one key per name; put each compose project in its own file (or use `include:`).",
  },
  check({ model, report }) {
    for (const problem of model.problems) {
      if (problem.kind === "syntax") report({ message: problem.message, at: problem.span });
    }
  },
});
