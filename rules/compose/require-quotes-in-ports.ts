import { quoteOf } from "../../src/knowledge/compose.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

interface Options {
  quoteType: "any" | "single" | "double";
}

const QUOTE = { single: "'", double: '"' } as const;

export default defineRule<"compose", Options>({
  code: "DC025",
  name: "require-quotes-in-ports",
  target: "compose",
  category: "style",
  severity: "info",
  enabledByDefault: false,
  fixable: true,
  aliases: ["dclint:require-quotes-in-ports"],
  options: {
    schema: {
      type: "object",
      properties: {
        quoteType: {
          enum: ["any", "single", "double"],
          description: "Which quotes a port must use; `any` accepts both.",
        },
      },
      additionalProperties: false,
    },
    defaults: { quoteType: "any" },
  },
  docs: {
    summary: "Quote the short-syntax entries of `ports` and `expose`.",
    why: 'YAML 1.1 parsers (docker-compose v1, PyYAML-based tools that read compose files) read an unquoted `22:22` as the base-60 number 1342, so a port mapping under 60 turns into a different port; the Compose spec asks for `HOST:CONTAINER` to be quoted. Compose v2 is not affected, so this is off by default. dclint also insists on single quotes by default, which flags every already-quoted `"8000:8000"`; here either quote passes unless `quoteType` asks for one.',
    examples: [
      {
        kind: "invalid",
        count: 3,
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - 8000:8000\n      - 22:22\n    expose:\n      - 9400\n",
      },
      {
        kind: "invalid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - "8000:8000"\n',
        options: { quoteType: "single" },
      },
      {
        kind: "valid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - "8000:8000"\n      - \'127.0.0.1:9400:9400\'\n      - target: 8080\n        published: 8080\n    expose:\n      - "9400"\n',
      },
    ],
    fix: 'Quote each entry: `- "8000:8000"`. The autofix (safe) adds the quotes (double ones unless `quoteType` is `single`), or swaps the quote style, without changing the value; an entry holding quotes or backslashes is left to you.',
    references: ["https://docs.docker.com/reference/compose-file/services/#ports"],
  },
  check({ file, model, options, report }) {
    const seen = new Set<number>();
    for (const service of model.services) {
      const spans = [
        ...service.ports.filter((port) => port.syntax === "short").map((port) => port.span),
        ...service.expose.map((port) => port.span),
      ];
      for (const span of spans) {
        const quote = quoteOf(file, span);
        const wanted = options.quoteType === "any" ? undefined : QUOTE[options.quoteType];
        if (seen.has(span.start) || (quote && (!wanted || quote === wanted)) || isBlock(file, span)) continue;
        seen.add(span.start);
        const text = file.slice(span);
        report({
          message: quote
            ? `port ${text} should use ${options.quoteType} quotes`
            : `quote port ${text}: YAML 1.1 tools read an unquoted \`a:b\` under 60 as a base-60 number`,
          at: span,
          fix: requote(file, span, wanted ?? '"'),
        });
      }
    }
  },
});

/** `|` or `>`: a block scalar, which cannot be quoted in place. */
function isBlock(file: SourceFile, span: Span): boolean {
  return /^[|>]/.test(file.slice(span));
}

/** The entry in `quote`s, when its text holds no quote or backslash that would need escaping. */
function requote(file: SourceFile, span: Span, quote: string): Fix | undefined {
  const bare = file.slice(quoteOf(file, span) ? { start: span.start + 1, end: span.end - 1 } : span);
  if (/["'\\\n]/.test(bare)) return undefined;
  return {
    title: `Quote the port with ${quote}`,
    safety: "safe",
    edits: [{ span, text: `${quote}${bare}${quote}` }],
  };
}
