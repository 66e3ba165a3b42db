import { defaultWorkdir } from "../../src/knowledge/base-images.js";
import { rootImage } from "../../src/knowledge/ml.js";
import { type CopyInstruction, lineage, type Stage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

// Absolute on Linux or Windows, or starting with a variable the build resolves.
const absolute = /^["']?([/$]|[A-Za-z]:[\\/])/;

export default defineRule({
  code: "DF054",
  name: "require-workdir-before-relative-copy",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  aliases: ["hadolint:DL3045"],
  docs: {
    summary: "COPY or ADD to a relative destination needs a WORKDIR set earlier in the stage.",
    why: "A relative destination is resolved against the working directory the base image happens to set: `/` for python and ubuntu, `/workspace` for pytorch/pytorch, something else after the next base-image bump. `COPY . .` then puts the code somewhere the CMD does not look, and the container fails with `No such file or directory` only at start-up. A WORKDIR in the stage, or in the stage it is built from, makes the location explicit. A stage built `FROM scratch` is exempt: the empty image has no config, so its working directory is always `/`. So are stages built on images that set a WORKDIR as part of their contract (jupyter's /home/jovyan, rayproject's /home/ray, pytorch/pytorch's and NGC's /workspace): there the relative path is how those images are meant to be used (hadolint DL3045 flags them).",
    examples: [
      { kind: "invalid", files: 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "serve.py"]\n' },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim AS base\nWORKDIR /app\n\nFROM base\nCOPY requirements.txt .\nCOPY model/ /models/\nCMD ["python", "serve.py"]\n',
      },
    ],
    fix: "Add `WORKDIR /app` (an absolute path) before the COPY, or give the COPY an absolute destination.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const copy of stage.instructions) {
        if (copy.kind !== "copy" && copy.kind !== "add") continue;
        const destination = copy.destination;
        if (!destination || absolute.test(destination.value) || hasWorkdirBefore(stage, copy)) continue;
        // scratch has no config: its working directory is `/`, known and documented; some images set their own.
        const root = rootImage(stage);
        if (root?.scratch || (root && defaultWorkdir(root))) continue;
        report({
          message: `${copy.keyword} to the relative path ${destination.value} with no WORKDIR set: it lands wherever the base image's working directory is`,
          at: destination.span,
        });
      }
    }
  },
});

function hasWorkdirBefore(stage: Stage, copy: CopyInstruction): boolean {
  return lineage(stage).some((s) =>
    s.instructions.some((i) => i.kind === "workdir" && (s !== stage || i.span.start < copy.span.start)),
  );
}
