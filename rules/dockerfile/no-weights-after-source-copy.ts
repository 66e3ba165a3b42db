import { downloadsWeights, isWeightSource } from "../../src/knowledge/ml.js";
import type { CopyInstruction, Instruction, Stage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

export default defineRule({
  code: "DF223",
  name: "no-weights-after-source-copy",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "Download or copy model weights before the application code and per-build arguments.",
    why: "Docker reuses a layer only while every layer before it is unchanged. Weights fetched or copied after `COPY . .` (or after a per-build `ARG` such as `GIT_SHA`, `BUILD_DATE` or `VERSION`, which every later RUN implicitly reads) are rebuilt by every code change: the build downloads gigabytes again, hits Hub rate limits (HTTP 429), and pushes a new multi-gigabyte layer that every node must pull. mllint looks for Hub and Ollama downloads (`hf download`, `huggingface-cli download`, `snapshot_download(...)`, `from_pretrained(...)`, `ollama pull`), `wget`/`curl` of weight files, `git clone` from huggingface.co, and COPY/ADD of weight files or a `models/` directory, placed after a COPY of the whole context or of code (`src/`, `app/`, `*.py`). Copies from another stage (`COPY --from=weights`) are the recommended fix and are not reported.",
    examples: [
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nRUN huggingface-cli download org/model --local-dir /models\nCMD ["python", "serve.py"]\n',
      },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nARG GIT_SHA\nRUN pip install --no-cache-dir sentence-transformers\nCOPY weights/ /app/weights/\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim AS weights\nRUN pip install --no-cache-dir huggingface_hub && hf download org/model --local-dir /models\nFROM python:3.12-slim\nWORKDIR /app\nCOPY --from=weights --link /models /models\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\n",
      },
    ],
    fix: "Fetch the weights in their own stage (or early in this one, right after the dependencies) and copy them in with `COPY --from=weights --link`, before `COPY . .`; declare per-build ARGs at the end of the stage. For large or frequently changing models, mount them at run time instead of baking them in.",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      for (const { at, after } of weightsAfterChange(stage)) {
        const line = file.position(after.span.start).line;
        report({
          message: `Model weights are fetched after ${describe(after)} on line ${line}: every code change rebuilds this layer and fetches them again`,
          at,
          related: [{ file, span: after.span, message: "this changes on every build" }],
        });
      }
    }
  },
});

/** Where a stage brings in weights after an instruction that changes between builds. */
function weightsAfterChange(stage: Stage): { at: Span; after: Instruction }[] {
  const found: { at: Span; after: Instruction }[] = [];
  let changed: Instruction | undefined;
  let perBuildArg: Instruction | undefined;
  for (const instruction of stage.instructions) {
    if (instruction.kind === "arg" && instruction.pairs.some((p) => perBuildArgName.test(p.key.value)))
      perBuildArg ??= instruction;
    // Every RUN reads earlier ARGs as environment variables, so the first RUN after one misses the cache.
    if (instruction.kind === "run" && perBuildArg) changed ??= perBuildArg;
    const weights = weightSpan(instruction);
    if (weights && changed) found.push({ at: weights, after: changed });
    if ((instruction.kind === "copy" || instruction.kind === "add") && copiesSource(instruction))
      changed ??= instruction;
  }
  return found;
}

// Build arguments that by convention change on every build.
const perBuildArgName =
  /^(VERSION|APP_VERSION|RELEASE|VCS_REF|CACHE_?BUST|((GIT|SOURCE|COMMIT|BUILD)_)?(SHA|COMMIT|REVISION|DATE|TIME|TIMESTAMP|ID|NUMBER))$/i;
const wholeContext = /^(\.|\.\/|\*|\.\/\*)$/;
const codePath = /\.(py|ipynb|js|ts|go|rs|java|rb|sh)$|^(\.\/)?(src|app|lib|api|server|service|code|pkg)\/?$/;

/** A COPY of the build context or of code: what changes with every commit. */
function copiesSource(copy: CopyInstruction): boolean {
  if (copy.flags.some((f) => f.name === "from")) return false;
  return copy.sources.some((s) => wholeContext.test(s.value) || codePath.test(s.value));
}

/** The span of the weights an instruction brings in, if it brings any. */
function weightSpan(instruction: Instruction): Span | undefined {
  if (instruction.kind === "run") return instruction.commands.find(downloadsWeights)?.span;
  if (instruction.kind !== "copy" && instruction.kind !== "add") return undefined;
  if (instruction.flags.some((f) => f.name === "from")) return undefined;
  const source = instruction.sources.find((s) => isWeightSource(s.value));
  return source?.span;
}

function describe(instruction: Instruction): string {
  if (instruction.kind === "arg") return `ARG ${instruction.pairs[0]?.key.value}`;
  const sources = instruction.kind === "copy" || instruction.kind === "add" ? instruction.sources : [];
  return `${instruction.keyword} ${sources.map((s) => s.value).join(" ")}`;
}
