import { hasSchemaProblem } from "../../src/knowledge/compose-services.js";
import type { DeviceRequest } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

/** What is wrong with one device request, or undefined. */
function problemOf(device: DeviceRequest): string | undefined {
  const count = device.count;
  if (!count || count.unresolved.length > 0) return undefined;
  if (device.deviceIds.length > 0)
    return "`count` and `device_ids` are mutually exclusive: Compose refuses the request; keep one of them";
  if (count.value === "all" || /^[1-9]\d*$/.test(count.value)) return undefined;
  if (count.value === "0") return "`count: 0` reserves no device: remove the request or ask for at least 1";
  return `\`count: ${count.value}\` is neither a whole number nor \`all\``;
}

export default defineRule({
  code: "DC101",
  name: "no-invalid-gpu-device-request",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary:
      "A GPU device request must give either `count` or `device_ids`, and `count` must be a number or `all`.",
    why: "The Compose Specification makes `count` and `device_ids` mutually exclusive, and `docker compose up` stops with `invalid device request: count and device_ids are mutually exclusive`; the JSON schema accepts both, so editors and schema checks stay silent. A `count` that is not a whole number or `all` is rejected the same way, and `count: 0` reserves nothing, so the model server starts without its GPU. Both `deploy.resources.reservations.devices` and `gpus:` items are checked. A request without `capabilities`, and devices under `limits`, are schema errors that DC001 reports.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              device_ids: ["0"]\n              capabilities: [gpu]\n',
      },
      {
        kind: "invalid",
        files:
          "services:\n  llm:\n    image: lmsysorg/sglang:v0.4.0\n    gpus:\n      - driver: nvidia\n        count: two\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              device_ids: ["0", "1"]\n              capabilities: [gpu]\n',
      },
    ],
    fix: "Pin GPUs with `device_ids` (UUIDs survive reboots better than indices) or ask for a number with `count`, not both.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const devices = [...(service.reservations?.devices ?? []), ...(service.gpus?.devices ?? [])];
      for (const device of devices) {
        const problem = problemOf(device);
        // `gpus: two` is a schema error (DC001) already.
        if (problem && !hasSchemaProblem(model, device.count!.span))
          report({ message: `service \`${service.name}\`: ${problem}`, at: device.count!.span });
      }
    }
  },
});
