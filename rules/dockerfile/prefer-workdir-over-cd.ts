import { commandName, positionalArgs, type ShellCommand, type ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// Scratch space a RUN may enter and leave; WORKDIR there would leave later instructions in it.
const scratchDirectory = /^\/(tmp|var\/tmp|dev\/shm)(\/|$)/;
// `cd -`, `cd ..`, `cd` and `cd /` at the end of a RUN go back to where it started: a tidy-up, not a mistake.
const returnDirectory = /^(-|~|\/|\.\.(\/\.\.)*\/?)$/;

export default defineRule({
  code: "DF041",
  name: "prefer-workdir-over-cd",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  aliases: ["hadolint:DL3003", "trivy:DS-0013", "kics:f4a6bcd3-e231-4acf-993c-aa027be50d2e"],
  docs: {
    summary: "Set the directory later instructions work in with WORKDIR, not with `cd` in RUN.",
    why: "Each RUN starts in the WORKDIR again, so a `cd` that ends a RUN (`RUN cd /app`, `RUN git clone ... && cd repo`) has no effect on the next instruction, and a RUN that starts with `cd /app && ...` hides the project directory from COPY, CMD and readers, who then guess wrong. mllint keeps hadolint's intent but not its noise: entering a directory the same RUN created or cloned (`git clone x && cd x && pip install .`), working in `/tmp` and coming back (`cd /tmp && ... && cd -`), and `cd` inside a subshell are fine.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nCOPY . /app\nRUN cd /app && pip install --no-cache-dir .\n",
      },
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN git clone https://github.com/org/repo.git && cd repo\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nRUN cd /tmp && curl -fsSLO https://example.com/tool.tar.gz && tar -xzf tool.tar.gz && cd - \\\n && git clone https://github.com/org/lib.git && cd lib && pip install --no-cache-dir . && (cd docs && make)\n",
      },
    ],
    fix: "Put `WORKDIR /app` before the RUN and drop the `cd`. A `cd` at the end of a RUN does nothing: remove it, or add a WORKDIR if the next instructions need that directory.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind !== "run") continue;
      const topLevel = run.commands.filter((c) => c.depth === 0);
      const last = topLevel.at(-1);
      if (last && isCd(last) && !returns(directoryOf(last))) {
        report({
          message: "`cd` at the end of a RUN has no effect: the next instruction starts in the WORKDIR again",
          at: last.span,
        });
        continue;
      }
      const first = topLevel[0];
      const directory = first && isCd(first) ? directoryOf(first) : undefined;
      if (directory && !directory.dynamic && !scratchDirectory.test(directory.value)) {
        report({ message: `Use WORKDIR ${directory.value} instead of \`cd\``, at: first!.span });
      }
    }
  },
});

function isCd(command: ShellCommand): boolean {
  return commandName(command) === "cd";
}

function directoryOf(command: ShellCommand): ShellWord | undefined {
  return positionalArgs(command)[0];
}

/** A directory that goes back rather than somewhere new; a variable (`"$OLDPWD"`) may well do so too. */
function returns(directory: ShellWord | undefined): boolean {
  return !directory || directory.dynamic || returnDirectory.test(directory.value);
}
