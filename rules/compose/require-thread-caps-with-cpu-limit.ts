import {
  envEntry,
  gpuGrants,
  mlWorkload,
  serviceCommands,
  serviceMlImage,
} from "../../src/knowledge/compose-ml.js";
import { effectiveViews } from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

const threadVariables = ["OMP_NUM_THREADS", "MKL_NUM_THREADS"];

export default defineRule({
  code: "DC111",
  name: "require-thread-caps-with-cpu-limit",
  target: "compose",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary:
      "An ML service with a CPU limit should cap its thread pools (`OMP_NUM_THREADS`, `MKL_NUM_THREADS`).",
    why: "PyTorch, ONNX Runtime, MKL and OpenBLAS size their thread pools from the host's cores, not from the container's CPU quota. With `cpus: 4` on a 64-core host, 64 threads share four CPUs' worth of time: the kernel throttles the container every period and inference runs 6 to 45 times slower (kserve#1031, TEI#170, TorchServe#3150), while CPU usage looks pegged. Setting `OMP_NUM_THREADS` (and `MKL_NUM_THREADS`) to the limit fixes it; a value above the limit is reported too. Services that request a GPU are skipped, since their CPU threads mostly wait; Ollama (llama.cpp) takes its thread count from its own `num_thread` option and is skipped as well.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  embed:\n    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5\n    deploy:\n      resources:\n        limits:\n          cpus: '4'\n          memory: 8g\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  worker:\n    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n    command: torchrun --nproc_per_node=1 infer.py --device cpu\n    cpus: 2\n    environment:\n      OMP_NUM_THREADS: 16\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  embed:\n    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5\n    environment:\n      - OMP_NUM_THREADS=4\n      - MKL_NUM_THREADS=4\n    deploy:\n      resources:\n        limits:\n          cpus: '4'\n  api:\n    image: nginx:1.27\n    cpus: 1\n",
      },
    ],
    fix: "Set `OMP_NUM_THREADS` and `MKL_NUM_THREADS` to the CPU limit (rounded down, at least 1) in the service's `environment`.",
  },
  check({ model, report }) {
    for (const { service, at } of effectiveViews(model)) {
      const cpus = service.limits?.cpus ?? service.cpus;
      const limit = Number(cpus?.value);
      if (!cpus || !(limit > 0) || gpuGrants(service).length > 0) continue;
      if (serviceMlImage(service)?.readsThreadEnv === false) continue;
      const workload = mlWorkload(service, serviceCommands(service, model.file.text));
      if (!workload) continue;
      const set = threadVariables.flatMap((name) => envEntry(service, name)?.value ?? []);
      const cap = Math.max(1, Math.floor(limit));
      const inEnvFile = threadVariables.some((name) => service.envFileVariables.has(name));
      if (set.length === 0 && !inEnvFile) {
        report({
          message: `${workload} service \`${service.name}\` is limited to ${cpus.value} CPUs but sets no \`OMP_NUM_THREADS\`/\`MKL_NUM_THREADS\`: its thread pools follow the host's cores and get throttled; set them to ${cap}`,
          at: at(cpus.span),
        });
        continue;
      }
      const over = set.find((value) => Number(value.value) > Math.ceil(limit));
      if (over)
        report({
          message: `${over.value} threads on a limit of ${cpus.value} CPUs oversubscribe service \`${service.name}\`: set it to ${cap}`,
          at: at(over.span),
        });
    }
  },
});
