import { isMap, isSeq, type Node } from "yaml";
import { portRange, serviceNode } from "../../src/knowledge/compose.js";
import { type Entry, itemEntries, misplaced, sortEdit } from "../../src/knowledge/compose-order.js";
import { parsePortSpec } from "../../src/model/compose.js";
import { mapEntry, scalarText, type YamlDocument } from "../../src/parse/yaml.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

interface PortEntry extends Entry {
  /** The published port (or the container port when none is), -1 for a variable: what the list is sorted by. */
  number: number;
}

export default defineRule({
  code: "DC022",
  name: "require-sorted-ports",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:service-ports-alphabetical-order"],
  docs: {
    summary: "List a service's `ports` by port number.",
    why: "A style choice, off by default: a port list in numeric order shows at a glance what a service publishes and where a new port goes. Ports are ordered by the host port (the container port when none is published), and a port set by a variable first; the order has no effect on Compose.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  triton:\n    image: nvcr.io/nvidia/tritonserver:24.05-py3\n    ports:\n      - "8002:8002"\n      - "8000:8000"\n      - "8001:8001"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  nginx:\n    image: nginx:1.27-alpine\n    ports:\n      - "${HTTP_PORT}:80"\n      - "80:80"\n      - target: 8443\n        published: 443\n      - "9113"\n',
      },
    ],
    fix: "Reorder the ports. The autofix (safe) moves whole items, long syntax included; it is not offered for a flow list or when an alias would come before its anchor.",
  },
  check({ file, model, report }) {
    const seen = new Set<Node>();
    for (const service of model.services) {
      const node = serviceNode(model, service, ["ports"]);
      if (!isSeq(node) || seen.has(node)) continue;
      seen.add(node);
      const entries = itemEntries(node, (item) => portName(file, item)).map((entry) => ({
        ...entry,
        number: portNumber(model.document!, entry.nodes[0]!),
      }));
      const compare = (a: PortEntry, b: PortEntry) => a.number - b.number;
      const wrong = misplaced(entries, compare);
      if (!wrong) continue;
      const edit = sortEdit(file, entries, compare);
      report({
        message: `port ${wrong.entry.name} should come before ${wrong.before.name} in the ports of \`${service.name}\``,
        at: wrong.entry.at,
        fix: edit && { title: "Sort the ports by number", safety: "safe", edits: [edit] },
      });
    }
  },
});

/** A port as written, for messages: `"8000:8000"`, or `published: 443` for long syntax. */
function portName(file: SourceFile, item: Node): string {
  const text = file.text
    .slice(item.range?.[0] ?? 0, item.range?.[1] ?? 0)
    .split("\n")[0]!
    .trim();
  return `\`${text}\``;
}

/** The number the list is sorted by; -1 for a port set by a variable. */
function portNumber(document: YamlDocument, item: Node): number {
  const text = isMap(item)
    ? scalarText((mapEntry(document, item, "published") ?? mapEntry(document, item, "target"))?.pair.value)
    : scalarText(item);
  if (text === undefined) return -1;
  const spec = isMap(item) ? { hostPort: text, containerPort: text } : parsePortSpec(text);
  return portRange(spec.hostPort ?? spec.containerPort)?.from ?? -1;
}
