import { isMap, isSeq, type Node } from "yaml";
import { serviceNode } from "../../src/knowledge/compose.js";
import {
  byName,
  type Entry,
  itemEntries,
  misplaced,
  pairEntries,
  sortEdit,
} from "../../src/knowledge/compose-order.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC021",
  name: "require-sorted-dependencies",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:service-dependencies-alphabetical-order"],
  docs: {
    summary: "List a service's `depends_on` entries in alphabetical order.",
    why: "A style choice, off by default: sorted dependencies are quicker to scan and compare between services. The order has no effect — Compose starts dependencies by the graph, not by their position in the list.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    depends_on:\n      - redis\n      - postgres\n  postgres:\n    image: postgres:16-alpine\n  redis:\n    image: redis:7.2-alpine\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    depends_on:\n      postgres:\n        condition: service_healthy\n      redis:\n        condition: service_started\n  postgres:\n    image: postgres:16-alpine\n  redis:\n    image: redis:7.2-alpine\n",
      },
    ],
    fix: "Reorder the entries. The autofix (safe) moves whole entries (a long-syntax entry with its options), keeping comments directly above an entry with it; it is not offered for the flow form (`[redis, postgres]`) or when an alias would come before its anchor.",
  },
  check({ file, model, report }) {
    const seen = new Set<Node>();
    for (const service of model.services) {
      const node = serviceNode(model, service, ["depends_on"]);
      if (!node || seen.has(node)) continue;
      seen.add(node);
      const entries: Entry[] = isMap(node) ? pairEntries(node) : isSeq(node) ? itemEntries(node) : [];
      const wrong = misplaced(entries, byName);
      if (!wrong) continue;
      const edit = sortEdit(file, entries, byName);
      report({
        message: `\`${wrong.entry.name}\` should come before \`${wrong.before.name}\` in the depends_on of \`${service.name}\``,
        at: wrong.entry.at,
        fix: edit && { title: "Sort depends_on alphabetically", safety: "safe", edits: [edit] },
      });
    }
  },
});
