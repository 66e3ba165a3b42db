import { envEntry, gpuGrants, grantedGpuCount } from "../../src/knowledge/compose-ml.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC105",
  name: "no-cuda-visible-devices-beyond-granted",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary:
      "`CUDA_VISIBLE_DEVICES` must use the container's own GPU numbering, below the number of GPUs granted.",
    why: 'Inside the container the granted GPUs are numbered from 0, whatever their index on the host: `device_ids: ["2"]` shows up as device 0. `CUDA_VISIBLE_DEVICES=2` (the host index) then names a GPU that does not exist in the container, and CUDA reports `no CUDA-capable device is detected` or torch silently runs on the CPU. Indices at or above the number of GPUs the service reserves (`count`, `device_ids`, `gpus`, or `NVIDIA_VISIBLE_DEVICES` with `runtime: nvidia`) are reported; GPU UUIDs and `count: all` are not checked.',
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    environment:\n      CUDA_VISIBLE_DEVICES: "1"\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              device_ids: ["1"]\n              capabilities: [gpu]\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    environment:\n      CUDA_VISIBLE_DEVICES: "0,1"\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 2\n              capabilities: [gpu]\n',
      },
    ],
    fix: "Pick the GPU with `device_ids` and drop `CUDA_VISIBLE_DEVICES`, or number from 0 inside the container.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const visible = envEntry(service, "CUDA_VISIBLE_DEVICES")?.value;
      if (!visible || visible.unresolved.length > 0) continue;
      const granted = grantedGpuCount(gpuGrants(service));
      if (granted === undefined) continue;
      const beyond = visible.value.split(",").find((id) => /^\d+$/.test(id.trim()) && Number(id) >= granted);
      if (beyond === undefined) continue;
      report({
        message: `\`CUDA_VISIBLE_DEVICES\` names GPU ${beyond.trim()}, but service \`${service.name}\` is granted ${granted} GPU${granted === 1 ? "" : "s"}, numbered from 0 inside the container: CUDA finds no such device`,
        at: visible.span,
      });
    }
  },
});
