import { gpuGrants } from "../../src/knowledge/compose-ml.js";
import { cpuOnlyInstall, cudaEvidence } from "../../src/knowledge/gpu.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "XP010",
  name: "no-gpu-request-for-cpu-image",
  target: "project",
  category: "performance",
  severity: "info",
  tags: ["ml", "gpu"],
  docs: {
    summary: "A service that requests a GPU should run an image that can use one.",
    why: "A GPU reservation only hands the device and the driver to the container; CUDA userspace has to come from the image. When the service builds an image on a plain base with CPU wheels (`--index-url https://download.pytorch.org/whl/cpu`, `torch==2.3.1+cpu`, `tensorflow-cpu`), `torch.cuda.is_available()` is False: inference runs on the CPU, tens of times slower, while a GPU stays reserved and idle. mllint reports it only when the Dockerfile explicitly installs CPU builds and nothing in it brings CUDA (no CUDA base image, no CUDA wheels).",
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build: .\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n",
          Dockerfile:
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml": "services:\n  api:\n    build: .\n    gpus: all\n",
          Dockerfile:
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cu121\n",
        },
      },
    ],
    fix: "Install CUDA builds (`--index-url https://download.pytorch.org/whl/cu121`, or plain `torch` from PyPI on x86_64), or start from a CUDA image; if the service is meant to run on CPU, drop the GPU request.",
  },
  check({ model, report }) {
    for (const build of model.builds) {
      const request = gpuGrants(build.service)[0];
      const cpu = build.stage && cpuOnlyInstall(build.stage);
      if (!request || !cpu || cudaEvidence(build.stage!)) continue;
      report({
        file: build.compose.file,
        at: request.span,
        message: "the GPU is requested but the image has no CUDA userspace: torch will run on CPU",
        related: [
          { file: build.context!.dockerfile.file, span: cpu.span, message: "CPU-only wheels installed here" },
        ],
      });
    }
  },
});
