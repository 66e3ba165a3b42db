import { commandName, positionalArgs } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF061",
  name: "prefer-shell-instruction",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  aliases: ["hadolint:DL4005", "kics:8a301064-c291-4b20-adcb-403fe7fd95fd"],
  docs: {
    summary: "Change the shell RUN uses with SHELL, not by relinking /bin/sh.",
    why: "`ln -sf /bin/bash /bin/sh` swaps the system shell for every program in the image, not just for the Dockerfile: init scripts, `system()` calls in Python and package maintainer scripts written for dash start running under bash, and the change is invisible to anyone reading the later RUN lines. The SHELL instruction changes only what RUN, CMD and ENTRYPOINT's shell form use.",
    examples: [
      { kind: "invalid", files: "FROM ubuntu:24.04\nRUN ln -sf /bin/bash /bin/sh\n" },
      {
        kind: "valid",
        files:
          'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ln -s /usr/bin/python3 /usr/local/bin/python\n',
      },
    ],
    fix: 'Delete the `ln` and add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN instructions that need bash.',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind !== "run") continue;
      for (const command of run.commands) {
        if (commandName(command) !== "ln" || positionalArgs(command).at(-1)?.value !== "/bin/sh") continue;
        report({
          message: "Relinking /bin/sh changes the shell for the whole image: use SHELL",
          at: command.span,
        });
      }
    }
  },
});
