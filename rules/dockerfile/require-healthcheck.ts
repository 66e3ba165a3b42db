import { isServerCommand } from "../../src/knowledge/servers.js";
import { finalStage, type Instruction, lineage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF003",
  name: "require-healthcheck",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  aliases: ["trivy:DS-0026", "checkov:CKV_DOCKER_2", "hadolint:DL3057"],
  docs: {
    summary: "An image that runs a server must declare a HEALTHCHECK.",
    why: "Without a HEALTHCHECK, Docker, Compose and Swarm only know whether the process exists, not whether it serves: a model server that deadlocked, ran out of GPU memory or is still loading weights is reported healthy, `depends_on: condition: service_healthy` cannot wait for it, and restarts never happen. mllint asks for one when the final stage EXPOSEs a port or its CMD/ENTRYPOINT starts a known server (uvicorn, gunicorn, vLLM, Triton, TGI, TorchServe, MLflow, Jupyter, ...). `HEALTHCHECK NONE` states that no check is wanted and is accepted.",
    examples: [
      {
        kind: "invalid",
        files: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
      },
      { kind: "invalid", files: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["python", "serve.py"]\n' },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nHEALTHCHECK --start-period=120s CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
      },
      { kind: "valid", files: 'FROM python:3.12-slim\nCMD ["python", "train.py"]\n' },
    ],
    fix: 'Add a check that exercises the serving path, with a start period longer than the model takes to load: `HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]`. Use a tool the image actually has (slim images have no curl).',
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const instructions = lineage(stage).flatMap((s) => s.instructions.filter((i) => !i.onbuild));
    if (instructions.some((i) => i.kind === "healthcheck")) return;
    const reason = serverEvidence(instructions);
    if (reason)
      report({ message: `${reason.message}, but the image has no HEALTHCHECK`, at: reason.at.keywordSpan });
  },
});

function serverEvidence(instructions: Instruction[]): { message: string; at: Instruction } | undefined {
  for (const instruction of instructions) {
    if (
      (instruction.kind === "cmd" || instruction.kind === "entrypoint") &&
      instruction.commands.some(isServerCommand)
    ) {
      return { message: `${instruction.keyword} starts a server`, at: instruction };
    }
  }
  const expose = instructions.find((i) => i.keyword === "EXPOSE");
  return expose ? { message: "The image EXPOSEs a port", at: expose } : undefined;
}
