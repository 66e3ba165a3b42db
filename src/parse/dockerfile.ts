/**
 * Turns dockerfile-ast's tree into mllint's instruction model with exact spans, filling the parser's gaps:
 * RUN/CMD/ENTRYPOINT bodies are parsed by a real shell parser, exec-form JSON is parsed from the source text
 * (dockerfile-ast's getJSONStrings drops spaces), heredoc bodies are kept out of the arguments, and syntax
 * problems that dockerfile-ast tolerates silently are collected.
 */
import {
  type Arg,
  type Argument,
  type Flag as AstFlag,
  type Heredoc as AstHeredoc,
  type Instruction as AstInstruction,
  Copy,
  DockerfileParser,
  type Env,
  type Label,
  type Onbuild,
  type Property,
  Run,
} from "dockerfile-ast";
import type {
  CommandLine,
  Comment,
  Directive,
  Flag,
  Heredoc,
  Instruction,
  KeyValue,
  SyntaxProblem,
  Word,
} from "../model/dockerfile.js";
import type { SourceFile, Span } from "../source.js";
import { closest } from "../suggest.js";
import { parseShell, type ShellCommand, type ShellScript } from "./shell.js";

export const KEYWORDS = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;
const knownKeywords = new Set<string>(KEYWORDS);
const shells = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh"]);

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface DockerfileSyntax {
  instructions: Instruction[];
  directives: Directive[];
  comments: Comment[];
  problems: SyntaxProblem[];
}

export function parseDockerfileSyntax(file: SourceFile): DockerfileSyntax {
  const ast = DockerfileParser.parse(file.text);
  const toSpan = (range: Range): Span => ({
    start: file.offsetAt(range.start.line, range.start.character),
    end: file.offsetAt(range.end.line, range.end.character),
  });
  const reader = new InstructionReader(file, toSpan, ast.getEscapeCharacter());
  const instructions = ast.getInstructions().map((instruction) => reader.read(instruction, false));
  const problems = [...reader.problems, ...orderProblems(file, instructions)];
  return {
    instructions,
    directives: ast
      .getDirectives()
      .map((d) => ({ name: d.getName(), value: d.getValue(), span: toSpan(d.getRange()) })),
    comments: ast.getComments().map((c) => ({ text: c.getContent(), span: toSpan(c.getRange()) })),
    problems: problems.sort((a, b) => a.span.start - b.span.start),
  };
}

/** A Dockerfile must have a FROM, and only ARG may come before the first one. */
function orderProblems(file: SourceFile, instructions: Instruction[]): SyntaxProblem[] {
  const firstFrom = instructions.findIndex((i) => i.kind === "from");
  if (firstFrom === -1) {
    const at = instructions[0]?.keywordSpan ?? { start: 0, end: Math.min(file.text.length, 1) };
    return [{ message: "No FROM instruction: a Dockerfile must start its first stage with FROM", span: at }];
  }
  return instructions
    .slice(0, firstFrom)
    .filter((i) => i.kind !== "arg" && knownKeywords.has(i.keyword))
    .map((i) => ({
      message: `${i.keyword} before the first FROM: only ARG may come first`,
      span: i.keywordSpan,
    }));
}

class InstructionReader {
  readonly problems: SyntaxProblem[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly toSpan: (range: Range) => Span,
    private readonly escapeCharacter: string,
  ) {}

