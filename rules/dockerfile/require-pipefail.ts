import { rootImage } from "../../src/knowledge/ml.js";
import {
  instructionsOf,
  lineage,
  type RunInstruction,
  type Stage,
  type Word,
} from "../../src/model/dockerfile.js";
import { commandName, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// POSIX-style shells, where a pipeline's status is its last command's unless pipefail is on.
const posixShells = new Set(["sh", "bash", "zsh", "ash", "dash", "ksh", "mksh"]);
// Windows images run RUN with cmd by default, which has no pipefail to set.
const windowsImage = /windows|nanoserver|servercore/i;

export default defineRule({
  code: "DF062",
  name: "require-pipefail",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  tags: ["ml"],
  aliases: ["hadolint:DL4006", "trivy:DS-0032", "kics:efbf148a-67e9-42d2-ac47-02fa1c0d0b22"],
  docs: {
    summary: "A RUN with a pipe needs `pipefail`, from SHELL or from `set -o pipefail`.",
    why: 'Without pipefail a pipeline succeeds when its last command does: `curl -fsSL $URL/weights.tar.gz | tar -xz` builds a green image with no weights when the download fails, and the failure only shows when the server cannot load the model. The check follows the SHELL in force (also one inherited from an earlier stage); non-POSIX shells (pwsh, cmd) are exempt, as is a pipeline after `set -o pipefail`. Unlike hadolint DL4006, it reports each pipeline once, and leaves alone the pipelines pipefail would not change: one fed only by `echo`/`printf` (they cannot fail), one inside `$(...)` or backticks (its status is lost), and one whose status is tested (an `if`/`while`/`until` condition, or followed by `||`). It also trusts `SHELL ["/bin/sh", "-o", "pipefail", "-c"]`, which hadolint does not: a `sh` without the option (dash, Debian\'s and Ubuntu\'s /bin/sh) rejects it and fails every RUN loudly, so no failure is hidden.',
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN curl -fsSL https://example.com/weights.tar.gz | tar -xz -C /models\n",
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/weights.tar.gz | tar -xz -C /models\n',
      },
      {
        kind: "valid",
        files:
          "FROM alpine:3.20\nRUN set -euo pipefail && wget -qO- https://example.com/m.tar.gz | tar -xz -C /models\n",
      },
    ],
    fix: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (or `/bin/ash` on Alpine), or start the RUN with `set -o pipefail &&` where the shell supports it.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (windowsImage.test(rootImage(stage)?.repository ?? "")) continue;
      let shell = inheritedShell(stage.base);
      for (const instruction of stage.instructions) {
        if (instruction.kind === "shell" && instruction.exec) shell = instruction.exec;
        if (instruction.kind !== "run" || instruction.form !== "shell" || !needsPipefail(shell)) continue;
        for (const start of unguardedPipelines(instruction)) {
          report({
            message: `Pipe without pipefail: a failure of ${commandName(start) ?? "this command"} can go unnoticed, since the RUN's status is the last command's`,
            at: start.span,
          });
        }
      }
    }
  },
});

/** The SHELL the stage inherits from the stages it is built on; undefined means the default `/bin/sh -c`. */
function inheritedShell(base: Stage | undefined): Word[] | undefined {
  for (const stage of base ? lineage(base) : []) {
    const last = instructionsOf(stage, "shell").findLast((s) => s.exec);
    if (last) return last.exec;
  }
  return undefined;
}

/** True for a POSIX shell without `-o pipefail` (also grouped, as in `-eo pipefail`). */
function needsPipefail(shell: Word[] | undefined): boolean {
  if (!shell) return true;
  const program = shell[0]?.value.replace(/^.*[/\\]/, "").toLowerCase() ?? "";
  if (!posixShells.has(program)) return false;
  return !shell.some((word, i) => isPipefailOption(word.value, shell[i + 1]?.value));
}

function isPipefailOption(flag: string, next: string | undefined): boolean {
  return /^-[A-Za-z]*o$/.test(flag) && next === "pipefail";
}

/** The first upstream command of each pipeline whose hidden failure pipefail would catch, unless an earlier `set -o pipefail` in the RUN does. */
function unguardedPipelines(run: RunInstruction): ShellCommand[] {
  const guard = run.commands.find(
    (c) => commandName(c) === "set" && c.args.some((a, i) => isPipefailOption(a.value, c.args[i + 1]?.value)),
  );
  const scripts = [run.script, ...run.heredocs.map((h) => h.script)];
  return scripts
    .flatMap((script) => script?.pipelines ?? [])
    .filter((p) => !p.substituted && !p.tested)
    .map((p) => p.commands.filter((c) => c.pipedOut))
    .filter((upstream) => !upstream.every(cannotFail))
    .map((upstream) => upstream[0]!)
    .filter((start) => !guard || start.span.start < guard.span.start);
}

/** `echo` and `printf` only fail on a write error; a failing substitution in their words does not change their status. */
function cannotFail(command: ShellCommand): boolean {
  const name = commandName(command);
  return name === "echo" || name === "printf";
}
