import { gpuGrants, gpuNeed, runsOnCpu, serviceCommands } from "../../src/knowledge/compose-ml.js";
import { effectiveViews } from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC100",
  name: "require-gpu-request",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary:
      "A service that needs a GPU must request one (`gpus:`, a device reservation or `runtime: nvidia`).",
    why: 'Docker gives a container no GPU unless the service asks: a `deploy.resources.reservations.devices` entry with `capabilities: [gpu]`, `gpus: all` (Compose 2.30+), a CDI device, or the legacy `runtime: nvidia`. Without one, vLLM, TGI and SGLang stop at start-up (`RuntimeError: No CUDA GPUs are available`, `Found no NVIDIA driver`), and PyTorch code quietly falls back to the CPU and runs a hundred times slower. A daemon configured with `default-runtime: nvidia` hides the problem on one host and not on the next, so the request belongs in the file. GPU-only images (vLLM, TGI, TEI, SGLang, CUDA and PyTorch images, Triton\'s TensorRT-LLM and vLLM builds) and `--device cuda` count as needing one; CPU builds (`*-cpu` tags), `--device cpu`, and `CUDA_VISIBLE_DEVICES=""` or `NVIDIA_VISIBLE_DEVICES=none` are left alone. Devices written under `limits` instead of `reservations` grant nothing (DC001 reports the key). A service built from a CUDA Dockerfile with no such sign in the compose file is left to XP011.',
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n    ports:\n      - "127.0.0.1:8000:8000"\n',
      },
      {
        kind: "invalid",
        files: "services:\n  train:\n    build: .\n    command: python train.py --device cuda:0\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  embed:\n    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5\n  train:\n    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n    command: python train.py --device cpu\n",
      },
    ],
    fix: "Add `gpus: all` (or a count) to the service, or the portable form under `deploy.resources.reservations.devices` with `driver: nvidia`, `count` and `capabilities: [gpu]`.",
  },
  check({ model, report }) {
    for (const { service, at } of effectiveViews(model)) {
      if (gpuGrants(service).length > 0) continue;
      const commands = serviceCommands(service, model.file.text);
      if (runsOnCpu(service, commands)) continue;
      const evidence = gpuNeed(service, commands);
      if (!evidence) continue;
      const underLimits =
        (service.limits?.devices.length ?? 0) > 0 ? " (devices under `limits` are ignored)" : "";
      report({
        message: `service \`${service.name}\` requests no GPU${underLimits}, but ${evidence.why}: it fails to start or runs on the CPU; add \`gpus: all\` or a \`deploy.resources.reservations.devices\` entry`,
        at: at(evidence.at),
      });
    }
  },
});
