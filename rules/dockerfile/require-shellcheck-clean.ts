import {
  runShellcheck,
  type ShellcheckComment,
  type ShellcheckLevel,
  type ShellcheckResult,
} from "../../src/engine/shellcheck.js";
import { rootImage } from "../../src/knowledge/ml.js";
import {
  alwaysExcluded,
  ashExcluded,
  defaultShell,
  hasAshShell,
  knownValue,
  proxyArgs,
  type ShellDialect,
  shellDialect,
} from "../../src/knowledge/shellcheck.js";
import {
  type Dockerfile,
  globalArgDefaults,
  type Heredoc,
  type Instruction,
  type RunInstruction,
  type Stage,
} from "../../src/model/dockerfile.js";
import { defineRule, type RuleContext } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

interface Options {
  mode: "auto" | "on" | "off";
  exclude: string[];
  minLevel: ShellcheckLevel;
}

/**
 * What a RUN runs under: the active SHELL (undefined when ShellCheck cannot check it), the ARG/ENV names set with
 * the value each is known to have, and the codes that do not apply to the stage's shell.
 */
interface Scope {
  shell: ShellDialect | undefined;
  names: Map<string, string | undefined>;
  dropped: readonly number[];
}

/**
 * One script for ShellCheck: `header` lines, then `lines`, which are the Dockerfile's lines from `firstLine` on with
 * every character that matters at the same UTF-16 index, so a position in the script is a position in the file.
 */
interface Script {
  run: RunInstruction;
  dropped: readonly number[];
  header: string[];
  lines: string[];
  firstLine: number;
}

const missingNotice = "shellcheck not found on PATH: SC checks skipped (install the shellcheck package)";

export default defineRule<"dockerfile", Options>({
  code: "DF090",
  name: "require-shellcheck-clean",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  options: {
    schema: {
      type: "object",
      properties: {
        mode: {
          enum: ["auto", "on", "off"],
          description:
            "`auto` runs ShellCheck when it is installed; `on` also reports a finding when it cannot run; `off` never runs it.",
        },
        exclude: {
          type: "array",
          items: { type: "string", pattern: "^(SC)?[0-9]{4}$" },
          description: "ShellCheck codes to leave out, e.g. `SC2086`.",
        },
        minLevel: {
          enum: ["error", "warning", "info", "style"],
          description: "The least severe ShellCheck level to report.",
        },
      },
      additionalProperties: false,
    },
    defaults: { mode: "auto", exclude: [], minLevel: "info" },
  },
  docs: {
    summary: "The shell in RUN instructions must pass ShellCheck.",
    why: "A RUN line is a shell script that runs once, at build time, where mistakes hide: an unquoted `$MODEL_DIR` splits on a space, `[[` is not in `/bin/sh` and fails the build on Debian, `cd` without `|| exit` carries on in the wrong directory. When the `shellcheck` binary is on PATH (Debian/Ubuntu package `shellcheck`), mllint hands it every shell-form RUN and every heredoc script, as hadolint does, and reports each SC finding at its exact line and column in the Dockerfile (hadolint only names the RUN's first line). The script is checked as the active `SHELL` runs it (`/bin/sh` by default; bash with `-o pipefail` when SHELL says so); ARG and ENV names in scope, and Docker's predefined proxy ARGs, count as set; an ENV value or ARG default (a bare ARG inherits the global one) with no blank, glob, quote or `$` is passed on too, so ShellCheck drops SC2086 for that variable as it would in a script, while a bare ARG (a `--build-arg` can fill it with spaces) and run-time variables still get it (hadolint gives every name the value `1`, which silences SC2086 altogether); SC1075 (`else \\` then `if` on the next line, which a continued RUN forces) is never reported, nor SC2240 in stages built on Alpine or BusyBox, whose ash passes `.` arguments to the script; Docker's continuation rules are applied (comment and blank lines inside a continued RUN are dropped, as the build does). Exec-form RUN, `sh -c` strings, heredocs fed to another program (`RUN python3 <<EOF`) and stages whose SHELL ShellCheck cannot read (pwsh, cmd, zsh) are skipped. All of a Dockerfile's scripts go to one shellcheck process. ShellCheck runs only if installed: under the default `mode: auto` a missing binary is one notice and no finding; `mode: on` makes it a finding, so CI cannot pass without the check; `mode: off` never runs it. `minLevel` defaults to `info` (SC2086 is info); ShellCheck's `style` suggestions are opt-in. Every SC finding is reported at this rule's severity.",
    examples: [
      // `mode: on` keeps the example true without shellcheck installed: then it reports that ShellCheck could not run.
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nARG MODEL_DIR\nRUN mkdir -p $MODEL_DIR\n",
        options: { mode: "on" },
      },
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN [[ -d /models ]] || mkdir /models\n",
        options: { mode: "on" },
      },
      { kind: "valid", files: 'FROM python:3.12-slim\nARG MODEL_DIR\nRUN mkdir -p "$MODEL_DIR"\n' },
      { kind: "valid", files: "FROM python:3.12-slim\nARG MODEL_DIR=/models\nRUN mkdir -p $MODEL_DIR\n" },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN [[ -d /models ]] || mkdir /models\n',
      },
      {
        kind: "valid",
        files: "FROM python:3.12-slim\nARG MODEL_DIR\nRUN mkdir -p $MODEL_DIR\n",
        options: { exclude: ["SC2086"] },
      },
    ],
    fix: 'Follow the linked ShellCheck page for the code (https://www.shellcheck.net/wiki/SC2086): quote expansions, use `[ ]` under `/bin/sh` or set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`. To silence one RUN, put `# mllint ignore=DF090 -- reason` above it; to drop a code everywhere, list it in `exclude`.',
    references: ["https://www.shellcheck.net/wiki/", "https://github.com/hadolint/hadolint#shellcheck"],
  },
  check(ctx) {
    checkAllFiles([ctx]);
  },
  checkAll: checkAllFiles,
});

