import { floatingTags } from "../../src/knowledge/compose.js";
import { parseImageRef } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";

interface Options {
  prohibitedTags: string[];
}

export default defineRule<"compose", Options>({
  code: "DC014",
  name: "require-explicit-image-tag",
  target: "compose",
  category: "reproducibility",
  severity: "warning",
  tags: ["ml"],
  aliases: ["dclint:service-image-require-explicit-tag"],
  options: {
    schema: {
      type: "object",
      properties: {
        prohibitedTags: {
          type: "array",
          items: { type: "string" },
          description: "Tags that name a moving target (replaces the default list).",
        },
      },
      additionalProperties: false,
    },
    defaults: { prohibitedTags: [...floatingTags] },
  },
  docs: {
    summary:
      "Service images must name a version tag or a digest, not `latest`, another floating tag, or nothing.",
    why: "`image: grafana/grafana` means `:latest`, and `latest`, `stable`, `nightly` and the like move: each `docker compose pull` or fresh host can start a different major version — a model server with another CUDA or tokenizer default, a dashboard with a new config format — and two replicas of one service may run different code. A version tag makes the deployment repeatable, a digest (`@sha256:`) also survives a re-pushed tag. An image whose reference comes from an unset variable is not checked; a variable's default is. A service that also has `build:` is skipped: its `image` names what the build produces (DC013).",
    examples: [
      {
        kind: "invalid",
        count: 2,
        files:
          'services:\n  prometheus:\n    image: prom/prometheus\n    ports:\n      - "9090:9090"\n  grafana:\n    image: grafana/grafana\n',
      },
      { kind: "invalid", files: "services:\n  ml-api:\n    image: my-ml-api:latest\n" },
      {
        kind: "invalid",
        files: "services:\n  vllm:\n    image: vllm/vllm-openai:nightly\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  nginx:\n    image: nginx:alpine\n  vllm:\n    image: vllm/vllm-openai@sha256:0000000000000000000000000000000000000000000000000000000000000000\n  api:\n    image: ghcr.io/acme/ml-api:${TAG:-1.4.2}\n  worker:\n    image: ghcr.io/acme/ml-worker:${TAG}\n",
      },
    ],
    fix: "Pin the version you tested: `prom/prometheus:v2.53.0`, `vllm/vllm-openai:v0.6.3`; add `@sha256:...` for images whose tags get re-pushed. For images you build, tag them with the release (`my-ml-api:${VERSION}`).",
  },
  check({ model, options, report }) {
    const prohibited = new Set(options.prohibitedTags.map((tag) => tag.toLowerCase()));
    for (const service of model.services) {
      const image = service.image;
      // With `build`, `image` names what is built here (DC013 asks for `pull_policy: build`), not a pull.
      if (!image || service.build || image.unresolved.length > 0 || image.value.includes("$")) continue;
      const ref = parseImageRef(image, new Map());
      if (ref.digest) continue;
      if (!ref.tag) {
        report({
          message: `\`${ref.text}\` (service \`${service.name}\`) has no tag, so it means \`:latest\`, whatever was pushed last; name a version`,
          at: image.span,
        });
      } else if (prohibited.has(ref.tag.toLowerCase())) {
        report({
          message: `\`${ref.text}\` (service \`${service.name}\`) uses the floating tag \`${ref.tag}\`; name a version`,
          at: image.span,
        });
      }
    }
  },
});
