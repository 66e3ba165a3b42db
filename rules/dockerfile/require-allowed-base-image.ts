import picomatch from "picomatch";
import type { ImageRef } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";

interface Options {
  allowed: string[];
}

export default defineRule<"dockerfile", Options>({
  code: "DF069",
  name: "require-allowed-base-image",
  target: "dockerfile",
  category: "security",
  severity: "error",
  options: {
    schema: {
      type: "object",
      properties: {
        allowed: {
          type: "array",
          items: { type: "string", minLength: 1 },
          description:
            "Glob patterns of the images a FROM may use, e.g. `python:3.12-*`, `nvcr.io/nvidia/*`.",
        },
      },
      additionalProperties: false,
    },
    defaults: { allowed: [] },
  },
  docs: {
    summary: "Base images must match the project's list of approved images.",
    why: "Platform teams approve a short list of base images — a scanned CUDA runtime, a hardened Python, the NGC release that matches the cluster's drivers — so that security fixes, licences and driver compatibility are handled once. A Dockerfile that starts FROM anything else ships an image nobody vetted, often the multi-GB `-devel` variant. The rule is active only when `allowed` lists patterns (`*` stays within one path segment, as in `nvcr.io/nvidia/*`; images without a registry match with or without `docker.io/library/`). Build stages named in the same Dockerfile and `scratch` are always allowed; images that depend on a build argument without a default are not checked.",
    examples: [
      {
        kind: "invalid",
        files: "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n",
        options: { allowed: ["nvcr.io/nvidia/*", "python:3.12-*"] },
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim AS build\nFROM nvcr.io/nvidia/pytorch:24.08-py3\nCOPY --from=build /opt /opt\n",
        options: { allowed: ["nvcr.io/nvidia/*", "python:3.12-*"] },
      },
      { kind: "valid", files: "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n" },
    ],
    fix: "Start from one of the approved images, or add the image to `allowed` in `.mllint.yaml` (`rules: { DF069: { options: { allowed: [...] } } }`).",
  },
  check({ model, options, report }) {
    if (options.allowed.length === 0) return;
    const isAllowed = picomatch(options.allowed, { dot: true });
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.scratch || image.stage || image.unresolved) continue;
      if (spellings(image).some((text) => isAllowed(text))) continue;
      report({ message: `${image.text} is not among the allowed base images`, at: image.span });
    }
  },
});

/** `python:3.12` is also `docker.io/library/python:3.12`; either spelling may be the one a pattern uses. */
function spellings(image: ImageRef): string[] {
  if (image.registry) return [image.text];
  const path = image.repository.includes("/") ? image.text : `library/${image.text}`;
  return [image.text, `docker.io/${path}`];
}
