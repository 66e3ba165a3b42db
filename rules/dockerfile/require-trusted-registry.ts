import { isTrustedRegistry, registryOf } from "../../src/knowledge/registries.js";
import {
  type Dockerfile,
  findStage,
  globalArgDefaults,
  type Instruction,
  type Word,
} from "../../src/model/dockerfile.js";
import { type ImageRef, parseImageRef } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF050",
  name: "require-trusted-registry",
  target: "dockerfile",
  category: "security",
  severity: "error",
  aliases: ["hadolint:DL3026"],
  docs: {
    summary: "Images must come from a registry listed in `trustedRegistries`.",
    why: "Organisations mirror and scan their base images (CUDA, PyTorch, NGC) in a private registry; a FROM, `COPY --from` or `RUN --mount=from=` that pulls from anywhere else bypasses that scanning and breaks in air-gapped clusters. The rule is active only when `.mllint.yaml` lists `trustedRegistries`; `*` matches one DNS label (`*.dkr.ecr.*.amazonaws.com`), and images without a registry host come from `docker.io`. Images named through ARG defaults are checked as resolved; ones that depend on a build argument without a default are not.",
    examples: [
      {
        kind: "invalid",
        files: {
          ".mllint.yaml": "trustedRegistries: [nvcr.io]\n",
          Dockerfile:
            "FROM nvcr.io/nvidia/pytorch:24.08-py3\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\n",
        },
      },
      {
        kind: "valid",
        files: {
          ".mllint.yaml": "trustedRegistries: [nvcr.io, '*.internal.example.com']\n",
          Dockerfile:
            "ARG BASE=nvcr.io/nvidia/pytorch:24.08-py3\nFROM ${BASE} AS build\nFROM mirror.internal.example.com/python:3.12-slim\nCOPY --from=build /opt /opt\n",
        },
      },
    ],
    fix: "Pull the image from the approved registry (mirror it there first), or add the registry to `trustedRegistries` in `.mllint.yaml`.",
  },
  check({ model, settings, report }) {
    const patterns = settings.trustedRegistries;
    if (patterns.length === 0) return;
    for (const image of pulledImages(model)) {
      const registry = registryOf(image);
      if (image.scratch || image.unresolved || isTrustedRegistry(registry, patterns)) continue;
      const resolved = image.text === image.written ? "" : ` (${image.text})`;
      report({
        message: `${image.written}${resolved} comes from ${registry}, which is not a trusted registry`,
        at: image.span,
      });
    }
  },
});

/** Every image reference the build pulls: FROM images, and `--from` values that name no stage. */
function pulledImages(model: Dockerfile): ImageRef[] {
  const defaults = globalArgDefaults(model.globalArgs);
  const images: ImageRef[] = [];
  for (const stage of model.stages) {
    if (stage.image && !stage.base) images.push(stage.image);
    for (const instruction of stage.instructions) {
      for (const word of fromWords(instruction)) {
        if (!findStage(model.stages, word.value)) images.push(parseImageRef(word, defaults));
      }
    }
  }
  return images;
}

/** `COPY --from=<x>` and `RUN --mount=...,from=<x>`, with the span of `<x>`. */
function fromWords(instruction: Instruction): Word[] {
  const words: Word[] = [];
  for (const flag of instruction.flags) {
    if (flag.name === "from" && flag.value && flag.valueSpan)
      words.push({ value: flag.value, span: flag.valueSpan });
    const mountFrom = flag.name === "mount" ? flag.options.from : undefined;
    if (mountFrom) words.push({ value: mountFrom, span: flag.optionSpans.from ?? flag.span });
  }
  return words;
}
