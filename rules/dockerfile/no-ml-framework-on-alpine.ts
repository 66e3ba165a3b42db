import { isAlpineImage, pythonInstalls, rootImage } from "../../src/knowledge/ml.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF227",
  name: "no-ml-framework-on-alpine",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "Do not install deep-learning frameworks on Alpine (musl) images.",
    why: "PyTorch, TensorFlow, JAX, ONNX Runtime, vLLM and Triton publish wheels only for glibc (`manylinux`). On Alpine, pip finds no compatible wheel: it fails with `No matching distribution found for torch`, or falls back to an ancient source release and spends the build compiling, and the resulting image is larger than a slim Debian one. Use a `-slim` (Debian) base, or a CUDA/framework image for GPU work.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-alpine\nRUN pip install --no-cache-dir torch==2.3.1\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1\nFROM alpine:3.20\nRUN apk add --no-cache curl\n",
      },
    ],
    fix: "Start from `python:3.x-slim` (or `-slim-bookworm`), or from an nvidia/cuda or framework image when the model runs on a GPU.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const base = rootImage(stage);
      if (!base || base.unresolved || !isAlpineImage(base)) continue;
      for (const { name, word } of pythonInstalls([stage])) {
        if (glibcOnly.test(name))
          report({
            message: `${name} publishes no musl wheels, so it cannot be installed on ${base.text}`,
            at: word.span,
          });
      }
    }
  },
});

// Distributions with manylinux (glibc) wheels only.
const glibcOnly =
  /^(torch|torchvision|torchaudio|tensorflow(-cpu|-gpu)?|jax|jaxlib|onnxruntime(-gpu)?|vllm|triton|xformers|tensorrt)$/;
