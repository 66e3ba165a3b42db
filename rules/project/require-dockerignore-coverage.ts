import {
  formatBytes,
  isWholeContext,
  sensitivePaths,
  wholeContextCopies,
} from "../../src/knowledge/context.js";
import type { ContextEntry } from "../../src/model/project.js";
import { type DockerIgnore, isExcluded } from "../../src/parse/dockerignore.js";
import { defineRule } from "../../src/rule.js";

// Messages stay readable: the biggest few, then a count.
const SHOWN = 5;
// Small files (`.env`, a key) matter for what they hold, not their size; below this no size is shown.
const SIZE_WORTH_SHOWING = 1_000_000;

export default defineRule({
  code: "XP002",
  name: "require-dockerignore-coverage",
  target: "project",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary:
      "A whole-context COPY must not send weights, datasets, secrets or the git history the .dockerignore lets through.",
    why: 'Having a `.dockerignore` is not enough: it has to exclude what is actually there. ML repositories grow checkpoints, datasets, `wandb/` and `mlruns/` runs and virtual environments next to the code, and a `.dockerignore` written for the code alone lets them through. `COPY . .` then sends gigabytes to the builder on every build ("transferring context: 14.2GB"), bakes them into a layer that is pushed and pulled everywhere, invalidates the cache whenever a run writes a file, and ships `.env` tokens to every registry. mllint walks the real build context (bounded), applies the `.dockerignore` exactly as the builder does (`**`, `!` exceptions, last match wins) and names what slips through, biggest first.',
    examples: [
      {
        kind: "invalid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY . /app\n",
          ".dockerignore": ".git\n",
          "app.py": "print('hi')\n",
          "checkpoints/model.safetensors": "weights",
          ".env": "HF_TOKEN=hf_x\n",
        },
      },
      {
        kind: "valid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY . /app\n",
          ".dockerignore": ".git\n.env\ncheckpoints/\n!checkpoints/README.md\n",
          "app.py": "print('hi')\n",
          "checkpoints/model.safetensors": "weights",
          "checkpoints/README.md": "# downloaded at start\n",
          ".env": "HF_TOKEN=hf_x\n",
        },
      },
    ],
    fix: "Add the listed paths to the `.dockerignore` (`*.safetensors`, `checkpoints/`, `data/`, `wandb/`, `.env*`, `.venv/`, `.git`), or copy only what the image needs (`COPY src/ ./src/`). Mount or download weights at run time instead of baking them in from the context.",
  },
  check({ model, report }) {
    for (const context of model.contexts) {
      const ignore = context.dockerignore;
      const copy = wholeContextCopies(context.dockerfile)[0];
      if (!ignore || !copy) continue;
      const leaks = leakedPaths(model.contextEntries(context), ignore);
      if (leaks.length === 0) continue;
      const shown = leaks
        .slice(0, SHOWN)
        .map((l) => (l.size >= SIZE_WORTH_SHOWING ? `${l.path} (${formatBytes(l.size)})` : l.path));
      const more = leaks.length > SHOWN ? `, +${leaks.length - SHOWN} more` : "";
      const end = ignore.file.text.length;
      const source = copy.sources.find(isWholeContext)!;
      report({
        file: context.dockerfile.file,
        at: source.span,
        message: `${copy.keyword} ${source.value} sends what the .dockerignore does not exclude: ${shown.join(", ")}${more}`,
        related: [
          { file: ignore.file, span: { start: end, end }, message: "add the paths to this .dockerignore" },
        ],
      });
    }
  },
});

/** Sensitive paths the ignore file lets through, biggest first; a reported directory stands for what it holds. */
function leakedPaths(entries: ContextEntry[], ignore: DockerIgnore): ContextEntry[] {
  const included = entries.filter((e) => !isExcluded(ignore, e.path));
  const sizes = includedSizes(included);
  const leaks: ContextEntry[] = [];
  for (const entry of included) {
    if (leaks.some((l) => l.isDirectory && entry.path.startsWith(`${l.path}/`))) continue;
    if (!sensitivePaths.some((s) => s.test(entry.path, entry.isDirectory))) continue;
    const size = entry.size || (sizes.get(entry.path) ?? 0);
    if (entry.isDirectory && size === 0) continue;
    leaks.push({ ...entry, size });
  }
  return leaks.sort((a, b) => b.size - a.size);
}

/** What each walked directory sends: the sizes of the included files below it. */
function includedSizes(included: ContextEntry[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const entry of included) {
    if (entry.isDirectory) continue;
    for (let slash = entry.path.indexOf("/"); slash !== -1; slash = entry.path.indexOf("/", slash + 1)) {
      const dir = entry.path.slice(0, slash);
      sizes.set(dir, (sizes.get(dir) ?? 0) + entry.size);
    }
  }
  return sizes;
}
