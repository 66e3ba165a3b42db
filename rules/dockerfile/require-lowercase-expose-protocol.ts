import { exposedPorts } from "../../src/knowledge/ports.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF308",
  name: "require-lowercase-expose-protocol",
  target: "dockerfile",
  category: "style",
  severity: "info",
  fixable: true,
  aliases: ["buildkit:ExposeProtoCasing"],
  docs: {
    summary: "The protocol of an EXPOSE port should be lowercase (`8000/tcp`).",
    why: "Docker accepts `8000/TCP`, but the image config then records the protocol as written, and tools that compare exposed ports with compose or Kubernetes port definitions (`tcp`, `udp`, `sctp`) can miss the match; BuildKit warns about it on every build.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nEXPOSE 8000/TCP\n" },
      { kind: "valid", files: "FROM python:3.12-slim\nEXPOSE 8000/tcp 9090\n" },
    ],
    fix: "Write the protocol in lower case. The autofix lowercases it (safe).",
  },
  check({ model, report }) {
    for (const { word, protocol } of exposedPorts(model)) {
      if (!protocol || protocol.value === protocol.value.toLowerCase()) continue;
      const lower = protocol.value.toLowerCase();
      report({
        message: `Protocol in EXPOSE ${word.value} should be lowercase: ${lower}`,
        at: protocol.span,
        fix: { title: `Write ${lower}`, safety: "safe", edits: [{ span: protocol.span, text: lower }] },
      });
    }
  },
});
