import { cudaTagProblem, isCudaBaseImage } from "../../src/knowledge/cuda.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF018",
  name: "require-valid-cuda-tag",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary: "nvidia/cuda base images must use a tag that exists in NVIDIA's naming scheme.",
    why: "NVIDIA tags CUDA images as `<major>.<minor>.<patch>[-cudnn]-<base|runtime|devel>-<os>`. A tag copied from a blog post such as `11.8-runtime-ubuntu20.04` does not exist (the image is `11.8.0-runtime-ubuntu20.04`), and `latest` was removed: the build fails with `manifest unknown`, often only in CI on a fresh cache. CUDA 10 images (`10.2-cudnn7-devel-ubuntu18.04` was a real name) were deleted with NVIDIA's end-of-life images, so they fail the same way.",
    examples: [
      { kind: "invalid", files: "FROM nvidia/cuda:11.8-runtime-ubuntu20.04\n" },
      { kind: "invalid", files: "FROM nvidia/cuda:latest\n" },
      { kind: "invalid", files: "FROM nvidia/cuda:10.2-cudnn7-devel-ubuntu18.04\n" },
      {
        kind: "valid",
        files:
          "FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04 AS base\nFROM nvidia/cuda:11.8.0-devel-ubi8\nFROM nvidia/cuda:13.0.1-cudnn-devel-ubuntu24.04\n",
      },
    ],
    fix: "Use a full tag from NVIDIA's list, e.g. `nvidia/cuda:12.4.1-runtime-ubuntu22.04`.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.unresolved || !isCudaBaseImage(image)) continue;
      const problem = cudaTagProblem(image.tag);
      if (problem) report({ message: `${image.text} ${problem}`, at: image.span });
    }
  },
});
