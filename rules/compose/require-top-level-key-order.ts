import { topLevelOrder } from "../../src/knowledge/compose.js";
import { byName, type Entry, misplaced, pairEntries, sortEdit } from "../../src/knowledge/compose-order.js";
import { defineRule } from "../../src/rule.js";

interface Options {
  order: string[];
}

export default defineRule<"compose", Options>({
  code: "DC024",
  name: "require-top-level-key-order",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:top-level-properties-order"],
  options: {
    schema: {
      type: "object",
      properties: {
        order: {
          type: "array",
          items: { type: "string" },
          description:
            "Top-level keys in the wanted order; `x-*` stands for all extension fields (sorted by name). Keys not listed go last.",
        },
      },
      additionalProperties: false,
    },
    defaults: { order: [...topLevelOrder] },
  },
  docs: {
    summary:
      "Write the top-level keys in one conventional order: extensions, name, include, services, then the resources.",
    why: "A style choice, off by default: extension fields (`x-*`, where shared anchors live) first, then the project `name`, `include`, `services`, and the `networks`, `volumes`, `secrets` and `configs` they use — the order readers expect, and the one that defines anchors before the services that use them. Keys not in the list (`models`) go last. The order has no effect on Compose.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    volumes:\n      - hf-cache:/root/.cache/huggingface\nname: ml-serving\nvolumes:\n  hf-cache:\n",
      },
      {
        kind: "valid",
        files:
          "x-defaults: &defaults\n  restart: unless-stopped\nname: ml-serving\nservices:\n  ml-api:\n    <<: *defaults\n    image: ghcr.io/acme/ml-api:1.4.2\nvolumes:\n  hf-cache:\nmodels:\n  llm:\n    model: ai/smollm2\n",
      },
    ],
    fix: "Reorder the top-level keys. The autofix (safe) moves each section's lines, with the comment lines directly above it (a comment heading the file stays first); it is not offered when moving would put an alias before its anchor.",
  },
  check({ file, model, options, report }) {
    if (!model.root) return;
    const extensions = options.order.indexOf("x-*");
    const rank = new Map(options.order.map((key, i) => [key, i]));
    const rankOf = (entry: Entry) =>
      (entry.name.startsWith("x-") && extensions !== -1 ? extensions : rank.get(entry.name)) ??
      options.order.length;
    const compare = (a: Entry, b: Entry) =>
      rankOf(a) - rankOf(b) || (a.name.startsWith("x-") && b.name.startsWith("x-") ? byName(a, b) : 0);
    const entries = pairEntries(model.root);
    const wrong = misplaced(entries, compare);
    if (!wrong) return;
    const edit = sortEdit(file, entries, compare);
    report({
      message: `top-level \`${wrong.entry.name}\` should come before \`${wrong.before.name}\``,
      at: wrong.entry.at,
      fix: edit && { title: "Reorder the top-level keys", safety: "safe", edits: [edit] },
    });
  },
});