  read(ast: AstInstruction, onbuild: boolean): Instruction {
    const keyword = ast.getKeyword().toUpperCase();
    const keywordSpan = this.toSpan(ast.getInstructionRange());
    const argsRange = ast.getArgumentsRange();
    const base = {
      keyword,
      keywordSpan,
      span: this.toSpan(ast.getRange()),
      argumentsSpan: argsRange ? this.toSpan(argsRange) : { start: keywordSpan.end, end: keywordSpan.end },
      flags: this.flags(ast),
      args: [] as Word[],
      onbuild,
    };
    const heredocs = ast instanceof Run || ast instanceof Copy ? this.heredocs(ast.getHeredocs()) : [];
    // dockerfile-ast lets heredoc bodies, comment lines inside continuations and the backslash of an empty
    // continuation line leak into its arguments.
    const bodiesStart = heredocs[0]?.bodySpan.start ?? Number.POSITIVE_INFINITY;
    const comments = this.continuationComments(base.span);
    base.args = this.words(ast.getArguments()).filter(
      (arg) =>
        arg.span.start < bodiesStart &&
        arg.value !== this.escapeCharacter &&
        !comments.some((c) => arg.span.start >= c.start && arg.span.start < c.end),
    );
    if (!knownKeywords.has(keyword)) {
      this.problems.push({ message: unknownKeywordMessage(ast.getInstruction()), span: keywordSpan });
      return { ...base, kind: "other" };
    }
    if (base.args.length === 0 && heredocs.length === 0) {
      this.problems.push({ message: `${keyword} has no arguments`, span: keywordSpan });
    }
    return this.typed(ast, base, heredocs);
  }

  private typed(ast: AstInstruction, base: InstructionFields, heredocs: Heredoc[]): Instruction {
    const { args } = base;
    switch (base.keyword) {
      case "FROM": {
        const hasAlias = args.length === 3 && args[1]!.value.toLowerCase() === "as";
        if (args.length > 1 && !hasAlias) {
          const extra = { start: args[1]!.span.start, end: args.at(-1)!.span.end };
          const comment = args[1]!.value.startsWith("#") ? " (a comment must start its own line)" : "";
          this.problems.push({
            message: `FROM takes an image and an optional AS name, not \`${this.file.slice(extra)}\`${comment}`,
            span: extra,
          });
        }
        return { ...base, kind: "from", alias: hasAlias ? args[2] : undefined };
      }
      case "RUN":
        return {
          ...base,
          kind: "run",
          mounts: base.flags.filter((f) => f.name === "mount"),
          heredocs,
          ...this.commandLine(base.args[0]?.span.start, base.span.end, heredocs),
        };
      case "CMD":
      case "ENTRYPOINT":
        return {
          ...base,
          kind: base.keyword === "CMD" ? "cmd" : "entrypoint",
          ...this.commandLine(base.args[0]?.span.start, base.span.end, []),
        };
      case "HEALTHCHECK":
        return this.healthcheck(base);
      case "USER":
        return { ...base, kind: "user", ...splitUser(args[0]) };
      case "ENV":
      case "LABEL":
        return {
          ...base,
          kind: base.keyword === "ENV" ? "env" : "label",
          pairs: this.pairs((ast as Env | Label).getProperties()),
        };
      case "ARG": {
        const property = (ast as Arg).getProperty();
        return { ...base, kind: "arg", pairs: this.pairs(property ? [property] : []) };
      }
      case "COPY":
      case "ADD": {
        const exec = args[0]?.value.startsWith("[")
          ? this.execForm(args[0].span.start, base.span.end)
          : undefined;
        const paths = exec?.words ?? args.filter((a) => !a.value.startsWith("<<"));
        const destination = heredocs.length > 0 || paths.length > 1 ? paths.at(-1) : undefined;
        const sources = destination ? paths.slice(0, -1) : paths;
        if (heredocs.length === 0 && paths.length < 2 && paths.length > 0) {
          this.problems.push({
            message: `${base.keyword} needs a source and a destination`,
            span: base.argumentsSpan,
          });
        }
        const kind = base.keyword === "COPY" ? "copy" : "add";
        return { ...base, kind, form: exec ? "exec" : "shell", sources, destination, heredocs };
      }
      case "WORKDIR":
        return { ...base, kind: "workdir", path: args.length ? joinWords(args) : undefined };
      case "SHELL":
        return {
          ...base,
          kind: "shell",
          exec: this.execForm(base.argumentsSpan.start, base.span.end)?.words,
        };
      case "ONBUILD":
        return this.onbuild(ast as Onbuild, base);
      default:
        return { ...base, kind: "other" };
    }
  }

