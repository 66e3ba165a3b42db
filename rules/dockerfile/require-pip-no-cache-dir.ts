import { environmentValue } from "../../src/knowledge/environment.js";
import {
  commandSpan,
  insertAfter,
  mountsOver,
  removedPaths,
  within,
} from "../../src/knowledge/os-packages.js";
import { isInstall, type PackageCommand, packageCommand } from "../../src/knowledge/packages.js";
import { finalStage, lineage, type RunInstruction, runCommands } from "../../src/model/dockerfile.js";
import { commandName, flagValue, hasFlag, positionalArgs, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

/** How one installer spells "keep no cache", and where its cache lives. */
interface Installer {
  /** The flag the autofix adds. */
  flag: string;
  /** Flags that turn the cache off (pip also takes the unambiguous prefix `--no-cache`). */
  accepted: string[];
  /** The variable that turns the cache off, whatever its value. */
  env: string;
  /** The variable and flag that move the cache. */
  dirEnv: string;
  dirFlag: string;
  /** The cache in root's home, where it is unless moved. */
  rootCache: string;
  /** The cache, or the `.cache` above it, in any home (`~/.cache/pip`, `$HOME/.cache`, `/home/app/.cache/pip/*`). */
  homeCache: RegExp;
  /** The installer's own cache removal (`pip cache purge`, `uv cache clean`). */
  purges(command: ShellCommand): boolean;
  /** A configuration command that turns the cache off for later runs (`pip config set global.no-cache-dir 1`). */
  configuresOff(command: ShellCommand): boolean;
}

const pip: Installer = {
  flag: "--no-cache-dir",
  accepted: ["--no-cache-dir", "--no-cache"],
  env: "PIP_NO_CACHE_DIR",
  dirEnv: "PIP_CACHE_DIR",
  dirFlag: "--cache-dir",
  rootCache: "/root/.cache/pip",
  homeCache: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.cache(\/pip)?(\/\*|\/)?$/,
  purges: (command) => {
    const pc = packageCommand(command);
    return pc?.manager === "pip" && pc.action === "cache" && pc.packages[0]?.value === "purge";
  },
  configuresOff: (command) => {
    const pc = packageCommand(command);
    if (pc?.manager !== "pip" || pc.action !== "config" || pc.packages[0]?.value !== "set") return false;
    const [key, value] = pc.packages.slice(1).map((w) => w.value);
    // As with PIP_NO_CACHE_DIR, pip turns the cache off for any value of no-cache-dir.
    return /^\w+\.no-cache-dir$/.test(key ?? "") || (/^\w+\.cache-dir$/.test(key ?? "") && value === "false");
  },
};

const uv: Installer = {
  flag: "--no-cache",
  // uv takes pip's `--no-cache-dir` as an alias.
  accepted: ["--no-cache", "--no-cache-dir", "-n"],
  env: "UV_NO_CACHE",
  dirEnv: "UV_CACHE_DIR",
  dirFlag: "--cache-dir",
  rootCache: "/root/.cache/uv",
  homeCache: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.cache(\/uv)?(\/\*|\/)?$/,
  purges: (command) => {
    const [first, second] = positionalArgs(command);
    return commandName(command) === "uv" && first?.value === "cache" && second?.value === "clean";
  },
  configuresOff: () => false,
};

export default defineRule({
  code: "DF010",
  name: "require-pip-no-cache-dir",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  fixable: true,
  aliases: ["hadolint:DL3042"],
  docs: {
    summary: "`pip install` in the final image must not keep pip's download cache.",
    why: "pip keeps every wheel it downloads under `~/.cache/pip`, and in a RUN that cache is committed to the layer next to the installed copy. For ML images this is the biggest avoidable waste there is: `torch` with its `nvidia-*` CUDA wheels is several GB, so the cache doubles the image, slows every pull and push and fills node disks. Only the stages that end up in the final image count, so a builder stage that is copied from is left alone. `PIP_NO_CACHE_DIR` (ENV, ARG or an assignment before the command), a cache or tmpfs mount over the cache directory, `pip config set global.no-cache-dir 1` (or `global.cache-dir false`) in an earlier RUN, or removing the cache later in the same RUN (`pip cache purge`, `rm -rf /root/.cache/pip`) are accepted; any value of `PIP_NO_CACHE_DIR` counts, `0` and `false` too, since pip turns its cache off for those as well (hadolint reports them). `uv pip install` is checked the same way in uv's own spelling (`--no-cache`, its alias `--no-cache-dir`, `-n`, `UV_NO_CACHE`, `~/.cache/uv`), since uv keeps a cache of the same size.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nRUN pip install torch==2.3.1\n" },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN python3 -m pip install --upgrade pip \\\n && pip3 install --user -r requirements.txt\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels torch==2.3.1 && pip install build==1.2.1\n\nFROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nCOPY --from=build /wheels /wheels\nRUN pip install /wheels/*.whl\nRUN --mount=type=cache,target=/root/.cache/pip pip install numpy==1.26.4\n",
      },
      { kind: "valid", files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1\n" },
    ],
    fix: "Add `--no-cache-dir` (uv: `--no-cache`), set `ENV PIP_NO_CACHE_DIR=1` once, or — faster for rebuilds — keep the cache outside the image with `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`. The autofix adds the flag after `install` (safe: only the cache changes).",
  },
  check({ model, file, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const { run, command } of lineage(stage).flatMap(runCommands)) {
      const install = packageCommand(command);
      const installer = install && isInstall(install) ? installerOf(install) : undefined;
      if (!install || !installer || keepsNoCache(run, install, installer)) continue;
      report({
        message: `${install.manager === "uv" ? "uv pip" : "pip"} install keeps its download cache in the image`,
        at: commandSpan(install),
        fix: addFlag(file, install, installer),
      });
    }
  },
});

function installerOf(install: PackageCommand): Installer | undefined {
  if (install.manager === "pip") return pip;
  return install.manager === "uv" ? uv : undefined;
}

function keepsNoCache(run: RunInstruction, install: PackageCommand, installer: Installer): boolean {
  const { command } = install;
  if (hasFlag(command, ...installer.accepted)) return true;
  if (environmentValue(run, command, installer.env) !== undefined) return true;
  if (configuredBefore(run, command, installer)) return true;
  const dirs = cacheDirs(run, command, installer);
  if (mountsOver(run, dirs)) return true;
  return run.commands.some(
    (later) =>
      later.span.start > command.span.start &&
      (installer.purges(later) ||
        removedPaths(later).some(
          (p) => installer.homeCache.test(p.value) || dirs.some((d) => within(d, p.value)),
        )),
  );
}

/** Whether a command before this one, in its RUN or an earlier RUN its stage builds on, turned the cache off. */
function configuredBefore(run: RunInstruction, command: ShellCommand, installer: Installer): boolean {
  if (!run.stage) return false;
  return lineage(run.stage)
    .flatMap(runCommands)
    .some(
      (earlier) =>
        (earlier.run.span.start < run.span.start ||
          (earlier.run === run && earlier.command.span.start < command.span.start)) &&
        installer.configuresOff(earlier.command),
    );
}

/** Where the cache is: the directory it was moved to, else `~/.cache/...` of root or of the user a mount names. */
function cacheDirs(run: RunInstruction, command: ShellCommand, installer: Installer): string[] {
  const moved =
    flagValue(command, installer.dirFlag)?.value ?? environmentValue(run, command, installer.dirEnv);
  if (moved) return [moved];
  const homes = run.mounts
    .map((m) => m.options.target ?? m.options.dst ?? m.options.destination ?? "")
    .filter((target) => installer.homeCache.test(target));
  return [installer.rootCache, ...homes];
}

function addFlag(file: SourceFile, install: PackageCommand, installer: Installer): Fix | undefined {
  const edit = insertAfter(file, install.actionWord, installer.flag);
  return edit && { title: `Add ${installer.flag}`, safety: "safe", edits: [edit] };
}
