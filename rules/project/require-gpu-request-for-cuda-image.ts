import { gpuGrants, gpuNeed, runsOnCpu, serviceCommands } from "../../src/knowledge/compose-ml.js";
import { cudaEvidence } from "../../src/knowledge/gpu.js";
import { instructionsOf, lineage } from "../../src/model/dockerfile.js";
import type { ComposeBuild } from "../../src/model/project.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "XP011",
  name: "require-gpu-request-for-cuda-image",
  target: "project",
  category: "performance",
  severity: "warning",
  tags: ["ml", "gpu"],
  docs: {
    summary: "A service that builds a CUDA image must request a GPU (or install CPU builds).",
    why: 'Docker gives a container no GPU unless the service asks for one (`deploy.resources.reservations.devices` with `capabilities: [gpu]`, `gpus:`, or `runtime: nvidia`). A service that builds on `nvidia/cuda` or installs CUDA wheels (`torch==2.3.1+cu121`, `nvidia-*-cu12`) but asks for nothing starts fine and then serves on the CPU — `torch.cuda.is_available()` is False, or "Found no NVIDIA driver on your system" — while the image carries gigabytes of CUDA libraries it cannot use. Either half is the bug: request the GPU, or build a CPU image. A service whose command says `--device cpu`, or whose image another service in the project runs with a GPU, is left alone, and so is one whose compose file alone shows it needs a GPU (a GPU-only image, `--device cuda`): DC100 reports that one.',
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "8000:8000"\n',
          Dockerfile:
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1+cu121 --index-url https://download.pytorch.org/whl/cu121\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build: .\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n",
          Dockerfile: "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get update\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml": "services:\n  api:\n    build: .\n",
          Dockerfile:
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu\n",
        },
      },
    ],
    fix: "Add a GPU request to the service (`deploy: resources: reservations: devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]`, or `gpus: all`); or, if it is meant to run on CPU, install CPU wheels (`--index-url https://download.pytorch.org/whl/cpu`) on a plain base to cut gigabytes from the image.",
  },
  check({ model, report }) {
    for (const build of model.builds) {
      const cuda = build.stage && cudaEvidence(build.stage);
      if (!cuda || intendsCpu(build) || coveredByDc100(build)) continue;
      if (build.context!.builds.some((other) => gpuGrants(other.service).length > 0)) continue;
      report({
        file: build.compose.file,
        at: build.service.nameSpan,
        message: `service ${build.service.name} builds a CUDA image but requests no GPU: torch runs on the CPU and the CUDA libraries are dead weight`,
        related: [
          { file: build.context!.dockerfile.file, span: cuda.span, message: `CUDA comes from ${cuda.value}` },
        ],
      });
    }
  },
});

/** DC100 reports the service already when its compose file alone says it needs a GPU; one finding is enough. */
function coveredByDc100(build: ComposeBuild): boolean {
  return gpuNeed(build.service, serviceCommands(build.service, build.compose.file.text)) !== undefined;
}

/** `--device cpu` or no visible GPU in the service, or `--device cpu` in the CMD/ENTRYPOINT of the image it builds. */
function intendsCpu(build: ComposeBuild): boolean {
  const image = lineage(build.stage!).flatMap((stage) =>
    [...instructionsOf(stage, "entrypoint"), ...instructionsOf(stage, "cmd")].flatMap((i) => i.commands),
  );
  const service = serviceCommands(build.service, build.compose.file.text);
  return runsOnCpu(build.service, [...service, ...image]);
}
