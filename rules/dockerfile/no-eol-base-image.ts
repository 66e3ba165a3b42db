import { type EolMatch, endOfLifeIn, reviewedOn } from "../../src/knowledge/eol-images.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF200",
  name: "no-eol-base-image",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "Base images must not be a release past its end of life.",
    why: `An end-of-life release gets no security fixes: every CVE found in Python, OpenSSL or glibc after that date stays in the image for good, and scanners flag the whole image. ML tutorials freeze old tags (\`python:3.9-slim\`, \`nvidia/cuda:11.3.1-runtime-ubuntu20.04\`, \`pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime\`) that outlive their support by years. NVIDIA goes further and deletes CUDA tags after their driver branch ends, so an old CUDA base also breaks the build with \`manifest unknown\`. mllint reads the image's own version (\`python:3.9\`, \`node:20\`, \`ubuntu:20.04\`, \`debian:buster\`, \`alpine:3.19\`, \`centos:7\`, \`nvidia/cuda:11.7.1-...\`) and the OS or CUDA release its tag names (\`-buster\`, \`-ubuntu20.04\`, \`-alpine3.18\`, \`-cuda11.3\`), after ARG defaults are substituted, in every stage. Floating tags (\`python:3\`, \`debian:stable\`) are not judged. The end-of-life table was last reviewed on ${reviewedOn}; it lists only releases whose end of life had passed by then, so results do not change with the day you run mllint.`,
    examples: [
      { kind: "invalid", files: "FROM python:3.9-slim\n" },
      { kind: "invalid", files: "ARG PYTHON_VERSION=3.8\nFROM python:${PYTHON_VERSION}-slim-buster\n" },
      { kind: "invalid", files: "FROM nvidia/cuda:11.7.1-runtime-ubuntu22.04\n" },
      { kind: "invalid", files: "FROM pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime\n" },
      {
        kind: "invalid",
        files: "FROM node:18-alpine3.17 AS web\nFROM ubuntu:focal\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim-bookworm AS build\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nFROM python:3\nFROM build\n",
      },
    ],
    fix: "Move to a supported release: `python:3.12-slim`, `node:22-slim`, `ubuntu:24.04`, `debian:bookworm-slim`, a current `alpine`, `nvidia/cuda:12.x.y-runtime-ubuntu22.04` or newer. Rebuild and run the model's tests: a new Python or CUDA minor can change wheels and numerics.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image) continue;
      const matches = endOfLifeIn(image);
      if (matches.length === 0) continue;
      report({
        message: `${image.text} is past end of life, with no more security fixes: ${matches.map(describe).join("; ")}`,
        at: image.span,
      });
    }
  },
});

function describe(match: EolMatch): string {
  const { product, version, release, older } = match;
  const when = release.eol.length === 7 ? `in ${release.eol}` : `on ${release.eol}`;
  const name = `${product.product} ${version}`;
  if (older) return `${name} is older than ${product.product} ${release.version}, which ended ${when}`;
  return `${name}${release.codename ? ` (${release.codename})` : ""} ended ${when}`;
}
