import { defineRule } from "../../src/rule.js";

const sshPort = 22;
const portSpec = /^(\d+)(?:-(\d+))?(?:\/tcp)?$/i;

export default defineRule({
  code: "DF063",
  name: "no-ssh-port",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  aliases: ["trivy:DS-0004", "checkov:CKV_DOCKER_1", "kics:5907595b-5b6d-4142-b173-dbb0e73fbff8"],
  docs: {
    summary: "Do not EXPOSE the SSH port 22.",
    why: "An SSH daemon in a model-serving or notebook image is a second way in, with its own keys and passwords to leak, and it bypasses the audit trail of `kubectl exec` / `docker exec`. Published by accident (`-P`, a LoadBalancer service), port 22 is scanned within minutes.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nEXPOSE 22 8888\n" },
      { kind: "valid", files: "FROM python:3.12-slim\nEXPOSE 8888/tcp\n" },
    ],
    fix: "Remove port 22 and the SSH server; use `docker exec` or `kubectl exec` to get a shell, and a port-forward for notebooks.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const expose = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (expose?.keyword !== "EXPOSE") continue;
      for (const word of expose.args) {
        const match = portSpec.exec(word.value);
        if (!match) continue;
        const low = Number(match[1]);
        const high = match[2] === undefined ? low : Number(match[2]);
        if (low <= sshPort && sshPort <= high)
          report({ message: "EXPOSE of the SSH port 22", at: word.span });
      }
    }
  },
});
