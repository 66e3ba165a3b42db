import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC048",
  name: "require-read-only-root-filesystem",
  target: "compose",
  category: "security",
  severity: "info",
  enabledByDefault: false,
  tags: ["ml"],
  docs: {
    summary: "Run services with `read_only: true`, giving writable space only where it is needed.",
    why: "With a writable root filesystem, an attacker who gets code execution in the model server (a pickle in a checkpoint, a template injection) can drop tools, patch the server's code or plant a backdoor that survives until the container is recreated. A read-only root makes the image immutable at run time. ML servers do write — the Hugging Face cache, `/tmp`, compiled kernels — so give those a volume or a `tmpfs` instead; that is why this rule is opt-in information rather than a default.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n",
      },
      {
        kind: "invalid",
        files: "services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    read_only: false\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    read_only: true\n    tmpfs:\n      - /tmp\n    volumes:\n      - hf-cache:/root/.cache/huggingface\nvolumes:\n  hf-cache:\n",
      },
    ],
    fix: "Add `read_only: true`, then mount what the server writes: `tmpfs: [/tmp]`, a named volume for the model cache (`HF_HOME`), a volume for logs.",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      const readOnly = service.readOnly;
      if (readOnly?.value.toLowerCase() === "true") continue;
      once({
        message: `\`${service.name}\` runs with a writable root filesystem; set \`read_only: true\` and mount tmpfs or volumes where it writes`,
        at: readOnly?.span ?? service.nameSpan,
      });
    }
  },
});