  private healthcheck(base: InstructionFields): Instruction {
    const [first] = base.args;
    const sub = first?.value.toUpperCase();
    if (sub === "NONE") return { ...base, kind: "healthcheck", none: true };
    if (sub !== "CMD") {
      this.problems.push({
        message: "HEALTHCHECK must be followed by CMD or NONE",
        span: first?.span ?? base.keywordSpan,
      });
      return { ...base, kind: "healthcheck", none: false };
    }
    const start = base.args[1]?.span.start;
    const command =
      start === undefined
        ? undefined
        : { ...this.commandLine(start, base.span.end, []), span: { start, end: base.span.end } };
    if (!command) this.problems.push({ message: "HEALTHCHECK CMD has no command", span: first!.span });
    return { ...base, kind: "healthcheck", none: false, command };
  }

  private onbuild(ast: Onbuild, base: InstructionFields): Instruction {
    const triggerAst = ast.getTriggerInstruction();
    const trigger = triggerAst ? this.read(triggerAst, true) : undefined;
    if (trigger && ["ONBUILD", "FROM", "MAINTAINER"].includes(trigger.keyword)) {
      this.problems.push({ message: `ONBUILD cannot wrap ${trigger.keyword}`, span: trigger.keywordSpan });
    }
    return { ...base, kind: "onbuild", trigger };
  }

  /** The command of RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD, starting at offset `start`, in exec or shell form. */
  private commandLine(start: number | undefined, end: number, heredocs: Heredoc[]): CommandLine {
    if (start === undefined) return { form: "shell", commands: [] };
    if (this.file.text[start] === "[") {
      const exec = this.execForm(start, end);
      if (exec) return { form: "exec", exec: exec.words, commands: execCommands(exec.words) };
      if (!this.file.text.slice(start, end).includes("]")) {
        this.problems.push({
          message: "Unclosed exec-form bracket: Docker runs this line as a shell command instead",
          span: { start, end },
        });
      }
    }
    const script = parseShell(this.continuedText(start, heredocs[0]?.bodySpan.start ?? end), start, {
      dockerfile: true,
    });
    const bodies = shouldParseBodies(script) ? heredocs : [];
    for (const heredoc of bodies) heredoc.script = parseShell(heredoc.body, heredoc.bodySpan.start);
    const commands = [...script.commands, ...bodies.flatMap((h) => h.script!.commands)].filter((c) => c.name);
    return { form: "shell", script, commands };
  }

  /**
   * The instruction text from `start` to `end`, with a non-default escape character before a newline turned into
   * a backslash so the shell parser sees Docker's line continuation. Same length, so offsets stay exact.
   */
  private continuedText(start: number, end: number): string {
    const text = this.file.text.slice(start, end);
    return this.escapeCharacter === "\\" ? text : text.replaceAll(`${this.escapeCharacter}\n`, "\\\n");
  }

  /** The comment lines inside an instruction's continuation lines (Docker removes them before reading it). */
  private continuationComments(span: Span): Span[] {
    const comments: Span[] = [];
    const first = this.file.position(span.start).line;
    const last = this.file.position(span.end).line;
    for (let line = first + 1; line <= last; line++) {
      const start = this.file.lineStart(line);
      const end = this.file.lineEnd(line);
      if (/^\s*#/.test(this.file.text.slice(start, end))) comments.push({ start, end });
    }
    return comments;
  }

  /** Parses `[ "a", "b" ]` from the source; undefined when it is not a JSON array of strings. */
  private execForm(start: number, end: number): { words: Word[] } | undefined {
    const text = this.continuedText(start, end)
      .replace(/\\[ \t]*\r?\n/g, (m) => " ".repeat(m.length))
      .replace(/^[ \t]*#.*$/gm, (m) => " ".repeat(m.length));
    const close = text.lastIndexOf("]");
    if (text[0] !== "[" || close === -1 || text.slice(close + 1).trim() !== "") return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(0, close + 1));
    } catch {
      return undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) return undefined;
    return { words: jsonStringSpans(text, start).map((s, i) => ({ value: parsed[i] as string, span: s })) };
  }

