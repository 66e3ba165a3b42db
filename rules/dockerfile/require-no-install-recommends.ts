import {
  aptManagers,
  aptOptions,
  commandSpan,
  insertAfter,
  packageCommandsOf,
  runsIn,
} from "../../src/knowledge/os-packages.js";
import { isInstall } from "../../src/knowledge/packages.js";
import { finalStage, lineage } from "../../src/model/dockerfile.js";
import { hasFlag, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// `APT::Install-Recommends "false";` written to apt.conf(.d) turns recommends off for every later install.
const recommendsOffConfig = /APT::Install-Recommends\s*"?(0|false|no)\b/i;

export default defineRule({
  code: "DF007",
  name: "require-no-install-recommends",
  target: "dockerfile",
  category: "performance",
  severity: "info",
  fixable: true,
  aliases: ["hadolint:DL3015", "trivy:DS-0029"],
  docs: {
    summary: "Pass `--no-install-recommends` to `apt-get install` in the runtime image.",
    why: 'By default apt also installs every package the requested ones merely recommend: `apt-get install python3-pip` brings a compiler toolchain, and CUDA or ML system libraries pull in documentation, X11 and fonts. The runtime image grows by hundreds of MB, every pull and cold start of a model server takes longer, and the extra packages widen what a scanner reports. Only the final stage (and the stages it builds on) is checked, unlike hadolint and Trivy: a builder stage\'s extras never ship. A RUN that configures `APT::Install-Recommends "false"` for the stage counts.',
    examples: [
      {
        kind: "invalid",
        files:
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04 AS build\nRUN apt-get update && apt-get install -y build-essential\n\nFROM ubuntu:24.04\nCOPY --from=build /opt/app /opt/app\n",
      },
    ],
    fix: "Add `--no-install-recommends` after `install`, then add back any recommended package the image really needs. The autofix inserts the flag (unsafe: packages that were installed only as recommendations disappear).",
  },
  check({ model, file, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const runs = lineage(stage)
      .reverse()
      .flatMap((s) => runsIn(s.instructions));
    let configured = false;
    for (const run of runs) {
      configured ||= recommendsOffConfig.test(file.slice(run.span));
      for (const pc of packageCommandsOf(run)) {
        if (configured || !aptManagers.includes(pc.manager) || !isInstall(pc) || skipsRecommends(pc.command))
          continue;
        const edit = insertAfter(file, pc.actionWord, "--no-install-recommends");
        report({
          message: `${pc.manager} install without --no-install-recommends: recommended packages bloat the image`,
          at: commandSpan(pc),
          fix: edit && { title: "Add --no-install-recommends", safety: "unsafe", edits: [edit] },
        });
      }
    }
  },
});

function skipsRecommends(command: ShellCommand): boolean {
  if (hasFlag(command, "--no-install-recommends")) return true;
  if (command.args.some((a) => /^--install-recommends=(0|false|no)$/i.test(a.value))) return true;
  return aptOptions(command).some((o) => /^APT::Install-Recommends=(0|false|no)$/i.test(o));
}
