/**
 * What OS package managers (apt, apk, yum/dnf, zypper) leave in a layer and how a RUN cleans it up. Shared by the
 * rules about those managers so they agree on which RUNs count, where caches live and what removes them.
 */
import type { Instruction, RunInstruction } from "../model/dockerfile.js";
import { commandName, type ShellCommand, type ShellWord } from "../parse/shell.js";
import type { Edit } from "../rule.js";
import type { SourceFile, Span } from "../source.js";
import { type PackageCommand, type PackageManager, packageCommand, unwrapped } from "./packages.js";

export const aptManagers: readonly PackageManager[] = ["apt-get", "apt"];
export const rpmManagers: readonly PackageManager[] = ["yum", "dnf", "microdnf"];

/** RUN instructions, with the RUN an ONBUILD wraps: it runs in every image built FROM this one. */
export function runsIn(instructions: readonly Instruction[]): RunInstruction[] {
  return instructions.flatMap((i) => {
    const run = i.kind === "onbuild" ? i.trigger : i;
    return run?.kind === "run" ? [run] : [];
  });
}

/** The package-manager commands of a RUN, in order. */
export function packageCommandsOf(run: RunInstruction): PackageCommand[] {
  return run.commands.flatMap((command) => packageCommand(command) ?? []);
}

/** From the manager's name to its action (`apt-get install`): where a finding about the command points. */
export function commandSpan(pc: PackageCommand): Span {
  return { start: pc.command.name!.span.start, end: pc.actionWord.span.end };
}

/** The values of every `-o Option=value` given to apt-get/apt (`-o X` and `-oX` alike). */
export function aptOptions(command: ShellCommand): string[] {
  const values: string[] = [];
  command.args.forEach((arg, i) => {
    if (arg.value === "-o") values.push(command.args[i + 1]?.value ?? "");
    else if (arg.value.startsWith("-o") && !arg.value.startsWith("--")) values.push(arg.value.slice(2));
  });
  return values;
}

/** Where each manager keeps its package index and downloads: what stays in the layer unless removed. */
export const cacheDirs: Partial<Record<PackageManager, string[]>> = {
  "apt-get": ["/var/lib/apt/lists", "/var/cache/apt"],
  apt: ["/var/lib/apt/lists", "/var/cache/apt"],
  apk: ["/var/cache/apk", "/etc/apk/cache"],
  yum: ["/var/cache/yum", "/var/cache/dnf"],
  dnf: ["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
  microdnf: ["/var/cache/dnf", "/var/cache/yum"],
  zypper: ["/var/cache/zypp"],
};

/** True if the RUN mounts a cache or tmpfs over one of `dirs` (or a parent): nothing written there stays. */
export function mountsOver(run: RunInstruction, dirs: readonly string[]): boolean {
  return run.mounts.some((mount) => {
    const { type, target, dst, destination } = mount.options;
    const at = target ?? dst ?? destination;
    return (type === "cache" || type === "tmpfs") && at !== undefined && dirs.some((d) => within(d, at));
  });
}

/** The manager's own cache cleanup: `apt-get clean`, `yum clean all`, `zypper clean`... */
export function isCacheClean(pc: PackageCommand): boolean {
  const target = pc.packages[0]?.value;
  switch (pc.manager) {
    case "apt-get":
    case "apt":
      return pc.action === "clean" || pc.action === "distclean" || pc.action === "autoclean";
    case "yum":
    case "dnf":
    case "microdnf":
      return pc.action === "clean" && target === "all";
    case "zypper":
      return pc.action === "clean" || pc.action === "cc";
    default:
      return false;
  }
}

/** What the manager's own cleanup deletes: `apt-get clean` empties /var/cache/apt, only `distclean` the lists too. */
export function cleanedDirs(pc: PackageCommand): string[] {
  const dirs = cacheDirs[pc.manager] ?? [];
  const keepsLists = aptManagers.includes(pc.manager) && pc.action !== "distclean";
  return keepsLists ? dirs.filter((dir) => dir !== "/var/lib/apt/lists") : dirs;
}

/**
 * The paths a command deletes: the operands of `rm`, and the start paths of `find ... -delete` or
 * `find ... -exec rm`, also behind `sudo` or `env`.
 */
export function removedPaths(written: ShellCommand): ShellWord[] {
  const command = unwrapped(written);
  const name = commandName(command);
  if (name === "rm") return command.args.filter((a) => !a.value.startsWith("-"));
  if (name !== "find") return [];
  const deletes = command.args.some(
    (a, i) => a.value === "-delete" || (a.value.startsWith("-exec") && command.args[i + 1]?.value === "rm"),
  );
  if (!deletes) return [];
  const firstTest = command.args.findIndex((a) => /^[-(!]/.test(a.value));
  return command.args.slice(0, firstTest === -1 ? undefined : firstTest);
}

/** A path without the trailing `/`, `/.` or `/*` that still name the same directory (or its contents). */
export function normalPath(path: string): string {
  const trimmed = path.replace(/(\/\*|\/\.|\/)+$/, "");
  return trimmed === "" && path.startsWith("/") ? "/" : trimmed;
}

/** True if `path` is `dir` or inside it (both absolute). */
export function within(path: string, dir: string): boolean {
  const p = normalPath(path);
  const d = normalPath(dir);
  return p === d || d === "/" || p.startsWith(`${d}/`);
}

/**
 * An edit inserting ` text` right after `word`, when the word is written plainly in the file (not an exec-form
 * JSON string or a quoted word, where the insertion would land inside the quotes).
 */
export function insertAfter(file: SourceFile, word: ShellWord, text: string): Edit | undefined {
  if (file.slice(word.span) !== word.value) return undefined;
  return { span: { start: word.span.end, end: word.span.end }, text: ` ${text}` };
}
