import { defineRule } from "../../src/rule.js";

interface Options {
  requireDigest: boolean;
}

export default defineRule<"dockerfile", Options>({
  code: "DF002",
  name: "require-pinned-base-image",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  tags: ["ml"],
  aliases: ["hadolint:DL3006", "hadolint:DL3007", "trivy:DS-0001", "checkov:CKV_DOCKER_7"],
  options: {
    schema: {
      type: "object",
      properties: { requireDigest: { type: "boolean", description: "Also require an `@sha256:` digest." } },
      additionalProperties: false,
    },
    defaults: { requireDigest: false },
  },
  docs: {
    summary: "Base images must name a version tag, not `latest` or nothing.",
    why: "`FROM pytorch/pytorch` or `:latest` picks whatever was pushed last: a rebuild of the same commit can move to a new CUDA, Python or torch major and fail at import time (`undefined symbol`, `CUDA driver version is insufficient`) or silently change numerics. A version tag makes builds repeatable; a digest (`@sha256:`) also survives the tag being re-pushed, which CUDA and PyTorch tags are.",
    examples: [
      { kind: "invalid", files: "FROM pytorch/pytorch\nRUN pip install --no-cache-dir transformers\n" },
      { kind: "invalid", files: "FROM python:latest\n" },
      { kind: "invalid", files: "FROM python:3.12-slim\n", options: { requireDigest: true } },
      { kind: "valid", files: "FROM python:3.12-slim AS build\nFROM build\nFROM scratch\n" },
      { kind: "valid", files: "ARG CUDA=12.4.1\nFROM nvidia/cuda:${CUDA}-runtime-ubuntu22.04\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
        options: { requireDigest: true },
      },
    ],
    fix: "Name the version you tested: `FROM python:3.12-slim`, `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04`. With `requireDigest`, append the digest that tag points to today (`docker buildx imagetools inspect python:3.12-slim`).",
  },
  check({ model, options, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.scratch || image.stage || image.unresolved) continue;
      const name = image.registry ? `${image.registry}/${image.repository}` : image.repository;
      if (image.digest) continue;
      if (!image.tag) {
        report({ message: `${name} has no tag, so it means ${name}:latest; name a version`, at: image.span });
      } else if (image.tag === "latest") {
        report({ message: `${name}:latest changes under you; name a version`, at: image.span });
      } else if (options.requireDigest) {
        report({ message: `${image.text} is not pinned by digest (@sha256:...)`, at: image.span });
      }
    }
  },
});
