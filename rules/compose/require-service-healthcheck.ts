import {
  healthcheckState,
  longRunningServices,
  mayInheritHealthcheck,
} from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC070",
  name: "require-service-healthcheck",
  target: "compose",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  aliases: ["kics:698ed579-b239-4f8f-a388-baa4bcb13ef8"],
  docs: {
    summary: "A service that runs a server must have a `healthcheck`.",
    why: 'Without a healthcheck Compose only knows that the process exists, not that it answers: a model server still loading its weights, deadlocked or out of GPU memory shows as `Up`, `docker compose up --wait` returns at once, other services cannot wait for it with `condition: service_healthy`, and nothing restarts it. mllint asks for one when a service publishes a port, runs a known server command (uvicorn, gunicorn, vLLM, Triton, ...) or a known server image (nginx, postgres, redis, Prometheus, Grafana, vLLM, TGI, ...) — the official images of Docker Hub define no HEALTHCHECK of their own. Unlike KICS, `disable: true` and `test: ["NONE"]` are accepted as a deliberate choice, and services that build their image are left to the Dockerfile (DF003), which may declare one; one-shot jobs (`restart: "no"` without ports, tool profiles, services others wait to complete) are skipped. A base file is judged with the override file `docker compose` merges onto it (`compose.override.yaml`), and override files are left to their base.',
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  nginx:\n    image: nginx:1.27-alpine\n    ports:\n      - "80:80"\n    restart: unless-stopped\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  redis:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  train:\n    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n    command: ["python", "train.py"]\n  migrate:\n    image: ghcr.io/acme/api:1.4\n    restart: "no"\n    command: ["alembic", "upgrade", "head"]\n',
      },
    ],
    fix: 'Add a check that exercises the serving path with a tool the image has, and a start period as long as the worst-case start: `healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:8000/health"], interval: 30s, timeout: 5s, retries: 3, start_period: 300s}`. For a service that should have none, write `healthcheck: {disable: true}`.',
  },
  check({ model, report }) {
    for (const { service, evidence } of longRunningServices(model)) {
      if (healthcheckState(service) !== "absent" || mayInheritHealthcheck(service)) continue;
      report({
        message: `Service \`${service.name}\` ${evidence} but has no healthcheck: Compose cannot tell whether it serves, and nothing can wait for it to be ready`,
        at: service.nameSpan,
      });
    }
  },
});
