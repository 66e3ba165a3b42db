/**
 * Discovery: turns the paths given on the command line into the list of files to lint, each with its kind.
 *
 * - Directories are walked (never `.git` or `node_modules`), honouring `.gitignore` files at every level and
 *   `.git/info/exclude`, and the configuration's ignore callback.
 * - Walked files are recognised by name; YAML files are recognised by a cheap look at their first 64 KiB.
 *   Anything else is skipped quietly.
 * - A file named explicitly is linted whatever its name (ignores do not apply unless `forceExclude`); content
 *   decides when the name does not. Unrecognised YAML and Dockerfile-like names (`Dockerfile.md`) are still
 *   skipped quietly, because pre-commit hands every YAML and every "dockerfile"-tagged file to the hook.
 * - Nothing leaves the root it was named under: a symlink whose target lies outside it is refused.
 *   Directory symlinks are never followed during a walk (as git and ripgrep do): a target inside the root is
 *   walked under its own name anyway, so following would only add duplicates and cycles.
 * - Hostile input costs bounded work: huge, binary, unreadable and special files become problems.
 */
import fs from "node:fs";
import path from "node:path";
import ignore from "ignore";
import { type FileKind, SourceFile, shownPath } from "../source.js";

export interface DiscoverOptions {
  /** Directory that relative paths start from and that shown paths are relative to. */
  cwd: string;
  /** Honour `.gitignore` and `.git/info/exclude` while walking (default true; `--no-ignore` turns it off). */
  respectGitignore?: boolean;
  /**
   * The configuration's ignored paths. Receives a `/`-separated path relative to `cwd`; directories end with
   * `/` and are not entered when ignored.
   */
  isIgnored?: (relPathFromCwd: string) => boolean;
  /** Apply the ignores to explicitly named files and directories too (`--force-exclude`). */
  forceExclude?: boolean;
}

export interface DiscoveredFile {
  /** As shown to users: relative to cwd and `/`-separated when under cwd, otherwise absolute. */
  path: string;
  absolutePath: string;
  kind: FileKind;
  /** Named on the command line (rather than only found by walking a directory). */
  explicit: boolean;
}

/** A path that could not be looked at: missing, unreadable, too large, binary, a symlink leaving its root. */
export interface DiscoveryProblem {
  path: string;
  message: string;
}

export interface Discovery {
  /** Sorted by path, each file once. */
  files: DiscoveredFile[];
  /** Sorted by path, then message. */
  problems: DiscoveryProblem[];
}

/** Larger files are reported rather than read: no real Dockerfile or manifest comes near this. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A NUL byte this early means the file is not text. */
const BINARY_PROBE_BYTES = 8 * 1024;
/** How much of a file content sniffing looks at. */
const SNIFF_BYTES = 64 * 1024;

const NOT_LINTABLE = "not a Dockerfile, compose file, Kubernetes manifest or .dockerignore";
const BINARY = "binary file (contains NUL bytes)";
const NEVER_WALKED = new Set([".git", "node_modules"]);

/**
 * Final extensions that make a Dockerfile-looking name something else: docs, data, code (`dockerfile.ts`),
 * templates, backups, editor droppings, images.
 */
const NON_DOCKERFILE_EXTENSIONS = new Set(
  (
    "md markdown rst txt adoc html htm pdf json jsonc yaml yml toml ini cfg conf xml csv log lock license " +
    "py sh bash zsh fish ps1 bat cmd js mjs cjs jsx ts mts cts tsx map snap go rs rb java kt c h cc cpp hpp " +
    "cs php swift scala lua pl r jl nix tf hcl vim el " +
    "j2 jinja jinja2 tpl tmpl template mustache hbs erb gotmpl " +
    "bak orig rej swp swo tmp old patch diff svg png jpg jpeg gif ico"
  ).split(" "),
);

/**
 * The kind a file name alone implies: a FileKind, "yaml" when only its content can tell, or undefined when the
 * file is not for mllint.
 */
export function classifyByName(fileName: string): FileKind | "yaml" | undefined {
  const lower = fileName.toLowerCase();
  if (lower === ".dockerignore" || /.\.dockerignore$/.test(lower)) return "dockerignore";
  if (isDockerfileName(fileName)) return "dockerfile";
  // What `docker compose` finds by itself, plus the usual per-environment variants (docker-compose.prod.yml).
  if (/^(?:docker[-_])?compose(?:[._-].+)?\.ya?ml$/.test(lower)) return "compose";
  if (/\.ya?ml$/.test(lower)) return "yaml";
  return undefined;
}

function isDockerfileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  if (lower === "dockerfile" || lower === "containerfile") return true;
  const extension = lower.includes(".") ? lower.slice(lower.lastIndexOf(".") + 1) : "";
  if (NON_DOCKERFILE_EXTENSIONS.has(extension)) return false;
  return (
    /^(?:dockerfile|containerfile)[._-]./.test(lower) ||
    /.\.(?:dockerfile|containerfile)$/.test(lower) ||
    // Case-sensitive: `Qwen_Dockerfile` is a Dockerfile, `generate-dockerfile` is usually a script.
    /.[-_](?:Dockerfile|Containerfile)$/.test(fileName)
  );
}

/**
 * `Dockerfile.cpp` may be the C++ build's Dockerfile or a source file: the extension alone cannot say, so the walk
 * looks at its content (quietly skipping it unless it reads as a Dockerfile).
 */
function isDockerfileVariantName(fileName: string): boolean {
  return /^(?:dockerfile|containerfile)\.[a-z0-9]+$/i.test(fileName);
}

/** Names pre-commit tags as "dockerfile" even when they are not one (`Dockerfile.md`, `api.Dockerfile.j2`). */
function isDockerfileLikeName(fileName: string): boolean {
  return fileName.split(/[._-]/).some((part) => /^(?:dockerfile|containerfile)$/i.test(part));
}

/**
 * What a YAML text is, judged from its first 64 KiB with line checks on top-level keys (no parse, so cost
 * stays bounded): a document with top-level `apiVersion` and `kind` is a Kubernetes manifest, a top-level
 * `services:` mapping is a compose file. Templates (Helm, Jinja) are neither: they are not YAML until rendered.
 */
export function classifyYaml(text: string): FileKind | undefined {
  const head = text.slice(0, SNIFF_BYTES).replace(/^\uFEFF/, "");
  if (looksTemplated(head)) return undefined;
  const lines = head.split(/\r?\n/);
  if (hasKubernetesDocument(lines)) return "k8s";
  if (hasServicesMapping(lines)) return "compose";
  return undefined;
}

/**
 * Template directives on their own line (`{{- if … }}`, `{% for %}`) or Helm's objects inside `{{ }}`. A bare
 * `{{` is not enough: compose healthchecks (`{{.State.Health}}`) and alert rules in ConfigMaps carry them.
 */
