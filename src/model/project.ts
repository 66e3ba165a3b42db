/**
 * The project: every parsed file, and the links between them that only show when they are read together — which
 * Dockerfile each compose `build:` builds, in which build context and with which `.dockerignore`, what that context
 * really holds, which compose `args` override which ARG, and which image name a build produces.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isMap } from "yaml";
import { type DockerIgnore, parseDockerignore } from "../parse/dockerignore.js";
import { mapEntry, resolveAlias } from "../parse/yaml.js";
import { SourceFile } from "../source.js";
import type { Build, ComposeFile, ComposeService, KeyValueEntry } from "./compose.js";
import { type Dockerfile, finalStage, findStage, type KeyValue, type Stage } from "./dockerfile.js";
import { parseImageRef } from "./image.js";

export interface BuildContext {
  dockerfile: Dockerfile;
  /** The absolute directory sent to the builder. */
  dir: string;
  /** The ignore file that applies: `<Dockerfile name>.dockerignore` beside the Dockerfile, else `<dir>/.dockerignore`. */
  dockerignore?: DockerIgnore;
  /**
   * Where the context comes from: a compose `build:`, or — for a Dockerfile no compose file builds — the usual
   * `docker build -f <Dockerfile> <its directory>`.
   */
  origin: "compose" | "dockerfile-directory";
  /** The compose builds that send this context (none for the directory guess). */
  builds: ComposeBuild[];
}

/** A compose service's `build:`, resolved as `docker compose` resolves it. */
export interface ComposeBuild {
  compose: ComposeFile;
  service: ComposeService;
  build: Build;
  /** The context directory (relative to the compose file); undefined for a remote or unresolved context. */
  dir?: string;
  /** The Dockerfile (`build.dockerfile` relative to the context, default `Dockerfile`); undefined for `dockerfile_inline`. */
  dockerfilePath?: string;
  /** What does not exist on disk, so `docker compose build` fails. */
  missing?: "context" | "dockerfile";
  /** The link to the linted Dockerfile, when it was linted. */
  context?: BuildContext;
  /** The stage the service runs: the one `build.target` names, else the final stage. */
  stage?: Stage;
  /**
   * `build.args`, each with the ARG instructions whose defaults it overrides (none: the Dockerfile has no such ARG);
   * empty while the build is not linked to a linted Dockerfile.
   */
  args: BuildArg[];
}

export interface BuildArg {
  entry: KeyValueEntry;
  declarations: KeyValue[];
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
  /** The `.dockerignore` files linted in this run. */
  dockerignores: DockerIgnore[];
  /** Every context a Dockerfile is built with: each compose build of it, else its own directory. */
  contexts: BuildContext[];
  /** Every compose service with a `build:`, linked or not. */
  builds: ComposeBuild[];
  /** A service with both `build` and `image` tags what it builds: image repository (no registry, no tag) → builds. */
  images: Map<string, ComposeBuild[]>;
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
  const byPath = new Map(dockerfiles.map((d) => [d.file.absolutePath, d]));
  const builds = composeFiles.flatMap((compose) =>
    compose.services.flatMap((service) =>
      service.build ? [resolveBuild(compose, service, service.build)] : [],
    ),
  );
  const contexts = new Map<string, BuildContext>();
  const contextOf = (dockerfile: Dockerfile, dir: string, origin: BuildContext["origin"]) => {
    const key = `${dockerfile.file.absolutePath}\0${dir}`;
    const existing = contexts.get(key);
    if (existing) return existing;
    const dockerignore = findDockerignore(dockerfile, dir, known, cwd);
    const context: BuildContext = { dockerfile, dir, dockerignore, origin, builds: [] };
    contexts.set(key, context);
    return context;
  };
  for (const build of builds) {
    const dockerfile = build.dockerfilePath === undefined ? undefined : byPath.get(build.dockerfilePath);
    if (!dockerfile || build.dir === undefined) continue;
    build.context = contextOf(dockerfile, build.dir, "compose");
    build.context.builds.push(build);
    build.stage = builtStage(dockerfile, build.build);
    build.args = linkArgs(build.build.args, dockerfile);
  }
  const built = new Set(builds.map((b) => b.context?.dockerfile));
  for (const dockerfile of dockerfiles) {
    if (!built.has(dockerfile))
      contextOf(dockerfile, dirname(dockerfile.file.absolutePath), "dockerfile-directory");
  }
  const listings = new Map<string, ContextEntry[]>();
  return {
    cwd,
    files,
    dockerfiles,
    composeFiles,
    dockerignores,
    contexts: [...contexts.values()],
    builds,
    images: imagesOf(builds),
    contextEntries(context) {
      const cached = listings.get(context.dir);
      if (cached) return cached;
      const listing = listContext(context.dir);
      listings.set(context.dir, listing);
      return listing;
    },
  };
}

