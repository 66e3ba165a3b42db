import {
  aptManagers,
  aptOptions,
  commandSpan,
  insertAfter,
  packageCommandsOf,
  runsIn,
} from "../../src/knowledge/os-packages.js";
import { isInstall } from "../../src/knowledge/packages.js";
import { hasFlag, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF006",
  name: "require-apt-get-yes",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3014", "trivy:DS-0021"],
  docs: {
    summary: "Pass `-y` to `apt-get install`.",
    why: "A build has no terminal to answer apt's `Do you want to continue? [Y/n]`: as soon as an install pulls in a dependency you did not name, apt-get reads end-of-input, prints `Abort.` and the RUN fails. It may work today and break when a new package version adds a dependency. `-y` (`--yes`, `--assume-yes`), `-qq` (which implies `-y`) or `-o APT::Get::Assume-Yes=true` answer the prompt.",
    examples: [
      { kind: "invalid", files: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install curl\n" },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
      { kind: "valid", files: "FROM ubuntu:24.04\nRUN apt-get update && apt-get -qq install curl\n" },
    ],
    fix: "Add `-y` after `install`. The autofix does so (safe: it only answers the prompt the build cannot answer).",
  },
  check({ model, file, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const pc of packageCommandsOf(run)) {
        if (!aptManagers.includes(pc.manager) || !isInstall(pc) || assumesYes(pc.command)) continue;
        const edit = insertAfter(file, pc.actionWord, "-y");
        report({
          message: `${pc.manager} install without -y: the build fails at the confirmation prompt`,
          at: commandSpan(pc),
          fix: edit && { title: "Add -y", safety: "safe", edits: [edit] },
        });
      }
    }
  },
});

function assumesYes(command: ShellCommand): boolean {
  if (hasFlag(command, "-y", "--yes", "--assume-yes", "--force-yes")) return true;
  if (aptOptions(command).some((o) => /^APT::Get::Assume-Yes=(1|true|yes)$/i.test(o))) return true;
  return quietLevel(command) >= 2;
}

/** apt-get's quiet level: `-qq`, `-q -q`, `-q=2` and `--quiet=2` all reach 2, which implies `-y`. */
function quietLevel(command: ShellCommand): number {
  let level = 0;
  for (const { value } of command.args) {
    const explicit = /^(?:-q|--quiet)=(\d+)$/.exec(value);
    if (explicit) level = Number(explicit[1]);
    else if (value === "--quiet") level++;
    else if (/^-[A-Za-z]+$/.test(value)) level += value.split("q").length - 1;
  }
  return level;
}
