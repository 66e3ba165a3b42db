import { baseImageTools } from "../../src/knowledge/base-images.js";
import { rootImage } from "../../src/knowledge/ml.js";
import { installedOsPackages } from "../../src/knowledge/packages.js";
import {
  finalStage,
  type HealthcheckInstruction,
  type Instruction,
  lineage,
  runCommands,
} from "../../src/model/dockerfile.js";
import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

const probeTools = ["curl", "wget"];

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
    const base = stage && rootImage(stage);
    const known = base && baseImageTools(base);
    if (!stage || !base || !known) return;
    const chain = [...lineage(stage)].reverse();
    const instructions = chain.flatMap((s) => s.instructions);
    const check = instructions.filter((i): i is HealthcheckInstruction => i.kind === "healthcheck").at(-1);
    const command = check?.command;
    if (!command) return;
    if (command.form === "shell" && !known.shell) {
      report({
        message: `${base.text} has no /bin/sh, so this shell-form HEALTHCHECK can never run: use the exec form (CMD ["..."])`,
        at: command.span,
      });
      return;
    }
    const commands = chain.flatMap((s) => runCommands(s).map((c) => c.command));
    const installed = new Set(installedOsPackages(commands).map((p) => p.name));
    for (const call of command.commands) {
      const tool = commandName(call) ?? "";
      if (!probeTools.includes(tool) || known.tools.includes(tool)) continue;
      if (installed.has(tool) || copiesBinary(instructions, tool)) continue;
      report({
        message: `HEALTHCHECK calls ${tool}, which ${base.text} does not have and this image never installs: the check always fails and the container is marked unhealthy`,
        at: call.name!.span,
      });
    }
  },
});

/** True when a COPY or ADD brings in a file named `tool` (`COPY --from=build /usr/bin/curl /usr/local/bin/`). */
function copiesBinary(instructions: Instruction[], tool: string): boolean {
  const baseName = (path: string) => path.replace(/\/+$/, "").split("/").at(-1);
  return instructions.some(
    (i) =>
      (i.kind === "copy" || i.kind === "add") &&
      [...i.sources, ...(i.destination ? [i.destination] : [])].some((w) => baseName(w.value) === tool),
  );
}
