import { imageProbeTools } from "../../src/knowledge/healthcheck.js";
import { finalStage, type HealthcheckInstruction, lineage } from "../../src/model/dockerfile.js";
import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF016",
  name: "require-healthcheck-tool",
  target: "dockerfile",
  category: "reliability",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "A HEALTHCHECK must only call tools the image has.",
    why: "`HEALTHCHECK CMD curl -f http://localhost:8000/health` is copied into every tutorial, but `python:*-slim`, `debian`, `ubuntu`, `nvidia/cuda` and `ollama/ollama` ship neither curl nor wget, Alpine has only BusyBox `wget`, and distroless and `scratch` have no tools and no shell. The check then fails with `curl: not found` every time: the container is reported unhealthy however well the model serves, `depends_on: condition: service_healthy` never starts the services behind it, and orchestrators restart it in a loop. mllint knows what a catalogue of common base images contains and looks for an install of the tool (apt, apk, yum/dnf, zypper) or a COPY of a binary with its name in the final stage and the stages it builds on; for base images it does not know, it says nothing.",
    examples: [
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nCOPY . /app\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:8000/health || exit 1\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
      },
      {
        kind: "invalid",
        files:
          'FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y curl\n\nFROM python:3.12-alpine\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/health"]\n',
      },
      {
        kind: "invalid",
        files:
          "FROM gcr.io/distroless/python3-debian12\nCOPY app.py /app/\nHEALTHCHECK CMD python3 -c \"import urllib.request as u; u.urlopen('http://localhost:8000/health')\"\n",
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nHEALTHCHECK --start-period=120s CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]\n',
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n",
      },
      {
        kind: "valid",
        files: "FROM python:3.12-alpine\nHEALTHCHECK CMD wget -q -O /dev/null http://localhost:8000/health\n",
      },
    ],
    fix: 'Probe with what the image has: `HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]` in a Python image, or the server\'s own client (`ollama list`, `redis-cli ping`). Otherwise install the tool in the final stage (`apt-get install -y --no-install-recommends curl`). On distroless, use exec form and a binary you COPY in.',
  },
  check({ model, report }) {
    const stage = finalStage(model);
    const image = stage && imageProbeTools(stage);
    if (!stage || !image) return;
    const check = [...lineage(stage)]
      .reverse()
      .flatMap((s) => s.instructions)
      .filter((i): i is HealthcheckInstruction => i.kind === "healthcheck")
      .at(-1);
    const command = check?.command;
    if (!command) return;
    if (command.form === "shell" && !image.shell) {
      report({
        message: `${image.base.text} has no /bin/sh, so this shell-form HEALTHCHECK can never run: use the exec form (CMD ["..."])`,
        at: command.span,
      });
      return;
    }
    for (const call of command.commands) {
      const tool = commandName(call) ?? "";
      if (!image.lacks(tool)) continue;
      report({
        message: `HEALTHCHECK calls ${tool}, which ${image.base.text} does not have and this image never installs: the check always fails and the container is marked unhealthy`,
        at: call.name!.span,
      });
    }
  },
});
