import { healthcheckState } from "../../src/knowledge/compose-services.js";
import type { Duration } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

/** Docker's default `interval` and `timeout`. */
const DEFAULT_MS = 30_000;

export default defineRule({
  code: "DC081",
  name: "no-healthcheck-timeout-above-interval",
  target: "compose",
  category: "reliability",
  severity: "warning",
  docs: {
    summary: "A healthcheck's `timeout` should be shorter than its `interval`.",
    why: "Docker runs one probe at a time and waits up to `timeout` for it, so with `timeout` at or above `interval` a hung endpoint stretches every round to the timeout: the service is declared unhealthy only after `retries` × (`interval` + `timeout`), long after clients started failing, and the status lags every change. Both default to 30s, so setting `interval: 5s` alone leaves a 30s timeout. A timeout shorter than the interval (`interval: 30s`, `timeout: 5s`) keeps detection predictable.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n      interval: 10s\n      timeout: 30s\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n      interval: 5s\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n      interval: 30s\n      timeout: 5s\n',
      },
    ],
    fix: "Lower `timeout` below `interval` (a few seconds is enough for a local probe), or raise `interval`.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const healthcheck = service.healthcheck;
      if (!healthcheck || healthcheckState(service) !== "defined") continue;
      const { interval, timeout } = healthcheck;
      if (!interval && !timeout) continue;
      const intervalMs = msOf(interval);
      const timeoutMs = msOf(timeout);
      if (intervalMs === undefined || timeoutMs === undefined || timeoutMs < intervalMs) continue;
      // Docker's own defaults are equal (30s and 30s): writing only one of them as the default is no choice.
      if (timeoutMs === intervalMs && !(interval && timeout)) continue;
      const shown = (d: Duration | undefined) => d?.value ?? "30s (the default)";
      report({
        message: `The healthcheck of \`${service.name}\` waits up to ${shown(timeout)} for a probe sent every ${shown(interval)}: a hung endpoint is detected only after retries × (interval + timeout)`,
        at: (timeout ?? interval)!.span,
      });
    }
  },
});

/** The duration in ms, Docker's default when absent or 0; undefined when unreadable (DC079 reports it). */
function msOf(duration: Duration | undefined): number | undefined {
  if (duration && (duration.unresolved.length > 0 || duration.ms === undefined)) return undefined;
  return duration?.ms || DEFAULT_MS;
}
