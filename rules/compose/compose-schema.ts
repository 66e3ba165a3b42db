import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC001",
  name: "compose-schema",
  target: "compose",
  category: "correctness",
  severity: "error",
  aliases: ["dclint:invalid-schema"],
  docs: {
    summary: "Every key and value must be one the Compose Specification allows.",
    why: "`docker compose` validates the file against the Compose Specification and stops at the first error (`services.api additional properties 'healtcheck' not allowed`), so a misspelt key blocks the deployment, or — in tools that only warn — the setting is silently dropped and the model server runs without the healthcheck, GPU reservation or limit you wrote. Every error is reported here at once, each on the key or value that is wrong.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: vllm/vllm-openai:v0.6.3\n    healtcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n',
      },
      {
        kind: "invalid",
        count: 2,
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    ports: 8000\n    depends_on:\n      db:\n        condition: service_healty\n  db:\n    image: postgres:16\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: vllm/vllm-openai:v0.6.3\n    gpus: all\n    shm_size: 8g\n    models:\n      - llm\nmodels:\n  llm:\n    model: ai/smollm2\n",
      },
    ],
    fix: "Use the key or value the message suggests; extension fields may be added under keys starting with `x-`.",
  },
  check({ model, report }) {
    for (const problem of model.problems) {
      if (problem.kind === "schema") report({ message: problem.message, at: problem.span });
    }
  },
});
