import { exposedPorts } from "../../src/knowledge/ports.js";
import type { Word } from "../../src/model/dockerfile.js";
import { defineRule, type Fix } from "../../src/rule.js";

export default defineRule({
  code: "DF309",
  name: "no-host-mapping-in-expose",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  fixable: true,
  aliases: ["buildkit:ExposeInvalidFormat"],
  docs: {
    summary: "EXPOSE takes container ports only, not an IP address or a `host:container` mapping.",
    why: "EXPOSE documents the port the server listens on inside the container; it cannot publish a port. `EXPOSE 8080:8000` or `EXPOSE 127.0.0.1:8000:8000` reads as if it bound the host port, but the builder records only the container port, so the model endpoint is no more reachable than before and readers are misled about which port serves. BuildKit warns that this will become an error.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nEXPOSE 8080:8000\n" },
      { kind: "invalid", files: "FROM python:3.12-slim\nEXPOSE 127.0.0.1:8000:8000/tcp\n" },
      {
        kind: "valid",
        files: "ARG PORT=8000\nFROM python:3.12-slim\nARG PORT\nEXPOSE ${PORT:-8000}/tcp 9090\n",
      },
    ],
    fix: "Keep the container port in EXPOSE and publish it when running (`docker run -p 8080:8000`, compose `ports:`, a Kubernetes Service). The autofix keeps the container port and protocol (safe: that is all the builder records).",
  },
  check({ model, report }) {
    for (const { word, port } of exposedPorts(model)) {
      if (!withoutVariables(port.value).includes(":")) continue;
      report({
        message: `EXPOSE should not define an IP address or host port mapping, found ${word.value}`,
        at: word.span,
        fix: containerPortFix(port),
      });
    }
  },
});

/** `${PORT:-8000}` has a colon that is not a mapping. */
function withoutVariables(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, "");
}

function containerPortFix(port: Word): Fix | undefined {
  const container = port.value.slice(port.value.lastIndexOf(":") + 1);
  if (!/^\d+(-\d+)?$/.test(container)) return undefined;
  return {
    title: `Expose ${container}`,
    safety: "safe",
    edits: [{ span: { start: port.span.start, end: port.span.end - container.length }, text: "" }],
  };
}
