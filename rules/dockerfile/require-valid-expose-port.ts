import type { Word } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

const portSpec = /^(\d+)(?:-(\d+))?(?:\/(.*))?$/;
const protocols = new Set(["tcp", "udp", "sctp"]);
const maxPort = 65535;

export default defineRule({
  code: "DF044",
  name: "require-valid-expose-port",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  aliases: ["hadolint:DL3011", "trivy:DS-0008", "kics:71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"],
  docs: {
    summary: "EXPOSE must name ports between 0 and 65535, with protocol tcp, udp or sctp.",
    why: "The builder rejects a port above 65535, a reversed range or an unknown protocol (`invalid containerPort`, `invalid proto`), and a typo such as `EXPOSE 80000` for 8000 only shows up when the image is built. Variables (`EXPOSE ${PORT}`) are left for the build to check; `host:container` mappings are another rule's concern.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nEXPOSE 80000\n" },
      { kind: "invalid", files: "FROM python:3.12-slim\nEXPOSE 8000/http\n" },
      { kind: "valid", files: "FROM python:3.12-slim\nARG PORT=8000\nEXPOSE 8000/tcp 8001-8003 ${PORT}\n" },
    ],
    fix: "Write `EXPOSE <port>[/tcp|udp|sctp]` or a range `<low>-<high>`; the protocol defaults to tcp.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const expose = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (expose?.keyword !== "EXPOSE") continue;
      for (const word of expose.args) {
        const problem = portProblem(word);
        if (problem) report(problem);
      }
    }
  },
});

function portProblem(word: Word): { message: string; at: Span } | undefined {
  if (word.value.includes("$") || word.value.includes(":")) return undefined;
  const match = portSpec.exec(word.value);
  if (!match) return { message: `EXPOSE ${word.value} is not a port`, at: word.span };
  const [, low, high, protocol] = match;
  const outOfRange = [low, high].find((port) => port !== undefined && Number(port) > maxPort);
  if (outOfRange) return { message: `Port ${outOfRange} is above ${maxPort}`, at: word.span };
  if (high !== undefined && Number(high) < Number(low))
    return { message: `Port range ${low}-${high} ends before it starts`, at: word.span };
  if (protocol !== undefined && !protocols.has(protocol.toLowerCase())) {
    const start = word.span.end - protocol.length;
    return {
      message: `Unknown protocol "${protocol}": use tcp, udp or sctp`,
      at: { start, end: word.span.end },
    };
  }
  return undefined;
}
