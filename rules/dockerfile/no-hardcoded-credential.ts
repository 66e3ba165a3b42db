import { credentialIn } from "../../src/knowledge/secrets.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF015",
  name: "no-hardcoded-credential",
  target: "dockerfile",
  category: "security",
  severity: "error",
  tags: ["ml"],
  aliases: [],
  docs: {
    summary: "No literal tokens or keys in the Dockerfile.",
    why: "A token written into the Dockerfile is in the repository's history and in every image built from it; a Hugging Face token (`hf_...`), an AWS key (`AKIA...`) or an OpenAI key (`sk-...`) found there must be treated as leaked and rotated. mllint recognises token formats with documented prefixes anywhere in the file — ARG and ENV defaults, LABELs, RUN commands — whatever the variable is called.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN huggingface-cli login --token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n",
      },
      { kind: "invalid", files: "FROM python:3.12-slim\nENV AWS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=secret,id=hf,env=HF_TOKEN huggingface-cli download org/model\n",
      },
    ],
    fix: "Remove the value, rotate the credential (it is leaked), and pass it as a build secret (`RUN --mount=type=secret`) or a runtime secret.",
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const found = credentialIn(file.slice(instruction.argumentsSpan));
      if (found)
        report({ message: `${instruction.keyword} contains ${found}`, at: instruction.argumentsSpan });
    }
  },
});
