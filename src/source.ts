import path from "node:path";

/** A half-open range [start, end) of UTF-16 offsets into a SourceFile's text. */
export interface Span {
  start: number;
  end: number;
}

/** A 1-based line and 1-based UTF-16 column, as editors, SARIF and GitHub count them. */
export interface Position {
  line: number;
  column: number;
}

/** What kind of file mllint recognised; decides which parser and which rules run. */
/**
 * `requirements` and `dotenv` files are never linted: they are read for what a Dockerfile's `pip install -r`
 * installs and what a compose service's `env_file:` sets.
 */
export type FileKind = "dockerfile" | "compose" | "k8s" | "dockerignore" | "requirements" | "dotenv";

/**
 * One file as mllint read it. `path` is what users see (relative to the working directory, `/`-separated);
 * `text` has any UTF-8 BOM removed, so offset 0 is the first real character.
 */
export class SourceFile {
  readonly text: string;
  /** Whether the file on disk starts with a UTF-8 BOM (kept when a fix writes the file back). */
  readonly bom: boolean;
  readonly lines: readonly string[];
  private readonly lineStarts: readonly number[];

  constructor(
    readonly path: string,
    text: string,
    readonly kind: FileKind,
    readonly absolutePath: string = path,
  ) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    this.text = this.bom ? text.slice(1) : text;
    const starts = [0];
    for (let i = 0; i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
    this.lines = this.text.split(/\r?\n/);
  }

  /** The 1-based position of an offset; offsets past the end clamp to the end. */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - this.lineStarts[low]! + 1 };
  }

  /** The offset of a 0-based line and character (LSP style, as dockerfile-ast reports them). */
  offsetAt(line: number, character: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    return Math.min(this.lineStarts[line]! + character, this.text.length);
  }

  /** Offset of the start of the 1-based line `line`. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
  }

  /** Offset just past the last character of the 1-based line (before its newline). */
  lineEnd(line: number): number {
    const next = line < this.lineStarts.length ? this.lineStarts[line]! - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** A path as users see it: relative to the working directory when inside it, absolute otherwise, `/`-separated. */
export function shownPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  if (relative === "") return ".";
  const inside = !relative.startsWith("..") && !path.isAbsolute(relative);
  return (inside ? relative : absolutePath).replaceAll("\\", "/");
}

export function span(start: number, end: number): Span {
  return { start, end };
}
