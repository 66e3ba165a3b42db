import { isMap, isSeq, type Node } from "yaml";
import { quoteOf, serviceNode } from "../../src/knowledge/compose.js";
import type { ComposeFile, ComposeService } from "../../src/model/compose.js";
import { mapEntry, nodeSpan, resolveAlias, scalarText } from "../../src/parse/yaml.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

/** Values a plain scalar would turn into something other than a string (YAML 1.1 or 1.2), or could not start with. */
const NOT_PLAIN =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:e[-+]?\d+)?|0[xo][\da-f]+|\.inf|\.nan)$/i;

export default defineRule({
  code: "DC026",
  name: "no-quotes-in-volumes",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:no-quotes-in-volumes"],
  docs: {
    summary: "Write volume entries without quotes.",
    why: 'A style choice, off by default: Compose reads `"./models:/models:ro"` and `./models:/models:ro` the same way, so the quotes are noise that differs from file to file. (dclint says quotes cause unexpected behaviour; for plain paths they do not — the harm is only inconsistency.) Short-syntax entries and the `source` and `target` of long-syntax ones are checked.',
    examples: [
      {
        kind: "invalid",
        count: 2,
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    volumes:\n      - \"./models:/models:ro\"\n      - type: volume\n        source: 'hf-cache'\n        target: /root/.cache/huggingface\nvolumes:\n  hf-cache:\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    volumes:\n      - ./models:/models:ro\n      - type: bind\n        source: ./config\n        target: /config\n",
      },
    ],
    fix: "Remove the quotes. The autofix (safe) removes them only when the bare text reads back as the same string (no `: `, ` #`, leading indicator, escape, or a word YAML would read as a boolean, null or number).",
  },
  check({ file, model, report }) {
    const seen = new Set<number>();
    for (const service of model.services) {
      const spans = [
        ...service.volumes.filter((mount) => mount.syntax === "short").map((mount) => mount.span),
        ...longSyntaxPaths(model, service),
      ];
      for (const span of spans) {
        if (seen.has(span.start) || !quoteOf(file, span)) continue;
        seen.add(span.start);
        report({
          message: `remove the quotes around ${file.slice(span)}`,
          at: span,
          fix: unquote(file, span),
        });
      }
    }
  },
});

/** The `source` and `target` scalars of the service's long-syntax volumes. */
function longSyntaxPaths(model: ComposeFile, service: ComposeService): Span[] {
  const volumes = serviceNode(model, service, ["volumes"]);
  const document = model.document;
  if (!isSeq(volumes) || !document) return [];
  return (volumes.items as Node[]).flatMap((item) => {
    const map = resolveAlias(document, item);
    if (!isMap(map)) return [];
    return ["source", "target"].flatMap((field) => {
      const entry = mapEntry(document, map, field);
      const value = entry && resolveAlias(document, entry.pair.value);
      return value && scalarText(value) !== undefined ? [nodeSpan(value)] : [];
    });
  });
}

/** The scalar without its quotes, when a plain scalar with that text means the same string. */
function unquote(file: SourceFile, span: Span): Fix | undefined {
  const bare = file.slice({ start: span.start + 1, end: span.end - 1 });
  // In a flow collection (`[...]`, `{...}`), `,` and brackets would end the plain scalar.
  const lead = file.text.slice(file.lineStart(file.position(span.start).line), span.start);
  const plain =
    !/[[{]/.test(lead) &&
    /^[\w./~$]/.test(bare) &&
    !/[\\"'\n\t]|: |\s#|[:\s]$/.test(bare) &&
    !NOT_PLAIN.test(bare);
  if (!plain) return undefined;
  return { title: "Remove the quotes", safety: "safe", edits: [{ span, text: bare }] };
}
