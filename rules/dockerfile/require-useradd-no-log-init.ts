import { commandName, flagValue, hasFlag } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// lastlog reserves a record per UID up to the largest one; past 5 digits the sparse file outgrows the image.
const longUid = /^\d{6,}$/;

export default defineRule({
  code: "DF055",
  name: "require-useradd-no-log-init",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3046"],
  docs: {
    summary: "`useradd` with a large UID needs `--no-log-init` (`-l`).",
    why: "useradd writes the new user's record into /var/log/lastlog and faillog at an offset proportional to the UID. The files are sparse on disk, but image layers store them in full: a UID like 1000680000 (OpenShift ranges) adds hundreds of megabytes to gigabytes to the image, and builds can run out of disk.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nRUN useradd -u 1000680000 -m app\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN useradd --no-log-init -u 1000680000 -m app && useradd -u 10001 worker\n",
      },
    ],
    fix: "Add `--no-log-init`; the autofix inserts it after `useradd` (safe: containers have no login records to keep).",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind !== "run") continue;
      for (const command of run.commands) {
        if (commandName(command) !== "useradd" || hasFlag(command, "-l", "--no-log-init")) continue;
        const uid = flagValue(command, "-u", "--uid");
        if (!uid || !longUid.test(uid.value)) continue;
        const after = command.name!.span.end;
        report({
          message: `useradd with UID ${uid.value} and no --no-log-init bloats the image with lastlog`,
          at: uid.span,
          // Inserting a word into an exec-form JSON array would need quotes and a comma; left to the user.
          fix:
            run.form === "shell"
              ? {
                  title: "Add --no-log-init",
                  safety: "safe",
                  edits: [{ span: { start: after, end: after }, text: " --no-log-init" }],
                }
              : undefined,
        });
      }
    }
  },
});
