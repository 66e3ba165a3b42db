import {
  longRunningServices,
  memoryLimit,
  modelServiceEvidence,
} from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC076",
  name: "require-model-server-memory-limit",
  target: "compose",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  aliases: ["kics:bb9ac4f7-e13b-423d-a010-c74a1bfbe492"],
  docs: {
    summary: "A model server must have a memory limit (`deploy.resources.limits.memory` or `mem_limit`).",
    why: "Loading weights, a burst of long prompts or a growing KV cache can take all of the host's RAM. Without a limit the kernel's OOM killer picks a victim on the whole host — the database, the Docker daemon, sshd — instead of the one container, and the machine may freeze while swapping. With a limit only the model server is killed, and its restart policy brings it back. mllint asks for it when a service that stays up runs a model server command or image or requests a GPU; DC077 covers other services at info level.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    ports:\n      - "127.0.0.1:8000:8000"\n    gpus: all\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    ports:\n      - "127.0.0.1:8000:8000"\n    gpus: all\n    deploy:\n      resources:\n        limits:\n          memory: 48g\n',
      },
      {
        kind: "valid",
        files:
          "services:\n  embed:\n    image: ghcr.io/huggingface/text-embeddings-inference:1.5\n    mem_limit: 8g\n",
      },
    ],
    fix: "Set `deploy.resources.limits.memory` (or the legacy `mem_limit`) above the measured peak: weights plus runtime overhead for CPU inference, the host-side staging and tokenizer memory for GPU inference.",
  },
  check({ model, report }) {
    for (const { service } of longRunningServices(model)) {
      const ml = !memoryLimit(service) && modelServiceEvidence(model, service);
      if (!ml) continue;
      report({
        message: `Service \`${service.name}\` ${ml} but has no memory limit: when it outgrows the host's RAM the OOM killer may take any process on the host`,
        at: service.nameSpan,
      });
    }
  },
});
