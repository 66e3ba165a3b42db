import {
  envEntry,
  type GpuGrant,
  gpuGrants,
  grantedGpuCount,
  parallelism,
  serviceCommands,
} from "../../src/knowledge/compose-ml.js";
import type { Value } from "../../src/model/compose.js";
import { defineRule, type RelatedLocation } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

/** The GPUs CUDA sees when `CUDA_VISIBLE_DEVICES` lists them. */
function visibleCount(value: Value | undefined): number | undefined {
  if (!value || value.unresolved.length > 0 || value.value.trim() === "") return undefined;
  return value.value.split(",").filter((id) => id.trim() !== "").length;
}

const grantNotes = (file: SourceFile, grants: GpuGrant[]): RelatedLocation[] =>
  grants.map((grant) => ({ file, span: grant.span, message: `GPUs granted by \`${grant.via}\`` }));

export default defineRule({
  code: "DC104",
  name: "no-parallelism-beyond-granted-gpus",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary:
      "Tensor × pipeline × data parallelism (or torchrun's processes) must not exceed the GPUs the service gets.",
    why: "Each tensor-, pipeline- or data-parallel rank of vLLM, SGLang and TGI (`--num-shard`, `NUM_SHARD`) and each torchrun process needs its own GPU. When the service reserves fewer (`count`, `device_ids`, `gpus`, `NVIDIA_VISIBLE_DEVICES` with `runtime: nvidia`) or `CUDA_VISIBLE_DEVICES` hides some, the server stops at start-up (`The number of required GPUs exceeds the total number of available GPUs`, `ValueError: Total number of attention heads ... must be divisible`, NCCL `invalid device ordinal`) or every rank lands on GPU 0 and runs out of memory. The product is compared with the reservation; `count: all` and multi-node layouts (`--distributed-executor-backend ray`, `--nnodes` > 1) are skipped.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "meta-llama/Llama-3.1-70B-Instruct", "--tensor-parallel-size", "4"]\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 2\n              capabilities: [gpu]\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  train:\n    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n    command: torchrun --nproc_per_node=8 train.py\n    gpus: all\n    environment:\n      CUDA_VISIBLE_DEVICES: "0,1,2,3"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    command: --model-id meta-llama/Llama-3.1-70B-Instruct --num-shard 2\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              device_ids: ["0", "1"]\n              capabilities: [gpu]\n',
      },
    ],
    fix: "Reserve as many GPUs as the parallel sizes multiply to, or lower `--tensor-parallel-size` / `--num-shard` / `--nproc_per_node` to what the host gives the service.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const wanted = parallelism(service, serviceCommands(service, model.file.text));
      if (!wanted) continue;
      const grants = gpuGrants(service);
      const granted = grantedGpuCount(grants);
      const visible = envEntry(service, "CUDA_VISIBLE_DEVICES")?.value;
      const seen = visibleCount(visible);
      const asked = wanted.words.map((w) => `\`${w.value}\``).join(" × ");
      if (granted !== undefined && wanted.gpus > granted) {
        report({
          message: `service \`${service.name}\` starts ${asked} = ${wanted.gpus} GPU ranks but is granted ${granted} GPU${granted === 1 ? "" : "s"}: it fails at start-up or piles the ranks onto one GPU`,
          at: wanted.words[0]!.span,
          related: grantNotes(model.file, grants),
        });
      } else if (seen !== undefined && wanted.gpus > seen) {
        report({
          message: `service \`${service.name}\` starts ${asked} = ${wanted.gpus} GPU ranks but \`CUDA_VISIBLE_DEVICES\` shows only ${seen}`,
          at: wanted.words[0]!.span,
          related: [{ file: model.file, span: visible!.span, message: "the GPUs CUDA may use" }],
        });
      }
    }
  },
});
