import { multiGpu, smallSharedMemory } from "../../src/knowledge/compose-ml.js";
import { effectiveViews } from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC106",
  name: "require-shm-for-multi-gpu",
  target: "compose",
  category: "reliability",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary: "A service that splits a model over several GPUs needs more than the default 64 MB of /dev/shm.",
    why: "NCCL, which carries tensor- and pipeline-parallel traffic between the ranks of vLLM, SGLang, TGI and torchrun, creates its buffers in /dev/shm. Docker gives a container 64 MB, and the server dies at start-up with `Error while creating shared memory segment /dev/shm/nccl-*` or `No space left on device`, or hangs in the first all-reduce. The fix is `shm_size` (1g or more) or `ipc: host`; `shm_size` is preferred because `ipc: host` shares the host's IPC namespace, which security scanners (KICS, compose-lint) report. `ipc: service:<name>` and a tmpfs on /dev/shm also count; `build.shm_size` does not, since it applies to the build only.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "meta-llama/Llama-3.1-70B-Instruct", "--tensor-parallel-size", "2"]\n    gpus: all\n',
      },
      {
        kind: "invalid",
        files:
          "services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    shm_size: 256m\n    command: --model-id meta-llama/Llama-3.1-70B-Instruct\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 2\n              capabilities: [gpu]\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  llm:\n    image: lmsysorg/sglang:v0.4.0\n    command: ["python3", "-m", "sglang.launch_server", "--model-path", "Qwen/Qwen2.5-72B-Instruct", "--tp", "4"]\n    shm_size: 16g\n    gpus: all\n',
      },
    ],
    fix: "Add `shm_size: 16g` (at least 1g; NCCL and vLLM's docs use several GB) to the service, or `ipc: host` when the host's IPC namespace may be shared.",
  },
  check({ model, report }) {
    for (const { service, at } of effectiveViews(model)) {
      const how = multiGpu(model, service);
      const small = how && smallSharedMemory(service);
      if (!small) continue;
      report({
        message: `service \`${service.name}\` ${how}, and ${small.detail}: NCCL fails to create its shared-memory segments; set \`shm_size: 16g\` (preferred over \`ipc: host\`)`,
        at: at(small.at),
      });
    }
  },
});
