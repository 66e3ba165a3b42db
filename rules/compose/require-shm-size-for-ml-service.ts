import {
  findFlag,
  gpuGrants,
  integerOf,
  multiGpu,
  serviceCommands,
  serviceMlImage,
  smallSharedMemory,
} from "../../src/knowledge/compose-ml.js";
import { effectiveViews } from "../../src/knowledge/compose-services.js";
import type { ComposeFile, ComposeService } from "../../src/model/compose.js";
import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

const workerFlags = [
  "--num-workers",
  "--num_workers",
  "--dataloader-num-workers",
  "--dataloader_num_workers",
];

/** Why the service's processes share memory through /dev/shm, or undefined. */
function sharesMemory(model: ComposeFile, service: ComposeService): string | undefined {
  const commands = serviceCommands(service, model.file.text);
  const workers = findFlag(commands, ...workerFlags);
  if ((integerOf(workers?.value) ?? 0) > 0) return `starts ${workers!.value} DataLoader workers`;
  const launcher = commands.map((c) => commandName(c)).find((name) => name === "torchrun" || name === "ray");
  if (launcher) return `runs \`${launcher}\``;
  const image = serviceMlImage(service);
  if (image) return image.needsSharedMemory ? `runs ${image.label}` : undefined;
  return gpuGrants(service).length > 0 ? "is a GPU workload" : undefined;
}

export default defineRule({
  code: "DC107",
  name: "require-shm-size-for-ml-service",
  target: "compose",
  category: "reliability",
  severity: "warning",
  tags: ["ml", "gpu"],
  docs: {
    summary: "An ML service whose processes share memory should raise /dev/shm above Docker's 64 MB.",
    why: "PyTorch DataLoader workers hand batches to the main process through /dev/shm, Ray puts its object store there, Triton's Python backend needs a region per model instance, and vLLM, SGLang and TGI use it between their processes. At Docker's default 64 MB these fail with `bus error`, `RuntimeError: DataLoader worker (pid N) is killed by signal: Bus error`, `unable to write to file </torch_...>: No space left on device`, or Ray warnings that the object store fell back to /tmp and runs slowly. Services are checked when they run such an image (vLLM, TGI, SGLang, Triton, Ray, PyTorch), start DataLoader workers (`--num-workers`), launch `torchrun` or `ray`, or request a GPU without a catalogued image. Multi-GPU services are DC106's (an error). `shm_size` is preferred over `ipc: host`, which security scanners report.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  triton:\n    image: nvcr.io/nvidia/tritonserver:24.08-py3\n    command: tritonserver --model-repository=/models\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  train:\n    build:\n      context: .\n      shm_size: 2g\n    command: python train.py --num-workers 8\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  ray:\n    image: rayproject/ray:2.9.0-gpu\n    command: ray start --head --block\n    shm_size: 10.24gb\n  ollama:\n    image: ollama/ollama:0.3.12\n    gpus: all\n",
      },
    ],
    fix: "Add `shm_size: 2g` or more (Ray suggests about 30% of RAM); `ipc: host` also works but shares the host's IPC namespace.",
  },
  check({ model, report }) {
    for (const { service, at } of effectiveViews(model)) {
      if (multiGpu(model, service)) continue;
      const why = sharesMemory(model, service);
      const small = why && smallSharedMemory(service);
      if (!small) continue;
      report({
        message: `service \`${service.name}\` ${why}, and ${small.detail}: expect bus errors or stalls; set \`shm_size\` (1g or more, preferred over \`ipc: host\`)`,
        at: at(small.at),
      });
    }
  },
});
