import { isAllInterfaces } from "../../src/knowledge/compose.js";
import { serviceCommands } from "../../src/knowledge/compose-ml.js";
import { isDebuggerCommand } from "../../src/knowledge/development.js";
import { flagValue } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

/** `0.0.0.0:5678` gives 5678; undefined for a loopback or bare-port address (debugpy's default host is 127.0.0.1). */
function openPort(address: string): string | undefined {
  const match = /^(0\.0\.0\.0|\*|\[?::\]?):(\d+)$/.exec(address);
  return match?.[2];
}

export default defineRule({
  code: "DC114",
  name: "no-published-debugger-port",
  target: "compose",
  category: "security",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary:
      "A debugger listening on all interfaces must not have its port published on all host interfaces.",
    why: "debugpy speaks the Debug Adapter Protocol without authentication: whoever connects can evaluate any Python in the process, read the model's secrets and run shell commands. `--listen 0.0.0.0:5678` with `5678:5678` published makes that reachable from every network the host is on (Docker's port rules also bypass ufw and firewalld). Reported in every file, development files included. Publishing on `127.0.0.1` keeps it on the developer's machine.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  ml-api:\n    build: .\n    command: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]\n    ports:\n      - "8000:8000"\n      - "5678:5678"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  ml-api:\n    build: .\n    command: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]\n    ports:\n      - "127.0.0.1:5678:5678"\n',
      },
    ],
    fix: "Publish the debugger on loopback only (`127.0.0.1:5678:5678`), or do not publish it and attach through `docker compose exec` or an SSH tunnel.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const command of serviceCommands(service, model.file.text)) {
        const listen = isDebuggerCommand(command) ? flagValue(command, "--listen") : undefined;
        const port = listen && openPort(listen.value);
        const published =
          port && service.ports.find((p) => p.containerPort === port && isAllInterfaces(p.hostIp));
        if (!published) continue;
        report({
          message: `the debugger of service \`${service.name}\` listens on ${listen!.value} and port ${port} is published on every host interface: anyone who reaches it can run code in the container`,
          at: listen!.span,
          related: [{ file: model.file, span: published.span, message: "published here" }],
        });
      }
    }
  },
});
