/**
 * What a shell command does with packages: which manager, which action, which package words. Shared by every
 * rule about apt, apk, yum/dnf, zypper, pip, npm and friends, so they agree on how a command line reads.
 */
import {
  commandName,
  flagValue,
  positionalArgs,
  type ShellCommand,
  type ShellRedirect,
  type ShellWord,
} from "../parse/shell.js";

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
    "--only-binary",
    "--no-binary",
    "--upgrade-strategy",
    "-C",
    "--config-settings",
    "--cert",
    "--client-cert",
    "--proxy",
    "--log",
    "--exists-action",
    "--report",
    // uv's pip interface (`uv pip install`) reads its flags from this list too.
    "--allow-insecure-host",
    "--index-strategy",
    "--resolution",
    "--prerelease",
    "--python",
    "-p",
    "--python-platform",
    "--index",
    "--default-index",
    "--link-mode",
    "--exclude-newer",
  ],
  npm: [
    "--registry",
    "--prefix",
    "-w",
    "--workspace",
    "--omit",
    "--include",
    "--cache",
    "--tag",
    "--loglevel",
  ],
  gem: ["-v", "--version", "-i", "--install-dir", "-s", "--source"],
  conda: ["-c", "--channel", "-n", "--name", "-p", "--prefix"],
  go: [
    "-ldflags",
    "-gcflags",
    "-asmflags",
    "-tags",
    "-mod",
    "-modfile",
    "-overlay",
    "-pkgdir",
    "-toolexec",
    "-p",
  ],
};

const pipNames = /^pip[\d.]*$/;
const pythonNames = /^python[\d.]*$/;

/** Reads a package-manager command, also behind `sudo` or `env`; undefined for any other command. */
export function packageCommand(written: ShellCommand): PackageCommand | undefined {
  // Dozens of rules ask about the same commands; a command's reading never changes, so read it once.
  if (readings.has(written)) return readings.get(written);
  const reading = readPackageCommand(written);
  readings.set(written, reading);
  return reading;
}

const readings = new WeakMap<ShellCommand, PackageCommand | undefined>();

function readPackageCommand(written: ShellCommand): PackageCommand | undefined {
  const command = unwrapped(written);
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

// Wrappers that run the command after their own options; the value says which options take a separate value.
const wrapperOptions: Record<string, string[]> = {
  sudo: ["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T"],
  env: ["-u", "-C", "-S"],
};

/**
 * The command a wrapper runs, as if written alone: `sudo -u x apt-get install y` reads as `apt-get install y`.
 * The span stays the whole command's.
 */
export function unwrapped(command: ShellCommand): ShellCommand {
  let current = command;
  for (;;) {
    const wrapper = commandName(current) ?? "";
    // Own keys only: a command named `constructor` must not find Object.prototype's.
    const withValue = Object.hasOwn(wrapperOptions, wrapper) ? wrapperOptions[wrapper] : undefined;
    if (!withValue) return current;
    let at = 0;
    while (at < current.args.length) {
      const value = current.args[at]!.value;
      if (withValue.includes(value)) at += 2;
      else if (value.startsWith("-") || (commandName(current) === "env" && value.includes("="))) at++;
      else break;
    }
    const name = current.args[at];
    if (!name) return current;
    current = { ...current, name, args: current.args.slice(at + 1) };
  }
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
  gem: ["install", "i"],
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

const removeActions: Partial<Record<PackageManager, string[]>> = {
  "apt-get": ["remove", "purge"],
  apt: ["remove", "purge"],
  apk: ["del"],
  yum: ["remove", "erase"],
  dnf: ["remove", "erase"],
  microdnf: ["remove"],
  zypper: ["remove", "rm"],
};

/** True for the subcommand that uninstalls OS packages (`apt-get purge`, `apk del`, `yum remove`...). */
export function isRemove(command: PackageCommand): boolean {
  return removeActions[command.manager]?.includes(command.action) ?? false;
}

/** An OS package that an install asked for and no later removal took away. */
export interface InstalledPackage {
  name: string;
  word: ShellWord;
  install: PackageCommand;
}

const osManagers = new Set<PackageManager>(Object.keys(removeActions) as PackageManager[]);

/**
 * The OS packages (apt, apk, yum/dnf, zypper) still installed after `commands` run in order: a removal undoes
 * earlier installs of the same name, and `apk del <group>` undoes an `apk add --virtual <group>`.
 */
export function installedOsPackages(commands: readonly ShellCommand[]): InstalledPackage[] {
  const installed = new Map<string, InstalledPackage>();
  const groups = new Map<string, string[]>();
  for (const command of commands) {
    const pc = packageCommand(command);
    if (!pc || !osManagers.has(pc.manager)) continue;
    if (isInstall(pc)) {
      const members = pc.packages.map((word) => ({ name: packageName(word), word, install: pc }));
      for (const member of members) installed.set(member.name, member);
      // apk names the group so that one `apk del` can drop all of it.
      const group = pc.manager === "apk" ? flagValue(pc.command, "-t", "--virtual")?.value : undefined;
      if (group)
        groups.set(
          group,
          members.map((m) => m.name),
        );
    } else if (isRemove(pc)) {
      for (const name of pc.packages.map(packageName)) {
        for (const member of groups.get(name) ?? [name]) installed.delete(member);
      }
    }
  }
  return [...installed.values()];
}

// Compilers and the meta-packages that pull them in. Headers (`*-dev`) are left out: alone they compile
// nothing, and runtime images install some (`libpq-dev`) for the unversioned `.so` they carry.
const buildToolPackages = new Set([
  "build-essential",
  "build-base",
  "alpine-sdk",
  "gcc-c++",
  "gfortran",
  "cmake",
  "ninja-build",
  "musl-dev",
  "linux-headers",
]);
const versionedCompiler = /^(gcc|g\+\+|clang|cpp)(-\d+(\.\d+)*)?$/;
const cudaCompiler = /^cuda-(toolkit|nvcc|compiler)(-\d+(-\d+)*)?$/;

/** True for an OS package that is a build toolchain: compilers, build systems, kernel and libc headers. */
export function isBuildToolPackage(name: string): boolean {
  return buildToolPackages.has(name) || versionedCompiler.test(name) || cudaCompiler.test(name);
}

/**
 * The redirect the shell read out of an unquoted version specifier: in `pip install flash-attn>=2.0` the shell
 * sends the output to a file named `=2.0` and pip installs the latest flash-attn. Only `>` hides it; `pkg<2`
 * fails loudly on the missing input file.
 */
export function redirectedSpecifier(command: ShellCommand, word: ShellWord): ShellRedirect | undefined {
  return command.redirects.find(
    (r) => (r.op === ">" || r.op === "<") && r.span.start === word.span.end && r.target,
  );
}
