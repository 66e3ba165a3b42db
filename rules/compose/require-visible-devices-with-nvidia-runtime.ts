import { envEntry } from "../../src/knowledge/compose-ml.js";
import { setsNvidiaRuntimeEnv } from "../../src/knowledge/cuda.js";
import { parseImageRef } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC102",
  name: "require-visible-devices-with-nvidia-runtime",
  target: "compose",
  category: "correctness",
  severity: "warning",
  tags: ["ml", "gpu"],
  docs: {
    summary: "`runtime: nvidia` on an image that is not CUDA-based needs `NVIDIA_VISIBLE_DEVICES`.",
    why: "The legacy `runtime: nvidia` reserves nothing itself: the NVIDIA runtime mounts the GPUs and driver libraries that `NVIDIA_VISIBLE_DEVICES` names, and when the variable is unset it behaves exactly like the default runtime. CUDA, NGC, PyTorch and the serving images set it (to `all`) in their image; a `python:*` or distribution image does not, so the service starts without a GPU and torch reports `torch.cuda.is_available() == False`. Services built from a local Dockerfile are not checked here, since their base image is in another file.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  worker:\n    image: python:3.12-slim\n    runtime: nvidia\n    command: python worker.py\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  worker:\n    image: python:3.12-slim\n    runtime: nvidia\n    environment:\n      NVIDIA_VISIBLE_DEVICES: all\n      NVIDIA_DRIVER_CAPABILITIES: compute,utility\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    runtime: nvidia\n",
      },
    ],
    fix: "Prefer `gpus: all` or a `deploy.resources.reservations.devices` request, which set the variable for you; with `runtime: nvidia`, set `NVIDIA_VISIBLE_DEVICES` (`all` or the GPU indices/UUIDs) in `environment`.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const { runtime, image } = service;
      if (runtime?.value !== "nvidia" || !image || image.unresolved.length > 0 || service.build) continue;
      const name = "NVIDIA_VISIBLE_DEVICES";
      if (envEntry(service, name) || service.envFileVariables.has(name)) continue;
      if (setsNvidiaRuntimeEnv(parseImageRef(image, new Map()))) continue;
      report({
        message: `\`runtime: nvidia\` mounts only the GPUs \`NVIDIA_VISIBLE_DEVICES\` names, and \`${image.value}\` does not set it: service \`${service.name}\` starts without a GPU; set it in \`environment\` or use \`gpus:\``,
        at: runtime.span,
      });
    }
  },
});
