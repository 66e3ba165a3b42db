import { cudaVersionOf } from "../../src/knowledge/cuda.js";
import { pythonInstalls, rootImage } from "../../src/knowledge/ml.js";
import type { ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF221",
  name: "no-torch-cuda-mismatch",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary: "The CUDA major version of pinned torch wheels must match the CUDA base image.",
    why: "A CUDA base image pins a toolkit and, through `NVIDIA_REQUIRE_CUDA`, the driver it asks for; a torch wheel built for another CUDA major (`torch==2.3.1+cu121`, `--index-url https://download.pytorch.org/whl/cu121` on `nvidia/cuda:11.8.0-devel-...`) brings its own runtime. Extensions compiled in the image then stop with `RuntimeError: The detected CUDA version (11.8) mismatches the version that was used to compile PyTorch (12.1)`, two CUDA runtimes end up in one process (cuBLAS errors, SIGFPE), and the base image's driver check no longer protects the wheel, which fails at run time on older hosts. Minor differences (11.7 vs 11.8, 12.1 vs 12.4) are not reported: torch's extension builder only warns about them and CUDA's minor-version compatibility covers the runtime. mllint reads the base's CUDA version from nvidia/cuda and pytorch/pytorch tags and the wheel's from `+cuNNN` pins, `/whl/cuNNN` index URLs and conda `pytorch-cuda=`/`cudatoolkit=` specs; ROCm and CPU wheels are ignored.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM nvidia/cuda:11.8.0-devel-ubuntu22.04\nRUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cu121\n",
      },
      {
        kind: "invalid",
        files:
          "FROM pytorch/pytorch:2.1.2-cuda11.8-cudnn8-devel AS build\nRUN conda install -y pytorch-cuda=12.1 -c nvidia\n",
      },
      {
        kind: "valid",
        files:
          "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install --no-cache-dir torch==2.3.1+cu121 --index-url https://download.pytorch.org/whl/cu121\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN pip install torch --index-url https://download.pytorch.org/whl/cu121\n",
      },
    ],
    fix: "Move both together: pick the wheel index for the base image's CUDA major (`/whl/cu118` on 11.8 bases, `/whl/cu12x` on 12.x), or change the base to the CUDA version of the wheels. When Dependabot bumps the FROM line, bump the index URL in the same change.",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      const base = rootImage(stage);
      const baseCuda = base && !base.unresolved ? cudaVersionOf(base) : undefined;
      if (!base || !baseCuda) continue;
      const installs = new Set(pythonInstalls([stage]).map((p) => p.install.command));
      for (const command of installs) {
        const found = command.args.map(wheelCuda).find((w) => w && major(w.cuda) !== major(baseCuda));
        if (!found) continue;
        report({
          message: `This installs torch built for CUDA ${found.cuda} on a CUDA ${baseCuda} base image: the majors differ`,
          at: found.word.span,
          related: [{ file, span: base.span, message: `${base.text} ships CUDA ${baseCuda}` }],
        });
      }
    }
  },
});

// `+cu121`, `%2Bcu121` and `+pt21cu121` local versions, `/whl/cu121` and `/whl/nightly/cu121` indexes.
const wheelTag = /(?:\+|%2B|\/)(?:pt\d+)?cu(\d{2,3})(?!\d)/i;
// Conda specs that pick the CUDA runtime: `pytorch-cuda=12.1`, `cudatoolkit==11.3`.
const condaCuda = /^(?:pytorch-cuda|cudatoolkit|cuda-version)=+(\d+\.\d+)/;

/** The CUDA version one argument of an install pins, if any. */
function wheelCuda(word: ShellWord): { cuda: string; word: ShellWord } | undefined {
  const conda = condaCuda.exec(word.value);
  if (conda) return { cuda: conda[1]!, word };
  const tag = wheelTag.exec(word.value);
  if (!tag) return undefined;
  // cu118 is 11.8 and cu92 is 9.2: the last digit is the minor version.
  const digits = tag[1]!;
  return { cuda: `${digits.slice(0, -1)}.${digits.slice(-1)}`, word };
}

function major(version: string): string {
  return version.split(".")[0]!;
}
