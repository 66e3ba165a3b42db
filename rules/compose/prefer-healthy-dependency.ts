import { healthcheckState } from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC072",
  name: "prefer-healthy-dependency",
  target: "compose",
  category: "reliability",
  severity: "info",
  docs: {
    summary: "Wait for a dependency that has a healthcheck with `condition: service_healthy`.",
    why: "`depends_on: [db]` only orders start-up: Compose starts the service as soon as the dependency's container exists, while Postgres is still initialising or the model server is still loading weights, so the first requests fail (`connection refused`, 503) and the service may crash-loop. When the dependency has a healthcheck, `condition: service_healthy` makes Compose wait until it passes. A condition written out (even `service_started`) is taken as deliberate.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      - redis\n  redis:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      redis:\n        condition: service_healthy\n  redis:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      },
    ],
    fix: "Use the long syntax: `depends_on: {redis: {condition: service_healthy}}`; add `restart: true` to restart the service when the dependency is restarted.",
  },
  check({ model, report }) {
    const byName = new Map(model.services.map((service) => [service.name, service]));
    for (const service of model.services) {
      for (const dependency of service.dependsOn) {
        const target = byName.get(dependency.name);
        if (dependency.conditionSpan || !target || healthcheckState(target) !== "defined") continue;
        report({
          message: `\`${service.name}\` starts as soon as \`${target.name}\` is started, not when it is ready; \`${target.name}\` has a healthcheck, so wait for it with \`condition: service_healthy\``,
          at: dependency.nameSpan,
        });
      }
    }
  },
});
