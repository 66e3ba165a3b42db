import {
  cacheDirs,
  commandSpan,
  insertAfter,
  mountsOver,
  packageCommandsOf,
  removedPaths,
  runsIn,
  within,
} from "../../src/knowledge/os-packages.js";
import { isInstall, type PackageCommand } from "../../src/knowledge/packages.js";
import { finalStage, lineage, type RunInstruction } from "../../src/model/dockerfile.js";
import { hasFlag } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

const apkCaches = cacheDirs.apk ?? [];

export default defineRule({
  code: "DF101",
  name: "require-apk-no-cache",
  target: "dockerfile",
  category: "performance",
  severity: "info",
  fixable: true,
  aliases: ["hadolint:DL3019", "trivy:DS-0025"],
  docs: {
    summary: "Use `apk add --no-cache` in the runtime image.",
    why: "Without `--no-cache`, `apk add` keeps the package index it fetched (and, with `apk update` or a cache directory, the downloaded packages) under `/var/cache/apk` in the layer: a few MB on every Alpine-based serving image, shipped and pulled for nothing. `--no-cache` fetches a fresh index and keeps none of it, so it also replaces a separate `apk update`. Only the final stage (and the stages it builds on) is checked; a cache mount on `/var/cache/apk` or an `rm -rf /var/cache/apk/*` later in the same RUN count as cleanup.",
    examples: [
      { kind: "invalid", files: "FROM alpine:3.20\nRUN apk update && apk add libstdc++\n" },
      { kind: "valid", files: "FROM alpine:3.20\nRUN apk add --no-cache libstdc++\n" },
      {
        kind: "valid",
        files:
          "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add libstdc++\nRUN apk add libgomp && rm -rf /var/cache/apk/*\n",
      },
    ],
    fix: "Add `--no-cache` after `add` (and drop `apk update`). The autofix inserts the flag (safe: the same packages are installed, only the cache is not kept).",
  },
  check({ model, file, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const run of lineage(stage).flatMap((s) => runsIn(s.instructions))) {
      if (mountsOver(run, apkCaches)) continue;
      for (const pc of packageCommandsOf(run)) {
        if (pc.manager !== "apk" || !isInstall(pc) || hasFlag(pc.command, "--no-cache")) continue;
        if (cleanedAfter(run, pc)) continue;
        const edit = insertAfter(file, pc.actionWord, "--no-cache");
        report({
          message: "apk add without --no-cache: the package index stays in the layer",
          at: commandSpan(pc),
          fix: edit && { title: "Add --no-cache", safety: "safe", edits: [edit] },
        });
      }
    }
  },
});

function cleanedAfter(run: RunInstruction, add: PackageCommand): boolean {
  return run.commands
    .filter((c) => c.span.start > add.command.span.start)
    .some((c) => removedPaths(c).some((p) => apkCaches.some((dir) => within(dir, p.value))));
}
