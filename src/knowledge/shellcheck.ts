/** What mllint needs to know to hand a Dockerfile's shell scripts to ShellCheck. */
import { type ImageRef, isImage, predefinedArgs } from "../model/image.js";
import { basename } from "../parse/dockerfile.js";
import { isAlpineImage } from "./ml.js";

/** Shells ShellCheck can check, by executable basename, with the dialect to check them as (ash is dash-like). */
const dialects: Record<string, string> = {
  sh: "sh",
  bash: "bash",
  dash: "dash",
  ash: "dash",
  ksh: "ksh",
  mksh: "ksh",
};

/** Launchers that run the next non-flag word as the program (`/usr/bin/env bash`, `busybox sh`). */
const launchers = new Set(["env", "busybox"]);

/** Single-letter options of `set` that a shell also accepts on its command line (`bash -eux`). */
const setLetters = /^[aefhkmnuvxBCEHPT]+$/;
/** The same letters ending in `o`, which takes the next word as an option name (`-euxo pipefail`). */
const setLettersThenO = /^([aefhkmnuvxBCEHPT]*)o$/;

export interface ShellDialect {
  /** What ShellCheck checks the script as: sh, bash, dash or ksh. */
  name: string;
  /** Lines that give the script the options the shell was started with (`set -e -o pipefail`). */
  setup: string[];
}

/**
 * The dialect of a shell started as `words` (a SHELL array such as `["/bin/bash", "-o", "pipefail", "-c"]`, or a
 * shebang's words); undefined when ShellCheck cannot check it (pwsh, cmd, zsh, python...).
 */
export function shellDialect(words: readonly string[]): ShellDialect | undefined {
  let index = 0;
  while (index < words.length && launchers.has(basename(words[index]!))) {
    index++;
    while (words[index]?.startsWith("-")) index++;
  }
  const program = words[index];
  const name = program === undefined ? undefined : dialects[basename(program)];
  return name === undefined ? undefined : { name, setup: setupLines(words.slice(index + 1)) };
}

/** `-e`, `-o pipefail`, `-euxo pipefail` and `-O extglob` as `set` and `shopt` lines; other flags say nothing. */
function setupLines(flags: readonly string[]): string[] {
  const set: string[] = [];
  const shopt: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const next = flags[i + 1];
    if (!flag.startsWith("-") || flag.startsWith("--")) continue;
    const letters = flag.slice(1);
    const withO = setLettersThenO.exec(letters);
    if (letters === "O" && next !== undefined) {
      shopt.push(next);
      i++;
    } else if (withO && next !== undefined) {
      if (withO[1]) set.push(`-${withO[1]}`);
      set.push("-o", next);
      i++;
    } else if (setLetters.test(letters)) set.push(flag);
  }
  return [
    ...(set.length ? [`set ${set.join(" ")}`] : []),
    ...(shopt.length ? [`shopt -s ${shopt.join(" ")}`] : []),
  ];
}

/** The shell every RUN uses unless SHELL says otherwise. */
export const defaultShell: readonly string[] = ["/bin/sh", "-c"];

/**
 * The proxy ARGs Docker predefines, usable in RUN without an ARG instruction (the platform ones need an `ARG`
 * line to be in scope there).
 */
export const proxyArgs: readonly string[] = [...predefinedArgs.keys()].filter((name) =>
  /_proxy$/i.test(name),
);

/**
 * Codes that never apply to a RUN script: SC1090/SC1091 ask to follow `source`d files that live in the image, not
 * beside the Dockerfile; SC2187 says ash is checked as dash, which is what we ask for (these three as in
 * hadolint); SC1075 asks to put a nested `if` after `else` on its own line, which a continued RUN cannot do.
 */
export const alwaysExcluded: readonly string[] = ["SC1075", "SC1090", "SC1091", "SC2187"];

/**
 * Codes that do not apply where `/bin/sh` is BusyBox ash (Alpine, BusyBox images), which ShellCheck checks as dash:
 * SC2240, since ash's `.` passes arguments to the sourced script.
 */
export const ashExcluded: readonly number[] = [2240];

/** Whether the image's `/bin/sh` is BusyBox ash. */
export function hasAshShell(image: ImageRef): boolean {
  return isAlpineImage(image) || isImage(image, "busybox");
}

// Values that need no quoting: no IFS or glob character, no quote and no expansion.
const plainValue = /^[\w.,:/@%+=~-]+$/;

/** The value a variable is known to have, for ShellCheck to trust; undefined when a build could change it. */
export function knownValue(value: string | undefined): string | undefined {
  return value !== undefined && plainValue.test(value) ? value : undefined;
}