// Compose also accepts a Git URL as the context; it is not on disk, so nothing can be checked against it.
const remoteContext = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** Where a compose build's context and Dockerfile are, and whether they exist. */
function resolveBuild(compose: ComposeFile, service: ComposeService, build: Build): ComposeBuild {
  const resolved: ComposeBuild = { compose, service, build, args: [] };
  const context = build.context?.value ?? ".";
  if (remoteContext.test(context) || build.context?.unresolved.length) return resolved;
  resolved.dir = resolve(dirname(compose.file.absolutePath), context);
  if (!isDirectory(resolved.dir)) {
    resolved.missing = "context";
    return resolved;
  }
  if (hasInlineDockerfile(compose, service) || build.dockerfile?.unresolved.length) return resolved;
  resolved.dockerfilePath = resolve(resolved.dir, build.dockerfile?.value ?? "Dockerfile");
  if (!existsSync(resolved.dockerfilePath)) resolved.missing = "dockerfile";
  return resolved;
}

/** `build.dockerfile_inline`, which the compose model does not read: the Dockerfile is in the compose file. */
function hasInlineDockerfile(compose: ComposeFile, service: ComposeService): boolean {
  const document = compose.document;
  const entry = document && mapEntry(document, service.node, "build");
  const build = entry && resolveAlias(document, entry.pair.value);
  return isMap(build) && mapEntry(document!, build, "dockerfile_inline") !== undefined;
}

/** The stage `docker compose` builds: `target`, else the last one. */
function builtStage(dockerfile: Dockerfile, build: Build): Stage | undefined {
  return build.target ? findStage(dockerfile.stages, build.target.value) : finalStage(dockerfile);
}

/** Every ARG, global or in a stage, that declares each compose build arg. */
function linkArgs(entries: KeyValueEntry[], dockerfile: Dockerfile): BuildArg[] {
  const declared = declaredArgs(dockerfile);
  return entries.map((entry) => ({
    entry,
    declarations: declared.filter((p) => p.key.value === entry.name),
  }));
}

/** Every ARG declaration of a Dockerfile, global or in a stage. */
export function declaredArgs(dockerfile: Dockerfile): KeyValue[] {
  return dockerfile.instructions.flatMap((i) => (i.kind === "arg" ? i.pairs : []));
}

function imagesOf(builds: ComposeBuild[]): Map<string, ComposeBuild[]> {
  const images = new Map<string, ComposeBuild[]>();
  for (const build of builds) {
    const image = build.service.image;
    if (!image) continue;
    const { repository } = parseImageRef(image, new Map());
    images.set(repository, [...(images.get(repository) ?? []), build]);
  }
  return images;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** BuildKit prefers `<Dockerfile name>.dockerignore` next to the Dockerfile over the context's `.dockerignore`. */
function findDockerignore(
  dockerfile: Dockerfile,
  dir: string,
  known: Map<string, DockerIgnore>,
  cwd: string,
): DockerIgnore | undefined {
  const candidates = [
    join(dirname(dockerfile.file.absolutePath), `${basename(dockerfile.file.path)}.dockerignore`),
    join(dir, ".dockerignore"),
  ];
  for (const path of candidates) {
    const parsed = known.get(path) ?? readDockerignore(path, cwd);
    if (parsed) return parsed;
  }
  return undefined;
}

/** An ignore file that was not linted (e.g. excluded by config) still applies; it is shown relative to `cwd`. */
function readDockerignore(path: string, cwd: string): DockerIgnore | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const shown = relative(cwd, path).replaceAll("\\", "/");
    return parseDockerignore(new SourceFile(shown, readFileSync(path, "utf8"), "dockerignore", path));
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
