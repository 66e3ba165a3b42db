/**
 * The environment a RUN command starts with, as far as the Dockerfile tells. Package managers and download tools
 * read much of their configuration from it (`PIP_NO_CACHE_DIR`, `PIP_CONSTRAINT`, `UV_NO_CACHE`...), so rules ask
 * here whether a setting is in force for one command.
 */
import { lineage, type RunInstruction } from "../model/dockerfile.js";
import { commandName, type ShellCommand, type ShellWord } from "../parse/shell.js";

const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A `NAME=value` word split into its parts; undefined for any other word. */
export function assignmentOf(word: ShellWord): { name: string; value: string } | undefined {
  const match = assignment.exec(word.value);
  return match ? { name: match[1]!, value: match[2]! } : undefined;
}

/**
 * The words of a command that set variables: `NAME=value` before it, the operands of `export`, and the settings
 * `env` passes to the program it runs.
 */
export function assignmentWords(command: ShellCommand): ShellWord[] {
  const name = commandName(command);
  const own = name === "export" || name === "env" ? command.args.filter((a) => assignmentOf(a)) : [];
  return [...command.assignments, ...own];
}

/**
 * The value `name` has when `command` of `run` starts, or undefined when nothing in the Dockerfile sets it: an
 * assignment on the command or an `export` earlier in the RUN, else the nearest ENV before the RUN in its stage
 * or the stages it builds on, or an ARG default of its own stage (ARGs do not cross stages).
 */
export function environmentValue(
  run: RunInstruction,
  command: ShellCommand,
  name: string,
): string | undefined {
  return inRun(run, command, name) ?? inStages(run, name);
}

function inRun(run: RunInstruction, command: ShellCommand, name: string): string | undefined {
  let value: string | undefined;
  for (const earlier of run.commands) {
    if (earlier.span.start > command.span.start) break;
    // Compared by position: package readers hand over a copy of the command with `sudo`/`env` unwrapped.
    const same = earlier.span.start === command.span.start;
    if (!same && commandName(earlier) !== "export") continue;
    for (const word of assignmentWords(earlier)) {
      const set = assignmentOf(word);
      if (set?.name === name) value = set.value;
    }
  }
  return value;
}

function inStages(run: RunInstruction, name: string): string | undefined {
  const own = run.stage;
  if (!own) return undefined;
  let value: string | undefined;
  for (const stage of lineage(own).reverse()) {
    for (const instruction of stage.instructions) {
      if (stage === own && instruction.span.start >= run.span.start) break;
      const applies = instruction.kind === "env" || (instruction.kind === "arg" && stage === own);
      if (!applies) continue;
      for (const pair of instruction.pairs) {
        if (pair.key.value === name && pair.value) value = pair.value.value;
      }
    }
  }
  return value;
}
