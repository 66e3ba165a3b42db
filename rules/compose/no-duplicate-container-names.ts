import type { ComposeService } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC011",
  name: "no-duplicate-container-names",
  target: "compose",
  category: "correctness",
  severity: "error",
  aliases: ["dclint:no-duplicate-container-names"],
  docs: {
    summary:
      "A `container_name` must name one container: unique across services, and not on a replicated service.",
    why: 'Docker container names are global on the host. When two services set the same `container_name`, `docker compose up` creates the first and fails on the second (`Conflict. The container name "/ml-api" is already in use`); the stack comes up half-started. Compose also refuses `container_name` on a service with `deploy.replicas` above 1 (`can\'t set container_name ... as container name must be unique`), which is how a model server gets scaled out. The same value in one shared anchor (`<<: *defaults`) is the usual cause, so an inherited name is reported at the anchor.',
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  api-cpu:\n    image: ghcr.io/acme/ml-api:1.4.2\n    container_name: ml-api\n  api-gpu:\n    image: ghcr.io/acme/ml-api:1.4.2-cuda\n    container_name: ml-api\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    container_name: ml-api\n    deploy:\n      replicas: 3\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    container_name: ml-api\n  worker:\n    image: ghcr.io/acme/ml-worker:1.4.2\n    container_name: ml-worker\n",
      },
    ],
    fix: "Give each service its own `container_name`, or drop `container_name` and let Compose name containers `<project>-<service>-<n>` (the only way to run replicas). Move a name out of a shared anchor into each service.",
  },
  check({ file, model, report }) {
    const owners = new Map<string, ComposeService>();
    for (const service of model.services) {
      const name = service.containerName;
      if (!name) continue;
      const replicas = replicaCount(service);
      if (replicas > 1) {
        report({
          message: `service \`${service.name}\` runs ${replicas} replicas but sets container_name \`${name.value}\`: Compose refuses it, since every replica would need that name`,
          at: name.span,
        });
      }
      const owner = owners.get(name.value);
      if (!owner) {
        owners.set(name.value, service);
        continue;
      }
      const inherited = owner.containerName!.span.start === name.span.start;
      report({
        message: `container_name \`${name.value}\` is already used by service \`${owner.name}\`${inherited ? ` (both inherit it here)` : ""}: \`docker compose up\` fails on \`${service.name}\` with "container name already in use"`,
        at: name.span,
        related: [
          inherited
            ? { file, span: service.nameSpan, message: `service \`${service.name}\` inherits it` }
            : { file, span: owner.containerName!.span, message: `first used by \`${owner.name}\`` },
        ],
      });
    }
  },
});

/** `deploy.replicas` as a number; 1 when unset or not a plain number. */
function replicaCount(service: ComposeService): number {
  const count = Number(service.replicas?.value);
  return Number.isInteger(count) ? count : 1;
}
