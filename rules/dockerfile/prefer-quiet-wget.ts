import { insertAfter, runsIn } from "../../src/knowledge/os-packages.js";
import { commandName, hasFlag, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// GNU wget flags that quiet the progress output or send it to a log file.
const quietFlags = [
  "--progress",
  "-q",
  "--quiet",
  "-nv",
  "--no-verbose",
  "-o",
  "--output-file",
  "-a",
  "--append-output",
];
// Short options that take a value: in a group (`-qO-`) the letters after one of them are its value.
const takesValue = new Set("oaeiBtTwOUPQlARDIX");

export default defineRule({
  code: "DF160",
  name: "prefer-quiet-wget",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  fixable: true,
  aliases: ["hadolint:DL3047"],
  docs: {
    summary: "wget in a RUN should not draw its default progress bar.",
    why: "Without a terminal, wget's default progress bar prints a line every few kilobytes: one download of a multi-GB model file adds tens of thousands of lines to the build log, hides the error you are looking for, and can hit the log size limit of CI systems, which then truncate the output. `--progress=dot:giga`, `-nv`, `-q` or a log file (`-o`) keep it short; so does sending stderr elsewhere.",
    examples: [
      {
        kind: "invalid",
        files: "FROM debian:12-slim\nRUN wget https://example.com/model.gguf -O /models/model.gguf\n",
      },
      {
        kind: "valid",
        files:
          "FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/model.gguf -O /models/model.gguf\nRUN wget -qO- https://example.com/install.sh | sh\nRUN wget https://example.com/a.tar 2>/dev/null\n",
      },
    ],
    fix: "Add `--progress=dot:giga` (one dot per 32 MB), `-nv` or `-q`. The autofix adds `--progress=dot:giga` (unsafe: BusyBox wget, as in Alpine images, does not know the flag).",
  },
  check({ model, file, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        if (commandName(command) !== "wget" || isQuiet(command)) continue;
        const edit = insertAfter(file, command.name!, "--progress=dot:giga");
        report({
          message: "wget prints a progress line every few KB in the build log",
          at: command.name!.span,
          fix: edit && { title: "Add --progress=dot:giga", safety: "unsafe", edits: [edit] },
        });
      }
    }
  },
});

function isQuiet(command: ShellCommand): boolean {
  if (hasFlag(command, ...quietFlags)) return true;
  if (command.redirects.some((r) => /^(2>|&>)/.test(r.op))) return true;
  // `hasFlag` only reads groups of bare letters, and `-qO-` ends in the value of -O.
  return command.args.some((a) => /^-[A-Za-z]/.test(a.value) && groupHasQuiet(a.value));
}

function groupHasQuiet(group: string): boolean {
  for (const letter of group.slice(1)) {
    if (letter === "q") return true;
    if (takesValue.has(letter)) return false;
  }
  return false;
}
