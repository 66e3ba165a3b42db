import type { Node } from "yaml";
import { serviceKeyOrder } from "../../src/knowledge/compose.js";
import { type Entry, misplaced, pairEntries, sortEdit } from "../../src/knowledge/compose-order.js";
import { defineRule } from "../../src/rule.js";

interface Options {
  order: string[];
}

export default defineRule<"compose", Options>({
  code: "DC023",
  name: "require-service-key-order",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:service-keys-order"],
  options: {
    schema: {
      type: "object",
      properties: {
        order: {
          type: "array",
          items: { type: "string" },
          description: "Service keys in the wanted order; keys not listed go after them, in any order.",
        },
      },
      additionalProperties: false,
    },
    defaults: { order: [...serviceKeyOrder] },
  },
  docs: {
    summary: "Write a service's keys in one conventional order (dclint's grouping by default).",
    why: "A style choice, off by default: when every service reads in the same order — what it runs (`image`, `build`, `container_name`), what it waits for, its data, environment, network, how it runs, metadata, security context — a reviewer finds the healthcheck or the published ports without scanning. Keys outside the list (`deploy`, `gpus`, `shm_size`...) go last. The order has no effect on Compose; keys merged in with `<<` are not moved.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  ml-api:\n    build: .\n    ports:\n      - "8000:8000"\n    environment:\n      - LOG_LEVEL=INFO\n',
      },
      {
        kind: "invalid",
        files: "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    restart: unless-stopped\n",
        options: { order: ["restart", "image"] },
      },
      {
        kind: "valid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    depends_on:\n      - redis\n    volumes:\n      - ./models:/models:ro\n    environment:\n      - LOG_LEVEL=INFO\n    ports:\n      - "8000:8000"\n    restart: unless-stopped\n    deploy:\n      replicas: 2\n  redis:\n    image: redis:7.2-alpine\n',
      },
    ],
    fix: "Reorder the keys. The autofix (safe) moves each `key: value` entry's lines, with comment lines directly above it, and leaves `<<` merge keys where they are; it is not offered for flow mappings or when an alias would come before its anchor.",
  },
  check({ file, model, options, report }) {
    const rank = new Map(options.order.map((key, i) => [key, i]));
    const rankOf = (entry: Entry) => rank.get(entry.name) ?? options.order.length;
    const compare = (a: Entry, b: Entry) => rankOf(a) - rankOf(b);
    // A service written as an alias (`b: *a`) shares its mapping; report the mapping once.
    const seen = new Set<Node>();
    for (const service of model.services) {
      if (seen.has(service.node)) continue;
      seen.add(service.node);
      const entries = pairEntries(service.node);
      const wrong = misplaced(entries, compare);
      if (!wrong) continue;
      const edit = sortEdit(file, entries, compare);
      report({
        message: `\`${wrong.entry.name}\` should come before \`${wrong.before.name}\` in service \`${service.name}\``,
        at: wrong.entry.at,
        fix: edit && { title: "Reorder the service's keys", safety: "safe", edits: [edit] },
      });
    }
  },
});