type Context = RuleContext<Dockerfile, Options>;

/**
 * All scripts of all the run's Dockerfiles go to one shellcheck process, each distinct text once (monorepos repeat
 * the same RUN in many Dockerfiles); each comment returns to every file whose script has that text.
 */
function checkAllFiles(contexts: Context[]): void {
  const options = contexts[0]?.options;
  if (!options || options.mode === "off") return;
  const jobs = contexts.flatMap((ctx) => collectScripts(ctx.model).map((script) => ({ ctx, script })));
  if (jobs.length === 0) return;
  const texts = jobs.map((job) => scriptText(job.script));
  const distinct = [...new Set(texts)];
  const jobsOfText = new Map(distinct.map((text) => [text, [] as typeof jobs]));
  for (const [i, text] of texts.entries()) jobsOfText.get(text)!.push(jobs[i]!);
  const exclude = [...new Set([...alwaysExcluded, ...options.exclude.map(withPrefix)])];
  const result = runShellcheck(distinct, { severity: options.minLevel, exclude });
  if (!result.ok) {
    const first = jobs[0]!;
    first.ctx.notice(noticeFor(result, first.ctx.file, options.mode));
    if (options.mode !== "on") return;
    const message = `ShellCheck did not run (${result.reason}), and mode "on" requires it`;
    for (const ctx of new Set(jobs.map((job) => job.ctx))) {
      ctx.report({ message, at: jobs.find((job) => job.ctx === ctx)!.script.run.keywordSpan });
    }
    return;
  }
  for (const comment of result.comments) {
    for (const { ctx, script } of jobsOfText.get(distinct[comment.script]!)!) {
      if (script.dropped.includes(comment.code)) continue;
      const at = spanOf(comment, script, ctx.file);
      if (at) ctx.report({ message: `SC${comment.code}: ${comment.message}`, at });
    }
  }
}

function noticeFor(result: Extract<ShellcheckResult, { ok: false }>, file: SourceFile, mode: string): string {
  if (mode === "on")
    return `${result.reason}, but require-shellcheck-clean has mode "on": SC checks did not run`;
  return result.missing ? missingNotice : `${result.reason} on ${file.path}: SC checks skipped`;
}

function withPrefix(code: string): string {
  return code.startsWith("SC") ? code : `SC${code}`;
}

