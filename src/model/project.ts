/**
 * The project: every parsed file, and the links between them that only show when they are read together — which
 * build context and which `.dockerignore` each Dockerfile is built with, and what that context really holds.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { type DockerIgnore, parseDockerignore } from "../parse/dockerignore.js";
import { SourceFile } from "../source.js";
import type { ComposeFile } from "./compose.js";
import type { Dockerfile } from "./dockerfile.js";

export interface BuildContext {
  dockerfile: Dockerfile;
  /** The absolute directory sent to the builder. */
  dir: string;
  /** The ignore file that applies: `<Dockerfile name>.dockerignore` beside the Dockerfile, else `<dir>/.dockerignore`. */
  dockerignore?: DockerIgnore;
}

export interface ContextEntry {
  /** Relative to the context directory, `/`-separated. */
  path: string;
  isDirectory: boolean;
  /** Bytes: the file's size, or everything below a directory that was measured as a whole. */
  size: number;
}

export interface Project {
  cwd: string;
  /** Every file linted in this run. */
  files: SourceFile[];
  dockerfiles: Dockerfile[];
  composeFiles: ComposeFile[];
  contexts: BuildContext[];
  /** What a context holds, walked once on first use and bounded (see `listContext`). */
  contextEntries(context: BuildContext): ContextEntry[];
}

export interface ProjectInputs {
  cwd: string;
  files: SourceFile[];
  dockerfiles: Dockerfile[];
  composeFiles: ComposeFile[];
  dockerignores: DockerIgnore[];
}

export function buildProject({
  cwd,
  files,
  dockerfiles,
  composeFiles,
  dockerignores,
}: ProjectInputs): Project {
  const known = new Map(dockerignores.map((d) => [d.file.absolutePath, d]));
  const contexts = dockerfiles.map((dockerfile) => {
    const dir = dirname(dockerfile.file.absolutePath);
    return { dockerfile, dir, dockerignore: findDockerignore(dockerfile, dir, known) };
  });
  const listings = new Map<string, ContextEntry[]>();
  return {
    cwd,
    files,
    dockerfiles,
    composeFiles,
    contexts,
    contextEntries(context) {
      const cached = listings.get(context.dir);
      if (cached) return cached;
      const listing = listContext(context.dir);
      listings.set(context.dir, listing);
      return listing;
    },
  };
}

/** BuildKit prefers `<Dockerfile name>.dockerignore` next to the Dockerfile over the context's `.dockerignore`. */
function findDockerignore(
  dockerfile: Dockerfile,
  dir: string,
  known: Map<string, DockerIgnore>,
): DockerIgnore | undefined {
  const candidates = [
    join(dirname(dockerfile.file.absolutePath), `${basename(dockerfile.file.path)}.dockerignore`),
    join(dir, ".dockerignore"),
  ];
  for (const path of candidates) {
    const parsed = known.get(path) ?? readDockerignore(path);
    if (parsed) return parsed;
  }
  return undefined;
}

function readDockerignore(path: string): DockerIgnore | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return parseDockerignore(new SourceFile(path, readFileSync(path, "utf8"), "dockerignore", path));
  } catch {
    return undefined;
  }
}

// Bounds on hostile or huge trees: the walk stops listing here and measures big directories as one entry.
const MAX_ENTRIES = 20_000;
const MEASURED_AS_WHOLE = new Set([
  ".git",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
]);

/** Lists a context directory without following symlinks; some well-known heavy directories are one entry each. */
export function listContext(dir: string): ContextEntry[] {
  const entries: ContextEntry[] = [];
  const pending = [dir];
  while (pending.length > 0 && entries.length < MAX_ENTRIES) {
    const current = pending.pop()!;
    for (const name of safeReaddir(current)) {
      const path = join(current, name);
      const stat = safeLstat(path);
      if (!stat || stat.isSymbolicLink()) continue;
      const rel = relative(dir, path).replaceAll("\\", "/");
      if (stat.isDirectory()) {
        if (MEASURED_AS_WHOLE.has(name))
          entries.push({ path: rel, isDirectory: true, size: directorySize(path) });
        else {
          entries.push({ path: rel, isDirectory: true, size: 0 });
          pending.push(path);
        }
      } else if (stat.isFile()) {
        entries.push({ path: rel, isDirectory: false, size: stat.size });
      }
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function directorySize(dir: string): number {
  let total = 0;
  let seen = 0;
  const pending = [dir];
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const current = pending.pop()!;
    for (const name of safeReaddir(current)) {
      seen++;
      const stat = safeLstat(join(current, name));
      if (stat?.isDirectory()) pending.push(join(current, name));
      else if (stat?.isFile()) total += stat.size;
    }
  }
  return total;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function safeLstat(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
