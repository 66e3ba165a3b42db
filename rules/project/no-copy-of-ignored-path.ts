import type { CopyInstruction, Instruction, Word } from "../../src/model/dockerfile.js";
import type { ContextEntry } from "../../src/model/project.js";
import {
  cleanPath,
  type DockerIgnore,
  excludingPattern,
  isExcluded,
  parseDockerignore,
} from "../../src/parse/dockerignore.js";
import { defineRule } from "../../src/rule.js";
import { SourceFile } from "../../src/source.js";

export default defineRule({
  code: "XP003",
  name: "no-copy-of-ignored-path",
  target: "project",
  category: "correctness",
  severity: "error",
  aliases: ["buildkit:CopyIgnoredFile"],
  docs: {
    summary: "COPY and ADD must not name a path the .dockerignore excludes.",
    why: 'The builder never sees what the `.dockerignore` excludes, so `COPY checkpoints/ /models/` after `checkpoints` was ignored fails with `"/checkpoints": not found` — or, for a glob, silently copies nothing and the server starts without its weights. It happens when weights are ignored to shrink the context and a later change starts baking them in. BuildKit\'s CopyIgnoredFile check gives up as soon as the `.dockerignore` has a `!` exception; mllint evaluates exceptions the way the builder does (last match wins), so a directory whose files are re-included by an exception is not reported, and reports it only when nothing of the source reaches the builder.',
    examples: [
      {
        kind: "invalid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY app.py /app/\nCOPY checkpoints/ /app/checkpoints/\n",
          ".dockerignore": ".git\ncheckpoints\n",
          "app.py": "print('hi')\n",
          "checkpoints/model.safetensors": "weights",
        },
      },
      {
        kind: "valid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY app.py /app/\nCOPY checkpoints/ /app/checkpoints/\n",
          ".dockerignore": "checkpoints\n!checkpoints/model.safetensors\n",
          "app.py": "print('hi')\n",
          "checkpoints/model.safetensors": "weights",
        },
      },
    ],
    fix: "Either stop excluding the path (or add a `!path` exception after the line that excludes it) or stop copying it: mount the weights at run time or download them in the entrypoint.",
  },
  check({ model, report }) {
    for (const context of model.contexts) {
      const ignore = context.dockerignore;
      if (!ignore) continue;
      const entries = model.contextEntries(context);
      for (const copy of contextCopies(context.dockerfile.instructions)) {
        for (const source of copy.sources) {
          const pattern = ignoredSource(source, ignore, entries);
          if (!pattern) continue;
          const line = ignore.file.position(pattern.span.start).line;
          report({
            file: context.dockerfile.file,
            at: source.span,
            message: `${copy.keyword} ${source.value}: the .dockerignore excludes it (line ${line}: ${pattern.pattern}), so the builder never sees it and the build fails with "not found" or copies nothing`,
            related: [{ file: ignore.file, span: pattern.span, message: "this pattern excludes it" }],
          });
        }
      }
    }
  },
});

/** COPY and ADD from the build context: not `--from`, and not ADD of a URL or git repository. */
function contextCopies(instructions: Instruction[]): CopyInstruction[] {
  return instructions.filter(
    (i): i is CopyInstruction =>
      (i.kind === "copy" || i.kind === "add") && !i.flags.some((f) => f.name === "from"),
  );
}

const globChars = /[*?[]/;

/** The pattern that leaves nothing of `source` in the context, or undefined when something of it gets through. */
function ignoredSource(source: Word, ignore: DockerIgnore, entries: ContextEntry[]) {
  if (/\$|^<<|^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(source.value)) return undefined;
  const path = cleanPath(source.value);
  if (path === "") return undefined;
  if (globChars.test(path)) return ignoredGlob(path, ignore, entries);
  const pattern = excludingPattern(ignore, path);
  // An exception may re-include files below an excluded directory; then they are copied.
  const below = `${path}/`;
  if (!pattern || entries.some((e) => e.path.startsWith(below) && !isExcluded(ignore, e.path)))
    return undefined;
  return pattern;
}

/** A glob source is ignored when it matches something in the context and everything it matches is excluded. */
function ignoredGlob(path: string, ignore: DockerIgnore, entries: ContextEntry[]) {
  // COPY globs are Go filepath.Match patterns, as .dockerignore lines are: one matcher serves both.
  const matcher = parseDockerignore(new SourceFile("COPY", path, "dockerignore")).patterns[0]?.matcher;
  const matched = matcher ? entries.filter((e) => matcher.test(e.path)) : [];
  if (matched.length === 0 || matched.some((e) => !isExcluded(ignore, e.path))) return undefined;
  return excludingPattern(ignore, matched[0]!.path);
}
