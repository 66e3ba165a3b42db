/**
 * Runs the `shellcheck` binary, if installed, over many scripts in one process: starting it costs far more than
 * checking a RUN line, so a Dockerfile's scripts go in one batch. Scripts are written to a private temporary
 * directory (never the user's tree) that is removed afterwards. Nothing here throws: a missing binary, a timeout
 * or unreadable output comes back as a failure the caller turns into a notice.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type ShellcheckLevel = "error" | "warning" | "info" | "style";

export interface ShellcheckComment {
  /** Index of the script in the batch. */
  script: number;
  /** 1-based; columns count code points, a tab as one, `endColumn` exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: ShellcheckLevel;
  code: number;
  message: string;
}

export type ShellcheckResult =
  | { ok: true; comments: ShellcheckComment[] }
  | { ok: false; missing: boolean; reason: string };

export interface ShellcheckOptions {
  /** The least severe level to report. */
  severity: ShellcheckLevel;
  /** Codes to leave out (`SC2086`). */
  exclude: readonly string[];
}

const timeoutMs = 30_000;

/** Checks `scripts` (each starting with its shebang) with one shellcheck process. */
export function runShellcheck(scripts: readonly string[], options: ShellcheckOptions): ShellcheckResult {
  const dir = mkdtempSync(join(tmpdir(), "mllint-shellcheck-"));
  try {
    const names = scripts.map((script, i) => {
      writeFileSync(join(dir, `${i}.sh`), script);
      return `${i}.sh`;
    });
    return invoke(dir, names, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function invoke(dir: string, names: string[], options: ShellcheckOptions): ShellcheckResult {
  const args = ["--norc", "--format=json1", `--severity=${options.severity}`];
  if (options.exclude.length > 0) args.push(`--exclude=${options.exclude.join(",")}`);
  // SHELLCHECK_OPTS would change the findings behind the config's back; same input, same output.
  const { SHELLCHECK_OPTS: _ignored, ...env } = process.env;
  const result = spawnSync("shellcheck", [...args, "--", ...names], {
    cwd: dir,
    env,
    shell: false,
    timeout: timeoutMs,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return { ok: false, missing: true, reason: "shellcheck not found on PATH" };
  if (code === "ETIMEDOUT")
    return { ok: false, missing: false, reason: `shellcheck timed out after ${timeoutMs / 1000}s` };
  if (result.error)
    return { ok: false, missing: false, reason: `shellcheck could not run: ${result.error.message}` };
  // Exit status 1 means "found something"; anything else is a usage or I/O failure.
  if (result.status !== 0 && result.status !== 1) {
    const detail = result.stderr.trim().split("\n")[0] || `exit status ${result.status ?? result.signal}`;
    return { ok: false, missing: false, reason: `shellcheck failed: ${detail}` };
  }
  const comments = parseComments(result.stdout, names)?.sort(
    (a, b) => a.script - b.script || a.line - b.line || a.column - b.column,
  );
  return comments
    ? { ok: true, comments }
    : { ok: false, missing: false, reason: "shellcheck gave unreadable output" };
}

/** The `--format=json1` comments, with file names turned back into script indexes; undefined if not that format. */
function parseComments(stdout: string, names: string[]): ShellcheckComment[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const comments = (parsed as { comments?: unknown }).comments;
  if (!Array.isArray(comments)) return undefined;
  return comments.flatMap((c: Record<string, unknown>) => {
    const script = names.indexOf(String(c.file));
    if (script === -1) return [];
    const { line, column, endLine, endColumn, level, code, message } = c as unknown as ShellcheckComment;
    return [{ script, line, column, endLine, endColumn, level, code, message }];
  });
}