/** Every script the Dockerfile's RUNs (ONBUILD ones too) hand to a shell ShellCheck can check, in file order. */
function collectScripts(model: Dockerfile): Script[] {
  const escapeChar = model.directives.find((d) => d.name.toLowerCase() === "escape")?.value || "\\";
  const globals = globalArgDefaults(model.globalArgs);
  const endScopes = new Map<Stage, Scope>();
  const scripts: Script[] = [];
  for (const stage of model.stages) {
    // SHELL and ENV live in the image config, so `FROM builder` starts where builder ended.
    const inherited = stage.base && endScopes.get(stage.base);
    const root = rootImage(stage);
    const scope: Scope = {
      shell: inherited ? inherited.shell : shellDialect(defaultShell),
      names: new Map(inherited?.names),
      dropped: root && !root.unresolved && hasAshShell(root) ? ashExcluded : [],
    };
    for (const instruction of stage.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind === "run") scripts.push(...runScripts(model.file, run, scope, escapeChar));
      else updateScope(scope, instruction, globals);
    }
    endScopes.set(stage, scope);
  }
  return scripts;
}

/**
 * ENV sets a variable; ARG declares one unless ENV or an earlier ARG did, with its default or, bare, the global
 * ARG's default. The value is kept only when it needs no quoting, so SC2086 stays for the rest.
 */
function updateScope(scope: Scope, instruction: Instruction, globals: ReadonlyMap<string, string>): void {
  if (instruction.kind === "shell" && instruction.exec) {
    scope.shell = shellDialect(instruction.exec.map((w) => w.value));
  } else if (instruction.kind === "env") {
    for (const pair of instruction.pairs) scope.names.set(pair.key.value, knownValue(pair.value?.value));
  } else if (instruction.kind === "arg") {
    for (const { key, value } of instruction.pairs) {
      if (!scope.names.has(key.value))
        scope.names.set(key.value, knownValue(value?.value ?? globals.get(key.value)));
    }
  }
}

/**
 * The scripts of one RUN: each heredoc body that is a script, with its own shell; otherwise the shell-form text
 * (with any heredoc it feeds to a program, so ShellCheck sees the here-document).
 */
function runScripts(file: SourceFile, run: RunInstruction, scope: Scope, escapeChar: string): Script[] {
  const start = run.args[0]?.span.start;
  if (run.form !== "shell" || !run.script || start === undefined || !scope.shell) return [];
  const bodies = run.heredocs.filter((h) => h.script);
  if (bodies.length === 0)
    return [commandScript(file, run, start, header(scope.shell, scope.names), escapeChar, scope.dropped)];
  const shell = heredocShell(run, scope.shell);
  return shell ? bodies.flatMap((h) => bodyScript(file, run, h, shell, scope)) : [];
}

/** The shell-form text from `start`, as Docker hands it to the shell, then any here-document lines verbatim. */
function commandScript(
  file: SourceFile,
  run: RunInstruction,
  start: number,
  head: string[],
  escapeChar: string,
  dropped: readonly number[],
): Script {
  const { line: firstLine, column } = file.position(start);
  const lastLine = file.position(run.span.end).line;
  const bodyStart = run.heredocs[0]?.bodySpan.start;
  const lastCommandLine = bodyStart === undefined ? lastLine : file.position(bodyStart).line - 1;
  const command = dockerLines(fileLines(file, firstLine, lastCommandLine), escapeChar);
  // The keyword and flags before the script become blanks, so columns stay the file's.
  command[0] = blank(command[0]!.slice(0, column - 1)) + command[0]!.slice(column - 1);
  const lines = [...command, ...fileLines(file, lastCommandLine + 1, lastLine)];
  return { run, dropped, header: head, lines, firstLine };
}

/** `RUN bash <<EOF` runs the body with bash; a bare `RUN <<EOF` with the active SHELL. */
function heredocShell(run: RunInstruction, active: ShellDialect): ShellDialect | undefined {
  const command = run.script?.commands.find((c) => c.name);
  return command ? shellDialect([command.name!.value, ...command.args.map((a) => a.value)]) : active;
}

