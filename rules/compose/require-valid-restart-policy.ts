import { hasSchemaProblem } from "../../src/knowledge/compose-services.js";
import type { Value } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";
import { closest } from "../../src/suggest.js";

const restartValues = ["no", "always", "on-failure", "unless-stopped"];
const conditionValues = ["none", "on-failure", "any"];

export default defineRule({
  code: "DC075",
  name: "require-valid-restart-policy",
  target: "compose",
  category: "correctness",
  severity: "error",
  docs: {
    summary:
      "`restart` must be `no`, `always`, `on-failure[:N]` or `unless-stopped`; `restart_policy.condition` `none`, `on-failure` or `any`.",
    why: "The Compose schema takes any string here, so a typo passes validation and fails only when the container is created (`invalid restart policy: unknown policy 'unless-stoped'`), or is ignored by tools that only warn, leaving the model server without the restarts you asked for.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    restart: unless-stoped\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    deploy:\n      restart_policy:\n        condition: on_failure\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    restart: on-failure:5\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    deploy:\n      restart_policy:\n        condition: any\n",
      },
    ],
    fix: "Use one of the listed values; the message suggests the closest.",
  },
  check({ model, report }) {
    const check = (
      value: Value | undefined,
      key: string,
      allowed: string[],
      valid: (text: string) => boolean,
    ) => {
      if (!value || value.unresolved.length > 0 || valid(value.value) || hasSchemaProblem(model, value.span))
        return;
      const suggestion = closest(value.value, allowed);
      report({
        message: `\`${key}: ${value.value}\` is not a restart policy; use ${allowed.map((v) => `\`${v}\``).join(", ")}${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
        at: value.span,
      });
    };
    for (const service of model.services) {
      check(service.restart, "restart", [...restartValues, "on-failure:N"], isRestartValue);
      check(service.restartPolicy?.condition, "condition", conditionValues, (text) =>
        conditionValues.includes(text),
      );
    }
  },
});

function isRestartValue(text: string): boolean {
  return restartValues.includes(text) || /^on-failure:\d+$/.test(text);
}
