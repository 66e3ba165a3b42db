import type { ComposeService, Value } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

interface Options {
  checkPullPolicy: boolean;
}

export default defineRule<"compose", Options>({
  code: "DC013",
  name: "no-build-and-image",
  target: "compose",
  category: "reliability",
  severity: "warning",
  aliases: ["dclint:no-build-and-image"],
  options: {
    schema: {
      type: "object",
      properties: {
        checkPullPolicy: {
          type: "boolean",
          description:
            "Accept `build` with `image` when the service sets `pull_policy` (false: never accept both).",
        },
      },
      additionalProperties: false,
    },
    defaults: { checkPullPolicy: true },
  },
  docs: {
    summary: "A service with both `build` and `image` must say with `pull_policy` which one wins.",
    why: "With both keys, `image` is the tag Compose gives what it builds — but without `pull_policy`, `docker compose up` takes that tag from the local cache or the registry and builds only when it finds it in neither. If the registry has an image by that name (an old push from CI, a namesake on Docker Hub), the container runs it instead of the code in the build context, and the model you just changed never ships. `pull_policy: build` makes Compose always build and tag; `missing` or `always` state that pulling is meant. With the option `checkPullPolicy: false` (dclint's strict mode) any service with both is reported.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  ml-api:\n    build: .\n    image: acme/ml-api:1.4.2\n",
      },
      {
        kind: "invalid",
        files: "services:\n  ml-api:\n    build: .\n    image: acme/ml-api:1.4.2\n    pull_policy: build\n",
        options: { checkPullPolicy: false },
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    build:\n      context: .\n      dockerfile: Dockerfile.gpu\n    image: ghcr.io/acme/ml-api:1.4.2\n    pull_policy: build\n  redis:\n    image: redis:7.2-alpine\n",
      },
    ],
    fix: "Add `pull_policy: build` to build and tag locally (or `missing` if pulling the published image first is what you want); or keep only `build` (Compose names the image `<project>-<service>`) or only `image`.",
    references: ["https://docs.docker.com/reference/compose-file/build/#using-build-and-image"],
  },
  check({ file, model, options, report }) {
    for (const service of model.services) {
      if (!service.build || !service.image) continue;
      const pullPolicy = service.pullPolicy !== undefined;
      if (pullPolicy && options.checkPullPolicy) continue;
      report({
        message: pullPolicy
          ? `service \`${service.name}\` sets both \`build\` and \`image\`; use one of them`
          : `service \`${service.name}\` sets both \`build\` and \`image\` without \`pull_policy\`: Compose uses or pulls \`${service.image.value}\` and builds only if it is found nowhere; add \`pull_policy: build\``,
        at: imageAt(service, service.image),
        related: [{ file, span: service.build.span, message: "built here" }],
      });
    }
  },
});

/**
 * The finding is about this service, so an `image` it inherits is reported at its `<<: *alias` (the anchor's text
 * may be fine for the service that defines it).
 */
function imageAt(service: ComposeService, image: Value): Span {
  return service.entries.find((entry) => entry.key === "image")?.via ?? image.span;
}
