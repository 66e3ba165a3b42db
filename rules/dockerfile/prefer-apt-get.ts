import { packageCommandsOf, runsIn } from "../../src/knowledge/os-packages.js";
import type { PackageCommand } from "../../src/knowledge/packages.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

// Subcommands apt-get runs the same way; `apt upgrade` may install new packages where `apt-get upgrade` does not.
const sameInAptGet = new Set(["install", "remove", "purge", "autoremove", "update", "clean", "autoclean"]);

export default defineRule({
  code: "DF102",
  name: "prefer-apt-get",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3027", "checkov:CKV_DOCKER_9"],
  docs: {
    summary: "Use `apt-get` (or `apt-cache`), not `apt`, in RUN.",
    why: "`apt` is the interactive front end: its output and behaviour may change between releases, and it says so itself with `WARNING: apt does not have a stable CLI interface. Use with caution in scripts.` in every build log. `apt-get` and `apt-cache` are the stable interfaces meant for scripts.",
    examples: [
      {
        kind: "invalid",
        files: "FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    fix: "Replace `apt` with `apt-get` (`apt search`/`apt show` become `apt-cache search`/`apt-cache show`). The autofix renames the command for install, remove, purge, autoremove, update, clean and autoclean (safe: apt-get does the same).",
  },
  check({ model, file, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const pc of packageCommandsOf(run)) {
        if (pc.manager !== "apt") continue;
        report({
          message: `apt ${pc.action} in a script: use apt-get, apt's command line is not stable`,
          at: pc.command.name!.span,
          fix: renameFix(file, pc),
        });
      }
    }
  },
});

function renameFix(file: SourceFile, pc: PackageCommand): Fix | undefined {
  const name = pc.command.name!;
  if (!sameInAptGet.has(pc.action) || file.slice(name.span) !== "apt") return undefined;
  return { title: "Use apt-get", safety: "safe", edits: [{ span: name.span, text: "apt-get" }] };
}
