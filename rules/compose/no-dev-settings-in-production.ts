import { serviceCommands } from "../../src/knowledge/compose-ml.js";
import {
  debugVariables,
  isDebuggerCommand,
  isDevelopmentFile,
  isTruthy,
  reloadWord,
  waitForClientFlag,
} from "../../src/knowledge/development.js";
import type { ComposeService } from "../../src/model/compose.js";
import type { ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

interface DevSetting {
  what: string;
  at: Span;
}

function environmentSettings(service: ComposeService): DevSetting[] {
  return service.environment.flatMap(({ name, value, span }) => {
    if (!value) return [];
    if (debugVariables.has(name) && isTruthy(value.value))
      return [{ what: `\`${name}=${value.value}\``, at: span }];
    if (name === "FLASK_ENV" && value.value === "development")
      return [{ what: "`FLASK_ENV=development`", at: span }];
    return [];
  });
}

function commandSettings(commands: ShellCommand[]): DevSetting[] {
  return commands.flatMap((command) => {
    const reload = reloadWord(command);
    if (reload) return [{ what: `\`${reload.value}\``, at: reload.span }];
    // A debugger that waits for a client is DC113's.
    if (isDebuggerCommand(command) && !waitForClientFlag(command))
      return [{ what: "a debugger (`debugpy`)", at: command.name!.span }];
    return [];
  });
}

/** A bind mount of the project directory itself: the source tree replaces what the image was built with. */
function sourceMounts(service: ComposeService): DevSetting[] {
  return service.volumes
    .filter((mount) => mount.type === "bind" && /^\.\/?$/.test(mount.source ?? ""))
    .map((mount) => ({
      what: `a bind mount of the source tree (\`${mount.source}:${mount.target}\`)`,
      at: mount.span,
    }));
}

export default defineRule({
  code: "DC112",
  name: "no-dev-settings-in-production",
  target: "compose",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary:
      "Debug switches, auto-reload, debuggers and source-tree mounts belong in a development compose file.",
    why: "These settings make a laptop workflow pleasant and a server unsafe or fragile. `DEBUG=True`, `FLASK_DEBUG=1` and `FLASK_ENV=development` turn on debug pages that leak code and settings, and Werkzeug's debugger console runs any Python it is sent. `uvicorn --reload` (or gunicorn's, `flask --debug`, `fastapi dev`) watches files and restarts the process, and a model server that restarts reloads its model. A debugger (`debugpy`) lets whoever reaches its port run code. A bind mount of `.` over the app directory replaces the code the image was built and tested with by whatever is on the host. The file name tells development files apart: names with a `dev`, `devel`, `development`, `local`, `debug` or `override` part (`docker-compose.dev.yml`, `compose.override.yaml`, `compose-local.yml`) are not checked. A debugger that waits for a client is reported in every file by DC113.",
    examples: [
      {
        kind: "invalid",
        count: 2,
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4\n    environment:\n      - DEBUG=True\n      - LOG_LEVEL=DEBUG\n    command: uvicorn app:app --host 0.0.0.0 --reload\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    build: .\n    volumes:\n      - .:/app\n      - ./models:/app/models:ro\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4\n    environment:\n      - DEBUG=False\n      - LOG_LEVEL=INFO\n    command: uvicorn app:app --host 0.0.0.0 --workers 1\n    volumes:\n      - ./models:/app/models:ro\n",
      },
    ],
    fix: "Move these settings to `compose.override.yaml` (merged automatically by `docker compose up` on a developer machine) or a `docker-compose.dev.yml` used with `-f`, and keep the production file free of them.",
  },
  check({ model, report }) {
    if (isDevelopmentFile(model.file.path)) return;
    for (const service of model.services) {
      const settings = [
        ...environmentSettings(service),
        ...commandSettings(serviceCommands(service, model.file.text)),
        ...sourceMounts(service),
      ];
      for (const { what, at } of settings)
        report({
          message: `${what} in service \`${service.name}\` is a development setting, and this file is not named as a development file`,
          at,
        });
    }
  },
});
