import { isMap } from "yaml";
import { byName, misplaced, pairEntries, sortEdit } from "../../src/knowledge/compose-order.js";
import { mapEntry, resolveAlias } from "../../src/parse/yaml.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC020",
  name: "require-sorted-services",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:services-alphabetical-order"],
  docs: {
    summary: "List services in alphabetical order.",
    why: "A style choice, off by default: in a long compose file, alphabetical services are found without searching, and a diff that adds one lands in a predictable place. Order has no effect on how Compose starts services — `depends_on` decides that.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n\n  redis:\n    image: redis:7.2-alpine\n\n  postgres:\n    image: postgres:16-alpine\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n  postgres:\n    image: postgres:16-alpine\n  redis:\n    image: redis:7.2-alpine\n",
      },
    ],
    fix: "Reorder the services. The autofix (safe) moves each service's lines, with the comment lines directly above it, and keeps blank lines where they were; it is not offered when a service shares a line with another (flow style) or when moving would put an alias before its anchor.",
  },
  check({ file, model, report }) {
    const entry = model.document && model.root && mapEntry(model.document, model.root, "services");
    const services = entry && resolveAlias(model.document!, entry.pair.value);
    if (!isMap(services)) return;
    const entries = pairEntries(services);
    const wrong = misplaced(entries, byName);
    if (!wrong) return;
    const edit = sortEdit(file, entries, byName);
    report({
      message: `service \`${wrong.entry.name}\` should come before \`${wrong.before.name}\` (alphabetical order)`,
      at: wrong.entry.at,
      fix: edit && { title: "Sort the services alphabetically", safety: "safe", edits: [edit] },
    });
  },
});
