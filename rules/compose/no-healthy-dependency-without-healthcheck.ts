import { healthcheckState, mayInheritHealthcheck } from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC071",
  name: "no-healthy-dependency-without-healthcheck",
  target: "compose",
  category: "reliability",
  severity: "error",
  docs: {
    summary: "`condition: service_healthy` must name a service that has a healthcheck.",
    why: "Compose waits for the dependency's health status, and a container without a healthcheck has none: `docker compose up` stops with `dependency failed to start: container db has no healthcheck configured` (the same when the check is disabled with `disable: true` or `test: [\"NONE\"]`). Images from Docker Hub's official library (postgres, redis, nginx, ...) define no HEALTHCHECK, so the check must be written in the compose file. A dependency that builds its image is not reported: its Dockerfile may declare one.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n      interval: 10s\n',
      },
    ],
    fix: "Give the dependency a healthcheck (`pg_isready`, `redis-cli ping`, an HTTP probe of the model server), or wait with `condition: service_started` if readiness does not matter.",
  },
  check({ model, report }) {
    const byName = new Map(model.services.map((service) => [service.name, service]));
    for (const service of model.services) {
      for (const dependency of service.dependsOn) {
        const target = byName.get(dependency.name);
        if (dependency.condition !== "service_healthy" || !dependency.conditionSpan || !target) continue;
        const state = healthcheckState(target);
        if (state === "defined" || (state === "absent" && mayInheritHealthcheck(target))) continue;
        const why = state === "disabled" ? "has its healthcheck disabled" : "has no healthcheck";
        report({
          message: `\`${service.name}\` waits for \`${target.name}\` to be healthy, but \`${target.name}\` ${why}: \`docker compose up\` fails with "container has no healthcheck configured"`,
          at: dependency.conditionSpan,
          related: [
            { file: model.file, span: target.nameSpan, message: `\`${target.name}\` is defined here` },
          ],
        });
      }
    }
  },
});
