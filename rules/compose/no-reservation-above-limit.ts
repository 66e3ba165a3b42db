import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC078",
  name: "no-reservation-above-limit",
  target: "compose",
  category: "correctness",
  severity: "error",
  docs: {
    summary: "A memory reservation must not exceed the memory limit, nor the limit the swap limit.",
    why: "Docker refuses to create the container: `Minimum memory limit can not be less than memory reservation limit` when the reservation (`deploy.resources.reservations.memory` or `mem_reservation`) is above the limit (`deploy.resources.limits.memory` or `mem_limit`), and `Minimum memoryswap limit should be larger than memory limit` when `memswap_limit` (memory plus swap) is below the memory limit. Usually the two values were swapped, or one was changed without the other.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n        reservations:\n          memory: 512M\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    mem_limit: 4g\n    memswap_limit: 2g\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n        reservations:\n          memory: 256M\n    memswap_limit: -1\n",
      },
    ],
    fix: "Raise the limit or lower the reservation; set `memswap_limit` to at least the memory limit, or `-1` for unlimited swap.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const limit = service.limits?.memory ?? service.memLimit;
      const reservation = service.reservations?.memory ?? service.memReservation;
      const swap = service.memswapLimit;
      if (limit?.bytes === undefined) continue;
      if (reservation?.bytes !== undefined && reservation.bytes > limit.bytes) {
        report({
          message: `The memory reservation ${reservation.value} of \`${service.name}\` is above its limit ${limit.value}: Docker refuses to create the container`,
          at: reservation.span,
          related: [{ file: model.file, span: limit.span, message: "the limit" }],
        });
      }
      if (swap?.bytes !== undefined && swap.value !== "-1" && swap.bytes < limit.bytes) {
        report({
          message: `\`memswap_limit: ${swap.value}\` of \`${service.name}\` is below its memory limit ${limit.value}; it counts memory plus swap, so Docker refuses to create the container`,
          at: swap.span,
          related: [{ file: model.file, span: limit.span, message: "the limit" }],
        });
      }
    }
  },
});
