import { envEntry, mlWorkload, serviceCommands } from "../../src/knowledge/compose-ml.js";
import type { ComposeService, Value } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

/** The NVIDIA driver capabilities Docker passes through from a device request's `capabilities`. */
const driverCapabilities = new Set(["compute", "compat32", "graphics", "utility", "video", "display"]);

/** Where the service restricts the driver libraries, and to what; undefined when CUDA stays available. */
function restriction(service: ComposeService): { at: Value; what: string } | undefined {
  const value = envEntry(service, "NVIDIA_DRIVER_CAPABILITIES")?.value;
  if (value && value.unresolved.length === 0) {
    const listed = value.value.split(",").map((c) => c.trim());
    if (!listed.includes("compute") && !listed.includes("all"))
      return { at: value, what: `\`NVIDIA_DRIVER_CAPABILITIES=${value.value}\`` };
  }
  for (const device of [...(service.reservations?.devices ?? []), ...(service.gpus?.devices ?? [])]) {
    const named = device.capabilities.filter((c) => driverCapabilities.has(c.value));
    if (named.length > 0 && !named.some((c) => c.value === "compute"))
      return {
        at: named[0]!,
        what: `\`capabilities: [${device.capabilities.map((c) => c.value).join(", ")}]\``,
      };
  }
  return undefined;
}

export default defineRule({
  code: "DC103",
  name: "require-compute-driver-capability",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary: "An ML service that limits the NVIDIA driver capabilities must keep `compute`.",
    why: "The NVIDIA runtime mounts only the driver libraries that `NVIDIA_DRIVER_CAPABILITIES` lists; `libcuda.so` comes with `compute`. Docker also sets the variable from a device request: `capabilities: [gpu, utility]` becomes `NVIDIA_DRIVER_CAPABILITIES=utility`. Without `compute` (or `all`), `nvidia-smi` works inside the container, which makes the setup look right, while CUDA fails with `CUDA driver version is insufficient` or `no CUDA-capable device is detected` and torch falls back to the CPU. Only services recognised as ML workloads (catalogued images, model servers, ML launchers) are checked, since media services legitimately ask for `video,utility`.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    gpus: all\n    environment:\n      NVIDIA_DRIVER_CAPABILITIES: utility\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu, utility]\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    gpus: all\n    environment:\n      NVIDIA_DRIVER_CAPABILITIES: compute,utility\n  transcode:\n    image: jrottenberg/ffmpeg:6.1-nvidia\n    runtime: nvidia\n    environment:\n      NVIDIA_DRIVER_CAPABILITIES: video,utility\n",
      },
    ],
    fix: "List `compute` (plus `utility` for `nvidia-smi`), e.g. `NVIDIA_DRIVER_CAPABILITIES=compute,utility`, or `capabilities: [gpu]` alone, which keeps the image's default.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const found = restriction(service);
      if (!found) continue;
      const workload = mlWorkload(service, serviceCommands(service, model.file.text));
      if (!workload) continue;
      report({
        message: `${found.what} leaves out \`compute\`, so the ${workload} service \`${service.name}\` gets no libcuda: CUDA is unavailable although \`nvidia-smi\` works; add \`compute\``,
        at: found.at.span,
      });
    }
  },
});