function looksTemplated(text: string): boolean {
  return (
    /^[ \t]*(?:-[ \t]+)?\{[{%]/m.test(text) ||
    /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|include\s|template\s|toYaml\s|tpl\s)/.test(
      text,
    )
  );
}

function hasKubernetesDocument(lines: readonly string[]): boolean {
  let apiVersion = false;
  let kind = false;
  for (const line of lines) {
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(line)) {
      apiVersion = false;
      kind = false;
    } else if (/^["']?apiVersion["']?[ \t]*:[ \t]*[^\s#]/.test(line)) {
      apiVersion = true;
    } else if (/^["']?kind["']?[ \t]*:[ \t]*[^\s#]/.test(line)) {
      kind = true;
    }
    if (apiVersion && kind) return true;
  }
  return false;
}

/** `services:` at the top level holding a mapping (GitLab CI's `services:` holds a list). */
function hasServicesMapping(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^["']?services["']?[ \t]*:[ \t]*\{/.test(line)) return true;
    if (!/^["']?services["']?[ \t]*:[ \t]*(?:#.*)?$/.test(line)) continue;
    const next = lines.slice(i + 1).find((candidate) => !/^\s*(?:#.*)?$/.test(candidate));
    return next !== undefined && /^[ \t]+[^\s-]/.test(next);
  }
  return false;
}

/** Whether the first instruction, after comments, parser directives and ARGs, is FROM. */
function startsWithFrom(text: string): boolean {
  let continued = false;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = raw.trim();
    const wasContinued = continued;
    continued = line.endsWith("\\");
    if (wasContinued || line === "" || line.startsWith("#") || /^ARG\s/i.test(line)) continue;
    return /^FROM\s+\S/i.test(line);
  }
  return false;
}

/**
 * Finds and classifies the files to lint under `paths` (default `.`). Paths may be relative to `cwd` or absolute.
 * The verdict on each file depends only on that file and its directories, so splitting the paths over several
 * calls gives the same files.
 */
export function discover(paths: readonly string[], options: DiscoverOptions): Discovery {
  const run = new DiscoveryRun(options);
  for (const given of paths.length > 0 ? paths : ["."]) run.addPath(given);
  return run.result();
}

/** Reads a discovered file as UTF-8, re-checking the limits (the file may have changed since discovery). */
export function readSource(file: DiscoveredFile): SourceFile | DiscoveryProblem {
  let read: Prefix;
  try {
    read = readPrefix(file.absolutePath, MAX_FILE_BYTES + 1);
  } catch (error) {
    return { path: file.path, message: describeError(error) };
  }
  if (read.bytes.length > MAX_FILE_BYTES) return { path: file.path, message: tooLarge(read.size) };
  if (isBinary(read.bytes)) return { path: file.path, message: BINARY };
  return new SourceFile(file.path, read.bytes.toString("utf8"), file.kind, file.absolutePath);
}

/** Rules from one ignore file, matched against paths relative to `dir`. */
interface IgnoreLayer {
  dir: string;
  rules: ReturnType<typeof ignore>;
}

/** Which ignore rules apply inside a directory, and whether the directory (or one above it) is ignored. */
interface IgnoreChain {
  layers: IgnoreLayer[];
  ignored: boolean;
}

interface WalkItem {
  dir: string;
  layers: IgnoreLayer[];
}

class DiscoveryRun {
  private readonly cwd: string;
  private readonly files = new Map<string, DiscoveredFile>();
  private readonly problems = new Map<string, DiscoveryProblem>();
  private readonly ignoreFiles = new Map<string, IgnoreLayer | undefined>();
  private cwdRealPath: string | undefined;

  constructor(private readonly options: DiscoverOptions) {
    this.cwd = path.resolve(options.cwd);
  }

  addPath(given: string): void {
    const absolutePath = path.resolve(this.cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolutePath);
    } catch (error) {
      this.problem(absolutePath, describeError(error));
      return;
    }
    if (!stat.isFile() && !stat.isDirectory()) {
      this.problem(absolutePath, "not a regular file or directory");
      return;
    }
    // A path under cwd may go anywhere in cwd; any other path stays in the directory it names.
    const root = isWithin(absolutePath, this.cwd)
      ? this.cwd
      : stat.isDirectory()
        ? absolutePath
        : path.dirname(absolutePath);
    const rootRealPath = root === this.cwd ? this.cwdReal() : realPathOr(root);
    if (!isWithin(realPathOr(absolutePath), rootRealPath)) {
      const rootName = root === this.cwd ? "the working directory" : this.shown(root);
      this.problem(absolutePath, `symlink leads outside ${rootName}; not followed`);
      return;
    }
    if (stat.isDirectory()) this.walk(absolutePath);
    else if (!(this.options.forceExclude && this.isExcludedExplicitFile(absolutePath))) {
      this.considerFile(absolutePath, classifyByName(path.basename(absolutePath)), true);
    }
  }

  result(): Discovery {
    const byPath = (a: { path: string }, b: { path: string }) => compareStrings(a.path, b.path);
    return {
      files: [...this.files.values()].sort(byPath),
      problems: [...this.problems.values()].sort(
        (a, b) => byPath(a, b) || compareStrings(a.message, b.message),
      ),
    };
  }

  /** Iterative, so deep trees cannot overflow the stack; no symlinked directory is entered, so no cycles. */
  private walk(root: string): void {
    let { layers, ignored } = this.ignoreChain(root);
    if (ignored || this.configIgnores(root, true)) {
      if (this.options.forceExclude) return;
      // Named explicitly, so walked anyway; only the ignore files inside it still apply.
      layers = this.withIgnoreFile([], root);
    }
    const rootRealPath = realPathOr(root);
    const pending: WalkItem[] = [{ dir: root, layers }];
    for (let item = pending.pop(); item; item = pending.pop()) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(item.dir, { withFileTypes: true });
      } catch (error) {
        this.problem(item.dir, `cannot read directory: ${describeError(error)}`);
        continue;
      }
      for (const entry of entries) {
        const entryPath = path.join(item.dir, entry.name);
        const type = entryType(entry, entryPath);
        if (type === "directory") {
          if (NEVER_WALKED.has(entry.name) || this.isWalkExcluded(item.layers, entryPath, true)) continue;
          pending.push({ dir: entryPath, layers: this.withIgnoreFile(item.layers, entryPath) });
          continue;
        }
        const nameKind = classifyByName(entry.name);
        const sniffed = nameKind === undefined && isDockerfileVariantName(entry.name);
        if ((nameKind === undefined && !sniffed) || this.isWalkExcluded(item.layers, entryPath, false))
          continue;
        if (type === "file") this.considerFile(entryPath, nameKind, false);
        else if (type === "symlink" && nameKind) this.considerSymlink(entryPath, nameKind, rootRealPath);
      }
    }
  }

  /** A symlinked file is linted under its own name when its target is a file inside the walked root. */
  private considerSymlink(linkPath: string, nameKind: FileKind | "yaml", rootRealPath: string): void {
    const complain = nameKind !== "yaml";
    let target: string;
    try {
      target = fs.realpathSync(linkPath);
    } catch (error) {
      if (complain) this.problem(linkPath, describeError(error));
      return;
    }
    if (!isWithin(target, rootRealPath)) {
      if (complain) this.problem(linkPath, "symlink leads outside the linted directory; not followed");
      return;
    }
    if (isRegularFile(target)) this.considerFile(linkPath, nameKind, false);
  }

  private considerFile(filePath: string, nameKind: FileKind | "yaml" | undefined, explicit: boolean): void {
    let probe: Prefix;
    try {
      probe = readPrefix(filePath, SNIFF_BYTES);
    } catch (error) {
      this.problem(filePath, describeError(error));
      return;
    }
    const namedKind = nameKind === "yaml" ? undefined : nameKind;
    // Files the name did not vouch for are skipped quietly when their content disappoints, except files the
    // user named that no hook could have passed by mistake.
    const quietIfUnknown = !explicit || nameKind === "yaml" || isDockerfileLikeName(path.basename(filePath));
    if (isBinary(probe.bytes)) {
      if (namedKind || !quietIfUnknown) this.problem(filePath, BINARY);
      return;
    }
    const kind = namedKind ?? sniff(probe.bytes.toString("utf8"), nameKind === "yaml");
    if (!kind) {
      if (!quietIfUnknown) this.problem(filePath, NOT_LINTABLE);
      return;
    }
    if (probe.size > MAX_FILE_BYTES) {
      this.problem(filePath, tooLarge(probe.size));
      return;
    }
    const known = this.files.get(filePath);
    this.files.set(filePath, {
      path: this.shown(filePath),
      absolutePath: filePath,
      kind,
      explicit: explicit || (known?.explicit ?? false),
    });
  }

  private isExcludedExplicitFile(filePath: string): boolean {
    const chain = this.ignoreChain(path.dirname(filePath));
    return chain.ignored || isIgnoredBy(chain.layers, filePath, false) || this.configIgnores(filePath, false);
  }

  private isWalkExcluded(layers: readonly IgnoreLayer[], entryPath: string, isDirectory: boolean): boolean {
    return isIgnoredBy(layers, entryPath, isDirectory) || this.configIgnores(entryPath, isDirectory);
  }

  private configIgnores(absolutePath: string, isDirectory: boolean): boolean {
    const relative = toPosix(path.relative(this.cwd, absolutePath));
    if (!this.options.isIgnored || relative === "") return false;
    return this.options.isIgnored(isDirectory ? `${relative}/` : relative);
  }

  /**
   * The ignore layers from the top of the repository (or cwd, or `dir` itself outside both) down to `dir`, as
   * git applies them: `.git/info/exclude` first, then each `.gitignore`, deeper ones overriding.
   */
  private ignoreChain(dir: string): IgnoreChain {
    if (this.options.respectGitignore === false) return { layers: [], ignored: false };
    const repository = findRepositoryRoot(dir);
    const top = repository ?? (isWithin(dir, this.cwd) ? this.cwd : dir);
    const exclude = repository ? this.ignoreFile(top, path.join(top, ".git", "info", "exclude")) : undefined;
    let layers = this.withIgnoreFile(exclude ? [exclude] : [], top);
    let ignored = false;
    let current = top;
    for (const part of splitPath(path.relative(top, dir))) {
      current = path.join(current, part);
      ignored ||= isIgnoredBy(layers, current, true);
      layers = this.withIgnoreFile(layers, current);
    }
    return { layers, ignored };
  }

  private withIgnoreFile(layers: IgnoreLayer[], dir: string): IgnoreLayer[] {
    if (this.options.respectGitignore === false) return layers;
    const own = this.ignoreFile(dir, path.join(dir, ".gitignore"));
    return own ? [...layers, own] : layers;
  }

  /** An unreadable ignore file is treated as absent, as git does. */
  private ignoreFile(dir: string, file: string): IgnoreLayer | undefined {
    if (!this.ignoreFiles.has(file)) {
      let layer: IgnoreLayer | undefined;
      try {
        const text = readPrefix(file, MAX_FILE_BYTES).bytes.toString("utf8");
        layer = { dir, rules: ignore({ ignorecase: false }).add(text) };
      } catch {
        layer = undefined;
      }
      this.ignoreFiles.set(file, layer);
    }
    return this.ignoreFiles.get(file);
  }

  private cwdReal(): string {
    this.cwdRealPath ??= realPathOr(this.cwd);
    return this.cwdRealPath;
  }

  private shown(absolutePath: string): string {
    return shownPath(absolutePath, this.cwd);
  }

  private problem(absolutePath: string, message: string): void {
    const shown = this.shown(absolutePath);
    this.problems.set(`${shown}\0${message}`, { path: shown, message });
  }
}

/** Content sniffing for a file whose name did not decide: YAML first, then a Dockerfile's leading FROM. */
function sniff(text: string, yamlOnly: boolean): FileKind | undefined {
  return classifyYaml(text) ?? (!yamlOnly && startsWithFrom(text) ? "dockerfile" : undefined);
}

/** Git's rule: the last layer with an opinion on the path wins, so a deeper `!pattern` can re-include. */
function isIgnoredBy(layers: readonly IgnoreLayer[], entryPath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const relative = toPosix(path.relative(layer.dir, entryPath));
    if (relative === "" || !isWithin(entryPath, layer.dir)) continue;
    const verdict = layer.rules.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** The nearest directory at or above `dir` that holds `.git`. */
export function findRepositoryRoot(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** Dirent types can be unknown on some file systems; lstat answers then. */
function entryType(entry: fs.Dirent, entryPath: string): "file" | "directory" | "symlink" | "other" {
  const typed = direntType(entry);
  if (typed) return typed;
  try {
    return direntType(fs.lstatSync(entryPath)) ?? "other";
  } catch {
    return "other";
  }
}

function direntType(entry: fs.Dirent | fs.Stats): "file" | "directory" | "symlink" | "other" | undefined {
  if (entry.isSymbolicLink()) return "symlink";
  if (entry.isDirectory()) return "directory";
  if (entry.isFile()) return "file";
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice())
    return "other";
  return undefined;
}

interface Prefix {
  /** At most the requested number of bytes from the start of the file. */
  bytes: Buffer;
  /** The file's size when opened. */
  size: number;
}

/**
 * Reads at most `maxBytes` from the start of a regular file. Opened non-blocking and checked after opening, so a
 * FIFO or device cannot hang or flood the run, whatever the path turned into since it was listed.
 */
function readPrefix(filePath: string, maxBytes: number): Prefix {
  const fd = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTFILE" });
    const buffer = Buffer.alloc(Math.min(maxBytes, stat.size + 1));
    let length = 0;
    while (length < buffer.length) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return { bytes: buffer.subarray(0, length), size: stat.size };
  } finally {
    fs.closeSync(fd);
  }
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

function tooLarge(size: number): string {
  const mebibytes = (size / (1024 * 1024)).toFixed(1);
  return `too large (${mebibytes} MiB; the limit is ${MAX_FILE_BYTES / (1024 * 1024)} MiB)`;
}

const ERROR_MESSAGES: Record<string, string> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  ENOTFILE: "not a regular file",
};

/** A short, path-free description of a file system error (the problem already names the path). */
function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return ERROR_MESSAGES[code] ?? `cannot read (${code})`;
  return error instanceof Error ? error.message : String(error);
}

function isRegularFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function realPathOr(filePath: string): string {
  try {
    return fs.realpathSync(filePath);
  } catch {
    return filePath;
  }
}

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function splitPath(relative: string): string[] {
  return relative === "" ? [] : relative.split(path.sep);
}

function toPosix(filePath: string): string {
  return filePath.split(path.sep).join("/");
}

/** Code-unit order, never locale order, so output is byte-identical everywhere. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads a file another file refers to (a compose override, an `env_file`, a `-r requirements.txt`) with the
 * same limits as discovery, and only when it resolves inside the referring file's repository (or directory):
 * a repository must not make mllint read, and echo, files elsewhere on the machine. Undefined when it cannot.
 */
export function readReferenced(
  absolutePath: string,
  shownPath: string,
  kind: FileKind,
  from: string,
): SourceFile | undefined {
  const root = findRepositoryRoot(from) ?? from;
  try {
    const relative = path.relative(fs.realpathSync(root), fs.realpathSync(absolutePath));
    if (relative.split(path.sep)[0] === ".." || path.isAbsolute(relative)) return undefined;
  } catch {
    return undefined;
  }
  const read = readSource({ path: shownPath, absolutePath, kind, explicit: false });
  return read instanceof SourceFile ? read : undefined;
}
