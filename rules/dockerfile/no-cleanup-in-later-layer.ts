import {
  cacheDirs,
  cleanedDirs,
  commandSpan,
  isCacheClean,
  mountsOver,
  normalPath,
  packageCommandsOf,
  removedPaths,
  within,
} from "../../src/knowledge/os-packages.js";
import {
  isInstall,
  isRemove,
  type PackageCommand,
  packageCommand,
  packageName,
} from "../../src/knowledge/packages.js";
import {
  type CopyInstruction,
  finalStage,
  lineage,
  type RunInstruction,
} from "../../src/model/dockerfile.js";
import { flagValue, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

/** Stands for the bytecode files a Python package install compiles, wherever they are. */
const bytecode = "*.pyc";
const bytecodePattern = /\.py[co]\b|__pycache__/;
const pythonManagers = new Set(["pip", "uv", "conda"]);

/** Something a layer added: a path (or the bytecode marker), and where. */
interface Added {
  path: string;
  at: Span;
  by: string;
  /** A path a RUN merely names: it counts only when it, or a directory holding it, is removed. */
  mention: boolean;
}

/** A command that deletes files, with the paths it deletes. */
interface Removal {
  at: Span;
  paths: string[];
}

export default defineRule({
  code: "DF107",
  name: "no-cleanup-in-later-layer",
  target: "dockerfile",
  category: "performance",
  tags: ["ml"],
  severity: "warning",
  docs: {
    summary: "Delete files and remove packages in the same RUN that added them, not in a later one.",
    why: "Each RUN, COPY and ADD is a layer, and a layer only records changes: deleting a file in a later RUN hides it but the bytes stay in the earlier layer, so the image is exactly as big (`docker history` shows it). `RUN apk del gcc musl-dev` after the RUN that added them, `rm -rf /wheels` after `COPY --from=build /wheels /wheels`, `rm model.tar.gz` after the COPY that brought the archive in, `rm -rf /var/lib/apt/lists/*` or `find / -name '*.pyc' -delete` after the RUN that created them: each looks like a cleanup and saves nothing — with multi-GB wheels and weights, that is what makes ML images slow to pull and to scale out. Only the final stage (and the stages it builds on) is checked.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev\nRUN pip install --no-cache-dir -r requirements.txt\nRUN apk del gcc musl-dev\n",
      },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nWORKDIR /app\nCOPY model.tar.gz .\nRUN tar -xzf model.tar.gz -C /models\nRUN rm model.tar.gz\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install --no-cache-dir -r requirements.txt \\\n && apk del .build-deps\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS build\nRUN pip wheel -w /wheels torch\nFROM python:3.12-slim\nRUN --mount=type=bind,from=build,source=/wheels,target=/wheels pip install --no-cache-dir /wheels/*.whl\n",
      },
    ],
    fix: "Do the cleanup in the RUN that created the files (`apk add --virtual .build-deps ... && ... && apk del .build-deps`), bring inputs in with `RUN --mount=type=bind` or `--mount=type=cache` instead of COPY, or build in an earlier stage and COPY only the result into the final one.",
  },
  check({ model, file, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const added: Added[] = [];
    const installed = new Map<string, Span>();
    let workdir: string | undefined;
    for (const instruction of lineage(stage)
      .reverse()
      .flatMap((s) => s.instructions)) {
      if (instruction.kind === "workdir" && instruction.path)
        workdir = resolve(workdir ?? "/", instruction.path.value);
      if (instruction.kind === "copy" || instruction.kind === "add")
        added.push(...copied(instruction, workdir));
      if (instruction.kind !== "run") continue;
      const layer = runLayer(instruction, workdir);
      for (const { pc, names, earlier } of packageRemovals(layer.packages, installed)) {
        report({
          message: `${pc.manager} ${pc.action} of ${names.join(", ")}, installed by an earlier RUN: the image does not shrink`,
          at: commandSpan(pc),
          related: earlier.map((span) => ({ file, span, message: "installed here" })),
        });
      }
      for (const removal of layer.removals) {
        const paths = removal.paths.filter((p) => !layer.added.some((a) => !a.mention && overlaps(a, p)));
        const matched = paths.find((p) => added.some((a) => overlaps(a, p)));
        if (matched === undefined) continue;
        const sources = uniqueAt(added.filter((a) => paths.some((p) => overlaps(a, p))));
        report({
          message: `Deletes ${matched}, added by an earlier ${sources[0]!.by}: the image does not shrink`,
          at: removal.at,
          related: sources.map((a) => ({ file, span: a.at, message: `added here by ${a.by}` })),
        });
      }
      for (const [name, span] of layer.installed) installed.set(name, span);
      added.push(
        ...layer.added.filter((a) => !layer.removals.some((r) => r.paths.some((p) => within(a.path, p)))),
      );
    }
  },
});

/** What one RUN adds and deletes. */
function runLayer(run: RunInstruction, workdir: string | undefined) {
  const packages = packageCommandsOf(run);
  const installed = new Map<string, Span>();
  const added: Added[] = [];
  for (const pc of packages) {
    if (!isInstall(pc) && pc.action !== "update") continue;
    if (pythonManagers.has(pc.manager) && isInstall(pc))
      added.push({ path: bytecode, at: commandSpan(pc), by: "RUN", mention: false });
    for (const dir of cacheDirs[pc.manager] ?? [])
      if (!mountsOver(run, [dir])) added.push({ path: dir, at: commandSpan(pc), by: "RUN", mention: false });
    if (!isInstall(pc) || !cacheDirs[pc.manager]) continue;
    const virtual = flagValue(pc.command, "--virtual", "-t");
    for (const word of virtual && pc.manager === "apk" ? [virtual, ...pc.packages] : pc.packages)
      installed.set(packageName(word), commandSpan(pc));
  }
  const removals = run.commands.flatMap((c) => removalOf(c, workdir));
  for (const command of run.commands) {
    if (removedPaths(command).length > 0) continue;
    for (const word of [...command.args, ...command.redirects.flatMap((r) => r.target ?? [])]) {
      if (word.dynamic || !word.value.startsWith("/") || word.value === "/") continue;
      added.push({ path: normalPath(word.value), at: word.span, by: "RUN", mention: true });
    }
  }
  return { packages, installed, added, removals };
}

/** What a command deletes: files (`rm`, `find -delete`), bytecode, or a package manager's cache (`apt-get clean`). */
function removalOf(command: ShellCommand, workdir: string | undefined): Removal[] {
  const words = removedPaths(command);
  if (words.length > 0) {
    const paths = words.filter((w) => !/[$`]/.test(w.value)).flatMap((w) => resolve(workdir, w.value) ?? []);
    if (command.args.some((a) => bytecodePattern.test(a.value))) paths.push(bytecode);
    return [{ at: { start: command.name!.span.start, end: command.span.end }, paths }];
  }
  const pc = packageCommand(command);
  return pc && isCacheClean(pc) ? [{ at: commandSpan(pc), paths: cleanedDirs(pc) }] : [];
}

/** Package removals naming packages an earlier RUN (not this one) installed, with where they were installed. */
function packageRemovals(packages: PackageCommand[], installed: Map<string, Span>) {
  const ownInstalls = new Set(packages.filter(isInstall).flatMap((pc) => pc.packages.map(packageName)));
  return packages.flatMap((pc) => {
    if (!isRemove(pc)) return [];
    const names = pc.packages.map(packageName).filter((n) => installed.has(n) && !ownInstalls.has(n));
    const earlier = uniqueAt(names.map((n) => ({ at: installed.get(n)! }))).map((e) => e.at);
    return names.length > 0 ? [{ pc, names, earlier }] : [];
  });
}

/** The paths a COPY or ADD creates: the destination, or the files it puts into a destination directory. */
function copied(copy: CopyInstruction, workdir: string | undefined): Added[] {
  const written = copy.destination?.value ?? "";
  const destination = resolve(workdir, written);
  if (!written || !destination || destination === "/") return [];
  const intoDirectory = written.endsWith("/") || written === "." || copy.sources.length > 1;
  const paths = copy.sources.map((s) =>
    intoDirectory && !/[*?[]|\/\.?$|^\.$/.test(s.value) ? `${destination}/${basename(s.value)}` : destination,
  );
  return [...new Set(paths)].map((path) => ({ path, at: copy.span, by: copy.keyword, mention: false }));
}

/** One entry per span: one command installs many packages and fills several cache directories. */
function uniqueAt<T extends { at: Span }>(entries: T[]): T[] {
  return entries.filter((e, i) => entries.findIndex((other) => other.at.start === e.at.start) === i);
}

function overlaps(added: Added, path: string): boolean {
  if (added.path === bytecode || path === bytecode) return added.path === path;
  return within(added.path, path) || (!added.mention && within(path, added.path));
}

/** `path` made absolute against the working directory; undefined when relative and the directory is unknown. */
function resolve(workdir: string | undefined, path: string): string | undefined {
  if (path.startsWith("/")) return normalPath(path);
  if (!workdir) return undefined;
  const joined = normalPath(`${workdir}/${path}`.replace(/\/\.(?=\/|$)/g, ""));
  return joined === "" ? "/" : joined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
