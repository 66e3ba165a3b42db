import { isSecretName, isSecretSettingName } from "../../src/knowledge/secrets.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF014",
  name: "no-secret-in-arg-or-env",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  aliases: ["buildkit:SecretsUsedInArgOrEnv", "trivy:DS-0031", "hadolint:DL3064"],
  docs: {
    summary: "Credentials must not travel through ARG or ENV.",
    why: 'ENV values are stored in the image config and ARG values in its build history: anyone who can pull the image reads `HF_TOKEN`, `WANDB_API_KEY` or `AWS_SECRET_ACCESS_KEY` with `docker history` or `docker inspect`, long after the build. ML images are often pushed to shared registries and Hugging Face Spaces, so the token leaks with them. A bare `ARG HF_TOKEN` is reported too: its value comes from `--build-arg` and lands in the history. Unlike BuildKit\'s check, it leaves alone an ENV placeholder with an empty value (`ENV OPENAI_API_KEY=""`), boolean values (`0`, `1`, `true`, `false`) and switches about a credential rather than the credential (`SCCACHE_S3_NO_CREDENTIALS`, `USE_AUTH`, `AUTH_ENABLED`, `TOKEN_URL`).',
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nARG HF_TOKEN\nRUN huggingface-cli download org/model --token $HF_TOKEN\n",
      },
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nENV WANDB_API_KEY=changeme OPENAI_API_KEY=x\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nENV HF_TOKEN_FILE=/run/secrets/hf_token PUBLIC_KEY_URL=https://example.com/key.pub\nRUN --mount=type=secret,id=hf_token,env=HF_TOKEN huggingface-cli download org/model\n",
      },
    ],
    fix: "Pass build-time secrets with `RUN --mount=type=secret,id=hf_token,env=HF_TOKEN ...` (`docker build --secret id=hf_token,env=HF_TOKEN`), and runtime secrets through the orchestrator (Compose `secrets:`, a Kubernetes Secret), or point to a file with a `*_FILE` variable.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.kind !== "arg" && instruction.kind !== "env") continue;
      for (const pair of instruction.pairs) {
        const name = pair.key.value;
        if (!isSecretName(name) || isSecretSettingName(name)) continue;
        const value = pair.value?.value.trim();
        if (value !== undefined && isPlaceholder(value, instruction.kind)) continue;
        report({
          message: `${instruction.keyword} ${name} stores a credential in the image`,
          at: pair.key.span,
        });
      }
    }
  },
});

/** An empty ENV only declares the variable; a boolean is a switch. An empty ARG default still takes `--build-arg`. */
function isPlaceholder(value: string, kind: "arg" | "env"): boolean {
  return (value === "" && kind === "env") || /^(?:0|1|true|false)$/i.test(value);
}
