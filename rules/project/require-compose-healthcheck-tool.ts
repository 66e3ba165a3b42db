import { imageProbeTools } from "../../src/knowledge/healthcheck.js";
import type { Healthcheck, Value } from "../../src/model/compose.js";
import type { Word } from "../../src/model/dockerfile.js";
import { commandName, parseShell } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

export default defineRule({
  code: "XP009",
  name: "require-compose-healthcheck-tool",
  target: "project",
  category: "reliability",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "A compose healthcheck must only call tools the image it builds has.",
    why: '`test: ["CMD", "curl", "-f", "http://localhost:8000/health"]` is the healthcheck every compose example carries, but the image the service builds decides whether curl exists: `python:*-slim`, `debian`, `ubuntu`, `nvidia/cuda` and `ollama/ollama` ship neither curl nor wget, Alpine only BusyBox `wget`. The check then fails with `exec: "curl": executable file not found` every time, the service stays unhealthy however well the model serves, and every `depends_on: condition: service_healthy` behind it never starts. mllint reads the Dockerfile the service builds (its `target` stage and the stages it builds on) with the same base-image catalogue and install detection as DF016.',
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml":
            'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n',
          Dockerfile:
            'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
          "app.py": "app = None\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml":
            'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]\n',
          Dockerfile:
            'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
          "app.py": "app = None\n",
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml":
            "services:\n  api:\n    build: .\n    healthcheck:\n      test: curl -f http://localhost:8000/health || exit 1\n",
          Dockerfile:
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        },
      },
    ],
    fix: 'Probe with what the image has: `["CMD", "python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]` in a Python image, or the server\'s own client. Otherwise install the tool in the stage the service runs (`apt-get install -y --no-install-recommends curl`).',
  },
  check({ model, report }) {
    for (const build of model.builds) {
      const image = build.stage && imageProbeTools(build.stage);
      const check = build.service.healthcheck;
      if (!image || !check || check.disable?.value === "true") continue;
      for (const tool of calledTools(check, build.compose.file)) {
        const name = tool.value.slice(tool.value.lastIndexOf("/") + 1);
        if (!image.lacks(name)) continue;
        report({
          file: build.compose.file,
          at: tool.span,
          message: `the healthcheck calls ${name}, which ${image.base.text} does not have and ${build.context!.dockerfile.file.path} never installs: the check always fails and the service stays unhealthy`,
          related: [
            {
              file: build.context!.dockerfile.file,
              span: image.base.span,
              message: `the image is built from ${image.base.text}`,
            },
          ],
        });
      }
    }
  },
});

/** The programs a healthcheck `test` runs: the word after `CMD`, or each command of a `CMD-SHELL` or string test. */
function calledTools(check: Healthcheck, file: SourceFile): Word[] {
  const test = check.test;
  if (!test) return [];
  if (test.form === "string") return test.words.slice(0, 1);
  const [kind, first] = test.words;
  if (kind?.value === "CMD") return first ? [first] : [];
  if (kind?.value !== "CMD-SHELL" || !first) return [];
  return shellCommands(first, file);
}

/** The command names of a shell script held in one YAML string, at their file spans when the text is verbatim. */
function shellCommands(script: Value, file: SourceFile): Word[] {
  const written = file.slice(script.span);
  const quoted = /^["']/.test(written) ? 1 : 0;
  const verbatim = written.slice(quoted, quoted + script.value.length) === script.value;
  return parseShell(script.value, script.span.start + quoted).commands.flatMap((command) => {
    const name = commandName(command);
    if (!name || !command.name) return [];
    return [{ value: command.name.value, span: verbatim ? command.name.span : script.span }];
  });
}
