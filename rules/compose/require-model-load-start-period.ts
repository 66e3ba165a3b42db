import { serviceCommands, serviceMlImage } from "../../src/knowledge/compose-ml.js";
import { effectiveViews } from "../../src/knowledge/compose-services.js";
import { isModelServerCommand } from "../../src/knowledge/servers.js";
import type { ComposeFile, ComposeService } from "../../src/model/compose.js";
import { commandName, type ShellCommand, subcommand } from "../../src/parse/shell.js";
import { nodeSpan } from "../../src/parse/yaml.js";
import { defineRule, type RelatedLocation } from "../../src/rule.js";

interface Options {
  llmStartPeriodSeconds: number;
  startPeriodSeconds: number;
}

/** vLLM, SGLang and TGI, by program or `python -m` module. */
const startsLlmServer = (c: ShellCommand) =>
  isModelServerCommand(c) &&
  /vllm|sglang|text.generation/.test([commandName(c), ...c.args.slice(0, 2).map((a) => a.value)].join(" "));
const pullsModel = (c: ShellCommand) =>
  commandName(c) === "ollama" && /^(pull|run)$/.test(subcommand(c)?.value ?? "");

/** How long the service may need before it answers, or undefined when it loads no model at start. */
function loadBudget(service: ComposeService, commands: ShellCommand[], options: Options): number | undefined {
  const image = serviceMlImage(service);
  if (commands.some(pullsModel)) return options.llmStartPeriodSeconds;
  if (image?.lazyLoad) return undefined;
  if (image?.loadsLlm || commands.some(startsLlmServer)) return options.llmStartPeriodSeconds;
  if (image?.port !== undefined || commands.some(isModelServerCommand)) return options.startPeriodSeconds;
  return undefined;
}

/** The services that wait for this one to turn healthy. */
function healthyWaiters(model: ComposeFile, service: ComposeService): RelatedLocation[] {
  return model.services.flatMap((other) =>
    other.dependsOn
      .filter((d) => d.name === service.name && d.condition === "service_healthy")
      .map((d) => ({
        file: model.file,
        span: d.conditionSpan ?? d.nameSpan,
        message: `\`${other.name}\` waits for \`${service.name}\` to be healthy`,
      })),
  );
}

export default defineRule<"compose", Options>({
  code: "DC108",
  name: "require-model-load-start-period",
  target: "compose",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  options: {
    schema: {
      type: "object",
      properties: {
        llmStartPeriodSeconds: { type: "integer", minimum: 1 },
        startPeriodSeconds: { type: "integer", minimum: 1 },
      },
      additionalProperties: false,
    },
    defaults: { llmStartPeriodSeconds: 600, startPeriodSeconds: 120 },
  },
  docs: {
    summary: "A model server's healthcheck needs a `start_period` as long as the model takes to load.",
    why: "Docker counts healthcheck failures from the first probe unless `start_period` says otherwise. Loading a model takes minutes (a 70B model across four GPUs about ten, a first download longer), so the check fails `retries` times while the weights are still being read and the container turns `unhealthy`: `docker compose up --wait` fails, and every service with `depends_on: condition: service_healthy` on it refuses to start, which takes the whole stack down. Failures inside the start period do not count and the first success ends it, so a generous value costs nothing. LLM servers (vLLM, TGI, SGLang, an Ollama that pulls at start) need `llmStartPeriodSeconds` (600 by default), other model servers (TEI, Triton, TorchServe, TensorFlow Serving, or a model-server command) `startPeriodSeconds` (120). A plain `ollama serve` loads nothing at start and is left alone. vLLM's `/health` can answer before the model is ready; a probe of `/v1/models` is stricter.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n    healthcheck:\n      test: ["CMD", "python3", "-c", "import urllib.request as u; u.urlopen(\'http://localhost:8000/v1/models\')"]\n      start_period: 60s\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      llm:\n        condition: service_healthy\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  triton:\n    image: nvcr.io/nvidia/tritonserver:24.08-py3\n    command: tritonserver --model-repository=/models\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/v2/health/ready"]\n      interval: 10s\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n      start_period: 15m\n      start_interval: 10s\n  ollama:\n    image: ollama/ollama:0.3.12\n    healthcheck:\n      test: ["CMD", "ollama", "list"]\n',
      },
    ],
    fix: "Set `start_period` to the worst-case load time (cold disk, first download) and add `start_interval: 10s` (Compose 2.20.2+, Docker 25+) so the service turns healthy as soon as the model is ready.",
  },
  check({ model, options, report }) {
    for (const { service, own, at } of effectiveViews(model)) {
      const check = service.healthcheck;
      if (!check || check.disable?.value === "true" || check.test?.words[0]?.value === "NONE") continue;
      const budget = loadBudget(service, serviceCommands(service, model.file.text), options);
      if (budget === undefined) continue;
      const period = check.startPeriod;
      if (period && (period.ms === undefined || period.ms >= budget * 1000)) continue;
      const related = healthyWaiters(model, service);
      const stack =
        related.length > 0 ? "; services waiting for it with `service_healthy` fail to start" : "";
      // The key in this file, when the healthcheck is not the override's alone.
      const key = own.entries.find((e) => e.key === "healthcheck")?.pair.key;
      report({
        message: period
          ? `\`start_period: ${period.value}\` is shorter than the ${budget} s a model load may take on service \`${service.name}\`: it turns unhealthy while still loading${stack}`
          : `the healthcheck of model server \`${service.name}\` has no \`start_period\`: failures count from the first probe while the model loads (allow ${budget} s)${stack}`,
        at: period ? at(period.span) : key ? nodeSpan(key) : service.nameSpan,
        related,
      });
    }
  },
});
