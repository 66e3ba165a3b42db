/**
 * What a shell command does with packages: which manager, which action, which package words. Shared by every
 * rule about apt, apk, yum/dnf, zypper, pip, npm and friends, so they agree on how a command line reads.
 */
import { commandName, positionalArgs, type ShellCommand, type ShellWord } from "../parse/shell.js";

export type PackageManager =
  | "apt-get"
  | "apt"
  | "apk"
  | "yum"
  | "dnf"
  | "microdnf"
  | "zypper"
  | "pip"
  | "uv"
  | "conda"
  | "npm"
  | "yarn"
  | "gem"
  | "go";

export interface PackageCommand {
  manager: PackageManager;
  /** The subcommand: `install`, `add`, `update`, `upgrade`, `remove`, `del`, `clean`... */
  action: string;
  actionWord: ShellWord;
  /** Package arguments after the action (flags and flag values removed). */
  packages: ShellWord[];
  command: ShellCommand;
}

// Flags that take a separate value, so the value is not mistaken for the action or a package.
const flagsWithValue: Partial<Record<PackageManager, string[]>> = {
  "apt-get": ["-o", "-t", "--target-release", "-c", "--config-file"],
  apt: ["-o", "-t", "--target-release", "-c"],
  apk: ["-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch"],
  yum: ["--setopt", "--enablerepo", "--disablerepo", "-c", "--installroot", "--releasever"],
  dnf: ["--setopt", "--enablerepo", "--disablerepo", "-c", "--installroot", "--releasever"],
  microdnf: ["--setopt", "--enablerepo", "--disablerepo"],
  zypper: ["-r", "--repo", "--root"],
  pip: [
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--trusted-host",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--cache-dir",
    "--src",
    "-e",
    "--editable",
    "--progress-bar",
    "--timeout",
    "--retries",
  ],
  npm: ["--registry", "--prefix", "-w", "--workspace"],
  gem: ["-v", "--version", "-i", "--install-dir", "-s", "--source"],
  conda: ["-c", "--channel", "-n", "--name", "-p", "--prefix"],
};

const pipNames = /^pip[\d.]*$/;
const pythonNames = /^python[\d.]*$/;

/** Reads a package-manager command; undefined for any other command. */
export function packageCommand(command: ShellCommand): PackageCommand | undefined {
  const name = commandName(command);
  if (!name) return undefined;
  if (pythonNames.test(name)) return pythonModuleCommand(command);
  if (name === "uv" || name === "conda" || name === "mamba" || name === "micromamba")
    return uvOrConda(command, name);
  const manager = managerOf(name);
  if (!manager) return undefined;
  const [actionWord, ...packages] = positionalArgs(command, flagsWithValue[manager]);
  if (!actionWord) return undefined;
  return { manager, action: actionWord.value, actionWord, packages, command };
}

function managerOf(name: string): PackageManager | undefined {
  if (pipNames.test(name)) return "pip";
  const known: PackageManager[] = [
    "apt-get",
    "apt",
    "apk",
    "yum",
    "dnf",
    "microdnf",
    "zypper",
    "npm",
    "yarn",
    "gem",
    "go",
  ];
  return known.find((m) => m === name);
}

/** `python -m pip install x` reads as `pip install x`. */
function pythonModuleCommand(command: ShellCommand): PackageCommand | undefined {
  const module = command.args.findIndex((a) => a.value === "-m");
  if (module === -1 || !pipNames.test(command.args[module + 1]?.value ?? "")) return undefined;
  const rest = { ...command, args: command.args.slice(module + 2) };
  const [actionWord, ...packages] = positionalArgs(rest, flagsWithValue.pip);
  if (!actionWord) return undefined;
  return { manager: "pip", action: actionWord.value, actionWord, packages, command };
}

/** `uv pip install x` is pip; `conda install x` / `mamba install x` is conda. */
function uvOrConda(command: ShellCommand, name: string): PackageCommand | undefined {
  const args = positionalArgs(command, flagsWithValue.conda);
  if (name === "uv") {
    if (args[0]?.value !== "pip" || !args[1]) return undefined;
    const [, actionWord, ...rest] = positionalArgs(command, flagsWithValue.pip);
    return actionWord
      ? { manager: "uv", action: actionWord.value, actionWord, packages: rest, command }
      : undefined;
  }
  const [actionWord, ...packages] = args;
  return actionWord
    ? { manager: "conda", action: actionWord.value, actionWord, packages, command }
    : undefined;
}

const installActions: Record<PackageManager, string[]> = {
  "apt-get": ["install"],
  apt: ["install"],
  apk: ["add"],
  yum: ["install", "groupinstall", "localinstall"],
  dnf: ["install", "groupinstall"],
  microdnf: ["install"],
  zypper: ["install", "in"],
  pip: ["install"],
  uv: ["install"],
  conda: ["install", "create"],
  npm: ["install", "i", "add", "ci"],
  yarn: ["add", "install"],
  gem: ["install"],
  go: ["install", "get"],
};

/** True for the subcommand that installs packages (`apt-get install`, `apk add`, `zypper in`...). */
export function isInstall(command: PackageCommand): boolean {
  return installActions[command.manager].includes(command.action);
}

/** The names of the packages an install command asks for, without versions (`torch==2.3` gives `torch`). */
export function packageName(word: ShellWord): string {
  return word.value.split(/[=<>~!;[@ ]/, 1)[0]!.toLowerCase();
}
