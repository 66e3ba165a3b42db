import { hasSchemaProblem } from "../../src/knowledge/compose-services.js";
import type { ByteSize, ComposeService } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC080",
  name: "require-valid-byte-size",
  target: "compose",
  category: "correctness",
  severity: "error",
  docs: {
    summary:
      "Memory and shared-memory sizes must be byte values Docker reads: `512m`, `2g`, `1.5GiB`, `1073741824`.",
    why: "The schema takes any string for `shm_size`, `mem_limit`, `mem_reservation`, `memswap_limit` and `deploy.resources.*.memory`; Compose fails only when it loads the file (`invalid size: '2 GB'`, `'8gigs'`). Docker reads a number, an optional single space, then `b`, `k`, `m`, `g`, `t` or `p` (powers of 1024), optionally followed by `i` and `b`: `512M`, `512MB`, `0.5g` and `2Gi` are all valid. `memswap_limit: -1` (unlimited swap) is accepted.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    shm_size: 8 gigs\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    deploy:\n      resources:\n        limits:\n          memory: 512 MB RAM\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    shm_size: 2Gi\n    mem_limit: 0.5g\n    memswap_limit: -1\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n        reservations:\n          memory: 256MB\n",
      },
    ],
    fix: "Write the size as a number and a unit letter, without spaces or words: `8g`, `512m`.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const { key, value } of byteSizes(service)) {
        if (value.unresolved.length > 0 || value.bytes !== undefined || hasSchemaProblem(model, value.span))
          continue;
        if (key === "memswap_limit" && value.value === "-1") continue;
        report({
          message: `\`${key}: ${value.value}\` is not a byte size Docker reads; write a number and a unit such as \`512m\` or \`2g\``,
          at: value.span,
        });
      }
    }
  },
});

/** Every byte-valued setting of the service, with the key that holds it. */
function byteSizes(service: ComposeService): { key: string; value: ByteSize }[] {
  const found: [string, ByteSize | undefined][] = [
    ["shm_size", service.shmSize],
    ["build.shm_size", service.build?.shmSize],
    ["mem_limit", service.memLimit],
    ["mem_reservation", service.memReservation],
    ["memswap_limit", service.memswapLimit],
    ["limits.memory", service.limits?.memory],
    ["reservations.memory", service.reservations?.memory],
  ];
  return found.flatMap(([key, value]) => (value ? [{ key, value }] : []));
}
