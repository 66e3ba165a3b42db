import { serviceCommands } from "../../src/knowledge/compose-ml.js";
import { waitForClientFlag } from "../../src/knowledge/development.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC113",
  name: "no-debugger-wait-for-client",
  target: "compose",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "A service must not start under a debugger that waits for a client to attach.",
    why: "`python -m debugpy --wait-for-client app.py` (or ptvsd's `--wait`) stops before the first line of the app until an IDE connects. Nothing says so: the container is `running`, the port is published, requests hang, the healthcheck fails, and services waiting for it never start. In CI, on a server, or on a colleague's machine nobody attaches. This is reported in every file, development files included, because the hang is silent; the usual alternative is to attach when needed (`debugpy --listen` without waiting, or `debugpy.wait_for_client()` behind a variable).",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  ml-api:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n    command: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "--wait-for-client", "app.py"]\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  ml-api:\n    build: .\n    command: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]\n',
      },
    ],
    fix: "Drop `--wait-for-client`, or gate it behind a variable that only your IDE's launch configuration sets.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const command of serviceCommands(service, model.file.text)) {
        const flag = waitForClientFlag(command);
        if (!flag) continue;
        report({
          message: `\`${flag.value}\` makes service \`${service.name}\` hang before the app starts until a debugger attaches: requests time out and the healthcheck fails`,
          at: flag.span,
        });
      }
    }
  },
});