  private flags(ast: AstInstruction): Flag[] {
    if (!("getFlags" in ast)) return [];
    return (ast as { getFlags(): AstFlag[] }).getFlags().map((flag) => {
      const valueRange = flag.getValueRange();
      return {
        name: flag.getName(),
        value: flag.getValue() ?? undefined,
        span: this.toSpan(flag.getRange()),
        valueSpan: valueRange ? this.toSpan(valueRange) : undefined,
        options: Object.fromEntries(flag.getOptions().map((o) => [o.getName(), o.getValue() ?? ""])),
        optionSpans: Object.fromEntries(
          flag.getOptions().flatMap((o) => {
            const range = o.getValueRange();
            return range ? [[o.getName(), this.toSpan(range)]] : [];
          }),
        ),
      };
    });
  }

  private heredocs(heredocs: AstHeredoc[]): Heredoc[] {
    return heredocs.flatMap((heredoc) => {
      const range = heredoc.getContentRange();
      if (!range) return [];
      const bodySpan = this.toSpan(range);
      return [{ name: heredoc.getName(), body: this.file.slice(bodySpan), bodySpan }];
    });
  }

  private words(args: Argument[]): Word[] {
    return args.map((arg) => ({ value: arg.getValue(), span: this.toSpan(arg.getRange()) }));
  }

  private pairs(properties: Property[]): KeyValue[] {
    return properties.map((property) => {
      const valueRange = property.getValueRange();
      const value = property.getValue();
      return {
        key: { value: property.getName(), span: this.toSpan(property.getNameRange()) },
        value: valueRange && value !== null ? { value, span: this.toSpan(valueRange) } : undefined,
      };
    });
  }
}

type InstructionFields = Omit<Extract<Instruction, { kind: "other" }>, "kind">;

/** `RUN <<EOF` runs the body as the script; so does `RUN bash <<EOF`. `RUN python3 <<EOF` does not. */
function shouldParseBodies(script: ShellScript): boolean {
  const named = script.commands.filter((c) => c.name);
  if (named.length === 0) return true;
  return named.some((c) => shells.has(basename(c.name!.value)) && !c.args.some((a) => a.value === "-c"));
}

/** The one command an exec-form array runs; `["sh", "-c", "script"]` adds the script's commands. */
function execCommands(words: Word[]): ShellCommand[] {
  const [name, ...args] = words;
  if (!name) return [];
  const command: ShellCommand = {
    assignments: [],
    name: { ...name, quoted: true, dynamic: false },
    args: args.map((a) => ({ ...a, quoted: true, dynamic: false })),
    redirects: [],
    span: { start: name.span.start, end: (args.at(-1) ?? name).span.end },
    pipedOut: false,
    depth: 0,
  };
  const scriptIndex = args.findIndex((a) => a.value === "-c");
  const script = scriptIndex === -1 ? undefined : args[scriptIndex + 1];
  if (!script || !shells.has(basename(name.value))) return [command];
  const nested = parseShell(script.value, script.span.start + 1).commands;
  return [command, ...nested.map((c) => ({ ...c, depth: c.depth + 1 }))];
}

/** Spans of the string literals of a JSON array whose text starts at file offset `start`. */
function jsonStringSpans(text: string, start: number): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    spans.push({ start: start + i, end: start + j + 1 });
    i = j;
  }
  return spans;
}

function splitUser(word: Word | undefined): { user?: Word; group?: Word } {
  if (!word) return {};
  const colon = word.value.indexOf(":");
  if (colon === -1) return { user: word };
  return {
    user: {
      value: word.value.slice(0, colon),
      span: { start: word.span.start, end: word.span.start + colon },
    },
    group: {
      value: word.value.slice(colon + 1),
      span: { start: word.span.start + colon + 1, end: word.span.end },
    },
  };
}

/** WORKDIR takes the rest of the line as one path (`WORKDIR /my app` is the directory `/my app`). */
function joinWords(words: Word[]): Word {
  return {
    value: words.map((w) => w.value).join(" "),
    span: { start: words[0]!.span.start, end: words.at(-1)!.span.end },
  };
}

function unknownKeywordMessage(written: string): string {
  const close = closest(written.toUpperCase(), KEYWORDS);
  return `Unknown instruction ${written}${close ? ` (did you mean ${close}?)` : ""}`;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
