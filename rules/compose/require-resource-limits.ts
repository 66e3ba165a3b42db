import {
  longRunningServices,
  memoryLimit,
  modelServiceEvidence,
} from "../../src/knowledge/compose-services.js";
import type { ComposeFile, ComposeService } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC077",
  name: "require-resource-limits",
  target: "compose",
  category: "reliability",
  severity: "info",
  aliases: ["kics:6b610c50-99fb-4ef0-a5f3-e312fd945bc3"],
  docs: {
    summary: "A long-running service should limit its memory and CPUs.",
    why: "Without limits one service can starve the others on the host: a leaking worker grows until the OOM killer picks a victim anywhere on the host, and a busy one takes every core, so the model server next to it answers slowly or fails its healthcheck. Limits also tell thread pools (PyTorch, OpenBLAS) how much they may use. Memory counts when set by `deploy.resources.limits.memory` or `mem_limit`, CPUs by `deploy.resources.limits.cpus` or `cpus`. A model server without a memory limit is reported as a warning by DC076 instead; one-shot jobs are skipped. A base file is judged with the override file `docker compose` merges onto it (`compose.override.yaml`), and override files are left to their base.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    ports:\n      - "127.0.0.1:3000:3000"\n',
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n          memory: 512M\n",
      },
    ],
    fix: "Add `deploy.resources.limits` with `memory` and `cpus` sized from `docker stats` under load.",
  },
  check({ model, report }) {
    for (const { service, evidence } of longRunningServices(model)) {
      const missing = missingLimits(model, service);
      if (missing.length === 0) continue;
      report({
        message: `Service \`${service.name}\` ${evidence} but has no ${missing.join(" or ")} limit: it can starve the other services on the host`,
        at: service.nameSpan,
      });
    }
  },
});

/** The limits a service lacks; memory is left to DC076 for model servers. */
function missingLimits(model: ComposeFile, service: ComposeService): string[] {
  const memory = memoryLimit(service) || modelServiceEvidence(model, service);
  const cpus = service.limits?.cpus ?? service.cpus;
  return [...(memory ? [] : ["memory"]), ...(cpus ? [] : ["CPU"])];
}