/** A heredoc body as its own script; a shebang in it picks the shell, and one ShellCheck cannot read skips it. */
function bodyScript(
  file: SourceFile,
  run: RunInstruction,
  heredoc: Heredoc,
  shell: ShellDialect,
  scope: Scope,
): Script[] {
  if (heredoc.bodySpan.start === heredoc.bodySpan.end) return [];
  const firstLine = file.position(heredoc.bodySpan.start).line;
  const lines = fileLines(file, firstLine, file.position(heredoc.bodySpan.end).line);
  const hasShebang = lines[0]!.startsWith("#!");
  const runner = hasShebang ? shellDialect(lines[0]!.slice(2).trim().split(/\s+/)) : shell;
  if (!runner) return [];
  // Our header carries the shebang; a second one below it would be SC1128.
  if (hasShebang) lines[0] = blank(lines[0]!);
  return [{ run, dropped: scope.dropped, header: header(runner, scope.names), lines, firstLine }];
}

/**
 * Docker's view of continued lines with positions kept: comment and blank lines inside the continuation are
 * dropped by the build, so they become blanks that continue (`\`); an escape before trailing blanks, or a
 * non-default escape character, becomes the `\`-newline the shell understands.
 */
function dockerLines(lines: string[], escapeChar: string): string[] {
  return lines.map((line, i) => {
    if (i > 0 && /^[ \t]*(#|$)/.test(line))
      return i < lines.length - 1 ? `${blank(line).slice(1)}\\` : blank(line);
    const content = line.replace(/[ \t]+$/, "");
    if (!content.endsWith(escapeChar)) return line;
    return `${content.slice(0, -1)}${blank(line.slice(content.length))}\\`;
  });
}

/**
 * Shebang, the shell's startup options, then every name in scope exported so SC2154 does not fire. Unlike
 * hadolint's `export NAME=1` for all, a name gets a value only when its ENV value or ARG default is known and
 * needs no quoting: ShellCheck trusts it and drops SC2086 for `$NAME`, which stays for a bare ARG (a build arg can
 * hold spaces) and for variables set at run time.
 */
function header(shell: ShellDialect, names: ReadonlyMap<string, string | undefined>): string[] {
  const all = new Map([...proxyArgs.map((n): [string, undefined] => [n, undefined]), ...names]);
  const declared = [...all]
    .filter(([name]) => /^[A-Za-z_]\w*$/.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === undefined ? name : `${name}=${value}`));
  return [`#!/bin/${shell.name}`, ...shell.setup, `export ${declared.join(" ")}`];
}

function scriptText(script: Script): string {
  return `${[...script.header, ...script.lines].join("\n")}\n`;
}

/** The file span of a ShellCheck comment; undefined when it points into the header we added. */
function spanOf(comment: ShellcheckComment, script: Script, file: SourceFile): Span | undefined {
  const first = comment.line - script.header.length - 1;
  if (first < 0) return undefined;
  const start = offsetOf(script, first, comment.column, file);
  const last = comment.endLine - script.header.length - 1;
  const end = last < 0 ? start : offsetOf(script, last, comment.endColumn, file);
  return { start, end: Math.max(start, end) };
}

/** The file offset of a 0-based script line and a 1-based code-point column, clamped to that line. */
function offsetOf(script: Script, index: number, column: number, file: SourceFile): number {
  const i = Math.min(index, script.lines.length - 1);
  const line = script.firstLine + i;
  return Math.min(file.lineStart(line) + utf16Index(script.lines[i]!, column - 1), file.lineEnd(line));
}

/** ShellCheck counts code points; the model counts UTF-16 units. */
function utf16Index(text: string, codePoints: number): number {
  let units = 0;
  for (let n = 0; n < codePoints; n++) units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
  return units;
}

/** Lines `from` to `to` (1-based, inclusive) of the file, without line endings. */
function fileLines(file: SourceFile, from: number, to: number): string[] {
  return file.lines.slice(from - 1, to);
}

/** Spaces in place of every UTF-16 unit, so what follows keeps its index. */
function blank(text: string): string {
  return " ".repeat(text.length);
}
