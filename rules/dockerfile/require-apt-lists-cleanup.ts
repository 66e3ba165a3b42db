import {
  aptManagers,
  commandSpan,
  mountsOver,
  packageCommandsOf,
  removedPaths,
  runsIn,
  within,
} from "../../src/knowledge/os-packages.js";
import { isInstall, packageCommand } from "../../src/knowledge/packages.js";
import { finalStage, lineage, type RunInstruction } from "../../src/model/dockerfile.js";
import type { ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

const lists = "/var/lib/apt/lists";

export default defineRule({
  code: "DF008",
  name: "require-apt-lists-cleanup",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  aliases: ["hadolint:DL3009"],
  docs: {
    summary: "Remove `/var/lib/apt/lists/*` in the RUN that installs with apt-get.",
    why: "`apt-get update` downloads the package index to `/var/lib/apt/lists` (tens of MB on Debian and Ubuntu, more with the CUDA repository). Left there, it ships in the runtime image and is pulled at every deploy and autoscaled start, and it is never used again: any later install must update anyway. Deleting it in a later RUN does not help, because the earlier layer still holds it. `apt-get clean` does not remove the lists; `rm -rf /var/lib/apt/lists/*` (or `apt-get distclean`) after the install, in the same RUN, does. Only the final stage (and the stages it builds on) is checked; a RUN with a cache mount on `/var/lib/apt` writes nothing there.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && apt-get clean\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends libgomp1 \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y --no-install-recommends libgomp1\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n",
      },
    ],
    fix: "End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount a build cache on `/var/lib/apt` and `/var/cache/apt`.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const run of lineage(stage).flatMap((s) => runsIn(s.instructions))) {
      if (mountsOver(run, [lists])) continue;
      const last = packageCommandsOf(run)
        .filter((pc) => aptManagers.includes(pc.manager) && isInstall(pc))
        .at(-1);
      if (!last || removesListsAfter(run, last.command)) continue;
      report({
        message: `${last.manager} install leaves ${lists} in the layer: end the RUN with rm -rf ${lists}/*`,
        at: commandSpan(last),
      });
    }
  },
});

function removesListsAfter(run: RunInstruction, install: ShellCommand): boolean {
  return run.commands
    .filter((c) => c.span.start > install.span.start)
    .some((c) => removedPaths(c).some((p) => within(lists, p.value)) || isDistclean(c));
}

/** `apt-get distclean` (apt 2.7+) removes the lists as well as the downloaded packages. */
function isDistclean(command: ShellCommand): boolean {
  const pc = packageCommand(command);
  return pc !== undefined && aptManagers.includes(pc.manager) && pc.action === "distclean";
}
