import { hasSchemaProblem } from "../../src/knowledge/compose-services.js";
import type { ComposeService, Duration } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC079",
  name: "require-valid-duration",
  target: "compose",
  category: "correctness",
  severity: "error",
  docs: {
    summary:
      "Durations (healthcheck timings, `stop_grace_period`, deploy delays) must carry a unit: `30s`, `1m30s`, `500ms`.",
    why: 'The schema accepts any string here, and Compose fails only when it loads the file: `time: missing unit in duration "30"` for a bare number in quotes, `"1m30"` (the trailing number has no unit), or `30sec`. Until then the file looks valid, so the mistake surfaces at deploy time. Accepted units are `ns`, `us`, `ms`, `s`, `m`, `h`, and also `d` and `w`; parts combine (`1h30m`). An unquoted number is a schema error (DC001).',
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n      interval: "30"\n',
      },
      {
        kind: "invalid",
        files: "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    stop_grace_period: 1m30\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    stop_grace_period: 1m30s\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n      interval: 30s\n      start_period: 5m\n      start_interval: 500ms\n',
      },
    ],
    fix: "Add the unit: `30s`, `1m30s`, `500ms`.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const { key, value } of durations(service)) {
        if (value.unresolved.length > 0 || value.ms !== undefined || hasSchemaProblem(model, value.span))
          continue;
        report({
          message: `\`${key}: ${value.value}\` is not a duration: Compose needs a unit on every number (\`30s\`, \`1m30s\`, \`500ms\`)`,
          at: value.span,
        });
      }
    }
  },
});

/** Every duration-valued setting of the service, with the key that holds it. */
function durations(service: ComposeService): { key: string; value: Duration }[] {
  const { healthcheck, restartPolicy, updateConfig, rollbackConfig } = service;
  const found: [string, Duration | undefined][] = [
    ["interval", healthcheck?.interval],
    ["timeout", healthcheck?.timeout],
    ["start_period", healthcheck?.startPeriod],
    ["start_interval", healthcheck?.startInterval],
    ["stop_grace_period", service.stopGracePeriod],
    ["restart_policy.delay", restartPolicy?.delay],
    ["restart_policy.window", restartPolicy?.window],
    ["update_config.delay", updateConfig?.delay],
    ["update_config.monitor", updateConfig?.monitor],
    ["rollback_config.delay", rollbackConfig?.delay],
    ["rollback_config.monitor", rollbackConfig?.monitor],
  ];
  return found.flatMap(([key, value]) => (value ? [{ key, value }] : []));
}
