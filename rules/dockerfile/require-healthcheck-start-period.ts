import { modelServingEvidence } from "../../src/knowledge/ml.js";
import {
  finalStage,
  type HealthcheckInstruction,
  instructionsOf,
  lineage,
  type Stage,
} from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

interface Options {
  minStartPeriodSeconds: number;
}

export default defineRule<"dockerfile", Options>({
  code: "DF220",
  name: "require-healthcheck-start-period",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  fixable: true,
  options: {
    schema: {
      type: "object",
      properties: { minStartPeriodSeconds: { type: "integer", minimum: 1 } },
      additionalProperties: false,
    },
    defaults: { minStartPeriodSeconds: 60 },
  },
  docs: {
    summary: "A HEALTHCHECK in a model-serving image must give the model time to load (`--start-period`).",
    why: "Docker counts health-check failures from the moment the container starts unless `--start-period` says otherwise (the default is 0s). Loading a model takes from tens of seconds to many minutes, so the check fails `--retries` times while the weights are still being read and the container turns `unhealthy`: `docker compose up --wait` and `depends_on: condition: service_healthy` fail, Swarm and orchestrators that honour the status restart it, and the restart loads the model again. Failures inside the start period do not count, and the first success ends it, so a generous value costs nothing on a fast start. mllint asks for at least `minStartPeriodSeconds` (60 by default) when the image evidently serves a model: its CMD runs a model server (vLLM, TGI, Triton, TorchServe, ...), it installs a framework or model library (torch, tensorflow, transformers, onnxruntime, ...), it starts from a framework or CUDA image, or it bakes in weights.",
    examples: [
      {
        kind: "invalid",
        files:
          'FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\nEXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=30s --start-period=5s --retries=3 \\\n    CMD curl -f http://localhost:8000/health || exit 1\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
      },
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nRUN pip install --no-cache-dir transformers torch\nHEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]\nCMD ["python", "serve.py"]\n',
      },
      {
        kind: "invalid",
        options: { minStartPeriodSeconds: 600 },
        files:
          'FROM vllm/vllm-openai:v0.6.3\nHEALTHCHECK --start-period=2m CMD ["python3", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch\nHEALTHCHECK --start-period=5m --start-interval=5s CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"]\nCMD ["python", "serve.py"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM node:22-slim\nHEALTHCHECK --start-period=5s CMD node healthcheck.js\nCMD ["node", "server.js"]\n',
      },
    ],
    fix: "Set `--start-period` to the worst-case load time (cold disk, first download) and add `--start-interval=5s` (Docker 25+) so the container turns healthy as soon as the model is ready. The autofix sets the start period to the configured minimum; it is unsafe because it changes when the container is declared unhealthy.",
  },
  check({ model, options, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const stages = lineage(stage);
    const healthcheck = effectiveHealthcheck(stages);
    if (!healthcheck || healthcheck.none) return;
    const evidence = modelServingEvidence(stages);
    if (!evidence) return;
    const min = options.minStartPeriodSeconds;
    const flag = healthcheck.flags.find((f) => f.name.toLowerCase() === "start-period");
    if (!flag) {
      report({
        message: `HEALTHCHECK has no --start-period, but the image ${evidence}: failures count from the first second, while the model is still loading`,
        at: healthcheck.keywordSpan,
        fix: {
          title: `Add --start-period=${min}s`,
          safety: "unsafe",
          edits: [
            {
              span: { start: healthcheck.keywordSpan.end, end: healthcheck.keywordSpan.end },
              text: ` --start-period=${min}s`,
            },
          ],
        },
      });
      return;
    }
    const seconds = durationSeconds(flag.value ?? "");
    if (seconds === undefined || seconds >= min) return;
    report({
      message: `--start-period=${flag.value} is shorter than ${min}s, but the image ${evidence}: the check can fail the container while the model is still loading`,
      at: flag.span,
      fix: flag.valueSpan && {
        title: `Set --start-period=${min}s`,
        safety: "unsafe",
        edits: [{ span: flag.valueSpan, text: `${min}s` }],
      },
    });
  },
});

/** The HEALTHCHECK the final image runs: the last one of the nearest stage that declares one. */
function effectiveHealthcheck(stages: Stage[]): HealthcheckInstruction | undefined {
  for (const stage of stages) {
    const found = instructionsOf(stage, "healthcheck").at(-1);
    if (found) return found;
  }
  return undefined;
}

const unitSeconds: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds in a Go duration (`90s`, `1m30s`, `1.5h`), as Docker reads HEALTHCHECK options; undefined if not one. */
function durationSeconds(text: string): number | undefined {
  if (text === "0") return 0;
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(amount) * unitSeconds[unit!]!;
  return total;
}
