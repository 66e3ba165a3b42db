import { defineRule } from "../../src/rule.js";

const root = /^["']?\/["']?$/;

export default defineRule({
  code: "DF059",
  name: "no-copy-whole-filesystem",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  aliases: ["hadolint:DL3067"],
  docs: {
    summary: "Do not COPY --from another stage's whole filesystem onto `/`.",
    why: "`COPY --from=build / /` lays every file of the other image over this one: its libc, package database, CA bundle and Python overwrite the base image's, giving an image that matches neither and breaks in ways no one can reproduce (mismatched CUDA libraries, `GLIBC_x not found`). It also defeats the point of a slim runtime stage. Into `FROM scratch` it is the known way to flatten an image, and is accepted there.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12 AS build\nRUN pip install torch\n\nFROM python:3.12-slim\nCOPY --from=build / /\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS build\nRUN pip install --prefix=/install torch\n\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n\nFROM scratch AS flat\nCOPY --from=build / /\n",
      },
    ],
    fix: "Copy only the directories the runtime needs (a virtualenv, `--prefix` install or build output).",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.image?.scratch) continue;
      for (const copy of stage.instructions) {
        if (copy.kind !== "copy" || !copy.flags.some((f) => f.name === "from")) continue;
        const source = copy.sources.find((s) => root.test(s.value));
        if (source && copy.destination && root.test(copy.destination.value))
          report({ message: "COPY of a whole filesystem onto /", at: source.span });
      }
    }
  },
});
