/**
 * `.dockerignore` as the Docker builder reads it: one pattern a line, `#` comments at line start, `!` exceptions,
 * Go `filepath.Match` globs plus `**`, paths cleaned and relative to the context root, the last matching line wins,
 * and a pattern that matches a directory excludes everything below it.
 */
import type { SourceFile, Span } from "../source.js";

export interface IgnorePattern {
  /** The pattern as cleaned by the builder (`./models/` gives `models`). */
  pattern: string;
  /** `!pattern`: re-include what earlier lines excluded. */
  exception: boolean;
  span: Span;
  matcher: RegExp;
}

export interface DockerIgnore {
  file: SourceFile;
  patterns: IgnorePattern[];
  /** Patterns the builder rejects (a malformed `[...]` class): the build fails with "syntax error in pattern". */
  problems: { message: string; span: Span }[];
}

export function parseDockerignore(file: SourceFile): DockerIgnore {
  const patterns: IgnorePattern[] = [];
  const problems: DockerIgnore["problems"] = [];
  for (let line = 1; line <= file.lines.length; line++) {
    const start = file.lineStart(line);
    const raw = file.text.slice(start, file.lineEnd(line));
    if (raw.startsWith("#")) continue;
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    const exception = trimmed.startsWith("!");
    const pattern = cleanPath((exception ? trimmed.slice(1) : trimmed).trim());
    if (pattern === "") continue;
    const offset = start + raw.indexOf(trimmed);
    const span = { start: offset, end: offset + trimmed.length };
    const matcher = globToRegExp(pattern);
    if (matcher) patterns.push({ pattern, exception, span, matcher });
    else
      problems.push({
        message: `Invalid pattern ${trimmed}: the build fails with "syntax error in pattern"`,
        span,
      });
  }
  return { file, patterns, problems };
}

/** Whether the builder leaves `path` (relative to the context root, `/`-separated) out of the context. */
export function isExcluded(ignore: DockerIgnore, path: string): boolean {
  return excludingPattern(ignore, path) !== undefined;
}

/** The pattern that decides `path` is excluded (the last matching line, unless it is an exception). */
export function excludingPattern(ignore: DockerIgnore, path: string): IgnorePattern | undefined {
  const candidates = parentsAndSelf(cleanPath(path));
  let decided: IgnorePattern | undefined;
  for (const pattern of ignore.patterns) {
    if (candidates.some((candidate) => pattern.matcher.test(candidate))) decided = pattern;
  }
  return decided && !decided.exception ? decided : undefined;
}

/** `a/b/c` gives `a`, `a/b`, `a/b/c`: a pattern matching a parent directory excludes its contents. */
function parentsAndSelf(path: string): string[] {
  const parts = path.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Go's filepath.Clean on a `/` path, relative to the root: no `./`, no leading or trailing `/`, `..` resolved. */
export function cleanPath(path: string): string {
  const out: string[] = [];
  for (const part of path.replaceAll("\\", "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

/** Translates a pattern to an anchored regular expression; `**` spans directories, `*` and `?` do not. */
function globToRegExp(pattern: string): RegExp | undefined {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*" && pattern[i + 1] === "*") {
      const followedBySlash = pattern[i + 2] === "/";
      source += followedBySlash ? "(?:.*/)?" : ".*";
      i += followedBySlash ? 2 : 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close === -1) return undefined;
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replaceAll("\\", "\\\\");
        source += `[${body}]`;
        i = close;
      }
    } else if (char === "\\" && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else {
      source += escapeRegExp(char);
    }
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return undefined;
  }
}

function escapeRegExp(char: string): string {
  return /[.+^${}()|[\]\\]/.test(char) ? `\\${char}` : char;
}
