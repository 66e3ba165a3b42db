import type { Span } from "../source.js";

export interface ShellWord {
  /** The word with quotes removed and backslash escapes resolved; expansions ($X, ${X}, $(...), `...`) kept as written. */
  value: string;
  /** Exact file span of the word as written (quotes included). */
  span: Span;
  /** True if any part of the word was quoted. */
  quoted: boolean;
  /** True if the word contains a parameter/command/arithmetic expansion or an unquoted glob char, so `value` is not a literal. */
  dynamic: boolean;
}

export interface ShellHeredoc {
  /** The body as written, without the closing delimiter line. */
  text: string;
  span: Span;
  /** True when the delimiter was quoted (`<<'EOF'`), so the shell does not expand the body. */
  literal: boolean;
}

export interface ShellRedirect {
  /** The operator with its fd number: `>`, `2>`, `2>&`, `&>`, `<<<`, `<<`, `<<-`... */
  op: string;
  /** The file, fd, here-string or here-document delimiter; absent only after a syntax error. */
  target?: ShellWord;
  /** From the operator to the end of the target. */
  span: Span;
  /** The body of a `<<` or `<<-` here-document. */
  heredoc?: ShellHeredoc;
}

export interface ShellCommand {
  /** NAME=value words before the command name. */
  assignments: ShellWord[];
  /** The command name; absent when the command is only assignments/redirects. */
  name?: ShellWord;
  args: ShellWord[];
  redirects: ShellRedirect[];
  /** From the first word to the last word/redirect of this simple command. */
  span: Span;
  /** The operator before this command in its list: ";", "&&", "||", "|", "&", "\n", or undefined for the first. */
  connector?: string;
  /** True if this command's stdout is piped into the next command. */
  pipedOut: boolean;
  /** 0 at top level; +1 inside $(...), `...`, ( subshell ), or a nested `sh -c '...'` string. */
  depth: number;
}

export interface ShellPipeline {
  /** The simple commands of the pipeline, those inside a `( subshell )` stage included, in source order. */
  commands: ShellCommand[];
  /** Inside `$(...)` or backticks, where no pipe status can fail the RUN. */
  substituted: boolean;
  /** The status is tested: an `if`/`while`/`until` condition, or followed by `||`. */
  tested: boolean;
}

export interface ShellSyntaxError {
  message: string;
  span: Span;
}

export interface ShellScript {
  /**
   * Every simple command in source order, flattened out of pipelines, lists, compound commands, functions and
   * substitutions. Reserved words are never command names.
   */
  commands: ShellCommand[];
  /** Every pipeline of two or more commands, in source order. */
  pipelines: ShellPipeline[];
  errors: ShellSyntaxError[];
}

export interface ParseShellOptions {
  /**
   * The text is the body of a Dockerfile instruction. Docker joins `\`-newline continuations before the shell runs
   * (also with blanks after the backslash, inside quotes and inside comments) and drops blank and `#` lines within
   * them; without this option the text is read as a plain shell script.
   */
  dockerfile?: boolean;
}

/**
 * Parse `text`, a shell script that starts at file offset `offset` (all spans are file offsets = offset + index in text).
 * The text may contain backslash-newline line continuations (they join lines, as the shell does) and `#` comments.
 */
export function parseShell(text: string, offset = 0, options: ParseShellOptions = {}): ShellScript {
  const shared: Shared = { commands: [], levels: [], pipelines: [], errors: [], nesting: 0, aborted: false };
  new Parser(text, shared, offset, options.dockerfile ?? false, 0, 0).script();
  const byStart = (a: { span: Span }, b: { span: Span }) => a.span.start - b.span.start;
  // Commands are emitted when they end, so a substitution's commands come before their host; sorting is stable.
  const pipelines = shared.pipelines.sort((a, b) => byStart(a.commands[0]!, b.commands[0]!));
  return { commands: shared.commands.sort(byStart), pipelines, errors: shared.errors.sort(byStart) };
}

/** The basename of the command name: `/usr/bin/apt-get` gives `apt-get`. */
export function commandName(cmd: ShellCommand): string | undefined {
  const value = cmd.name?.value;
  return value === undefined ? undefined : value.slice(value.lastIndexOf("/") + 1);
}

/** True if an argument before `--` is one of `flags`, also as `--flag=value` or inside a short group (`-qy`). */
export function hasFlag(cmd: ShellCommand, ...flags: string[]): boolean {
  return optionArgs(cmd).some((arg) => flags.some((flag) => matchesFlag(arg.value, flag)));
}

/**
 * The value given to the first of `flags` that appears before `--`: the next argument (`-i X`, `--index-url X`),
 * or the attached part (`--index-url=X`, `-iX`).
 */
export function flagValue(cmd: ShellCommand, ...flags: string[]): ShellWord | undefined {
  const args = optionArgs(cmd);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    for (const flag of flags) {
      if (arg.value === flag) return cmd.args[i + 1];
      const prefix = flag.startsWith("--") ? `${flag}=` : flag;
      if (arg.value.length > prefix.length && arg.value.startsWith(prefix))
        return suffixWord(arg, prefix.length);
    }
  }
  return undefined;
}

/** The arguments that are neither flags nor the values of `flagsWithValue`; everything after `--` counts. */
export function positionalArgs(cmd: ShellCommand, flagsWithValue: string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const arg = cmd.args[i]!;
    if (arg.value === "--") return out.concat(cmd.args.slice(i + 1));
    if (flagsWithValue.includes(arg.value)) i++;
    else if (arg.value.length < 2 || arg.value[0] !== "-") out.push(arg);
  }
  return out;
}

/** The first positional argument: `install` in `apt-get -y install curl`. */
export function subcommand(cmd: ShellCommand, flagsWithValue: string[] = []): ShellWord | undefined {
  return positionalArgs(cmd, flagsWithValue)[0];
}

function optionArgs(cmd: ShellCommand): ShellWord[] {
  const end = cmd.args.findIndex((arg) => arg.value === "--");
  return end < 0 ? cmd.args : cmd.args.slice(0, end);
}

function matchesFlag(arg: string, flag: string): boolean {
  if (arg === flag) return true;
  if (flag.startsWith("--")) return arg.startsWith(`${flag}=`);
  return flag.length === 2 && flag[0] === "-" && SHORT_GROUP.test(arg) && arg.includes(flag[1]!, 1);
}

/** The part of `word` after `length` value characters; the span is exact only when the word was written plainly. */
function suffixWord(word: ShellWord, length: number): ShellWord {
  const plain = word.span.end - word.span.start === word.value.length;
  const span = plain ? { start: word.span.start + length, end: word.span.end } : word.span;
  return { value: word.value.slice(length), span, quoted: word.quoted, dynamic: word.dynamic };
}

const SHORT_GROUP = /^-[A-Za-z0-9]+$/;
const RESERVED = new Set([
  "!",
  "{",
  "}",
  "[[",
  "]]",
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "for",
  "select",
  "in",
  "do",
  "done",
  "while",
  "until",
  "case",
  "esac",
  "function",
]);
/** Reserved words that end the list before them. */
const CLOSERS = new Set(["then", "else", "elif", "fi", "do", "done", "esac", "}"]);
const RESERVED_CHAR = /[a-z{}![\]]/;
/** Characters that end an unquoted word (with `\r\n` and the end of text). */
const WORD_END = new Set([" ", "\t", "\n", ";", "&", "|", "<", ">", "(", ")"]);
const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"]);
/** Operators that may follow an fd number, longest first so that `<<-` wins over `<<` and `<`. */
const REDIRECT_OPS = ["&>>", "<<<", "<<-", "&>", ">>", ">&", "<&", "<>", ">|", "<<", ">", "<"];
/** Deeper nesting is hostile input; stopping keeps the recursion far from the stack limit. */
const MAX_NESTING = 200;
const MAX_ERRORS = 20;

// Sticky regexes read runs of ordinary characters in one step; each is linear.
const PLAIN = /[^ \t\r\n;&|<>()'"\\$`*?[\]]+/y;
const SQ_PLAIN = /[^']+/y;
const SQ_DOCKER_PLAIN = /[^'\\]+/y;
const DQ_PLAIN = /[^"\\$`]+/y;
const BRACE_PLAIN = /[^{}\\'"$`]+/y;
const ARITH_PLAIN = /[^()\\'"$`]+/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const ANSI_ESCAPE =
  /\\(?:([abeEfnrtv\\'"?])|([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})|c(.))/y;
const ANSI_SIMPLE: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

interface Shared {
  commands: ShellCommand[];
  /** Per command, how many command substitutions enclose it: a pipe only takes output that is not captured. */
  levels: number[];
  pipelines: ShellPipeline[];
  errors: ShellSyntaxError[];
  nesting: number;
  aborted: boolean;
}

/** Where a parser's text sits in the file: an offset, or per-character offsets for text rebuilt from quotes. */
type Placement = number | { starts: number[]; ends: number[]; end: number };

interface Token {
  text: string;
  end: number;
}

interface Word {
  word: ShellWord;
  from: number;
  to: number;
}

interface PendingHeredoc {
  redirect: ShellRedirect;
  delimiter: string;
  stripTabs: boolean;
}

/**
 * A recursive-descent parser over the POSIX grammar (with the bash forms common in Dockerfiles). It reads characters
 * directly, because where a word ends depends on the construct around it; each character is visited a bounded
 * number of times.
 */
class Parser {
  private pos = 0;
  private connector: string | undefined;
  private heredocs: PendingHeredoc[] = [];
  /** Parsing an `if`/`while`/`until` condition. */
  private condition = false;

  constructor(
    private readonly src: string,
    private readonly shared: Shared,
    private readonly place: Placement,
    private readonly docker: boolean,
    private depth: number,
    private level: number,
  ) {}

  script(): void {
    for (;;) {
      this.list();
      if (this.peek() === undefined) break;
      this.unexpected();
    }
    for (const doc of this.heredocs) {
      this.error(`here-document has no body ending with "${doc.delimiter}"`, doc.redirect.span);
    }
  }

  // --- Lists and commands ---

  /** Parses and-or lists until the end of the text or a token that closes an enclosing construct. */
  private list(): void {
    let pending: string | undefined;
    let seen = false;
    for (;;) {
      this.skipBlanksAndComment();
      const c = this.peek();
      if (c === undefined || this.closerAt()) return;
      if (c === "\n") {
        this.newline();
        if (seen) pending ??= "\n";
        continue;
      }
      this.connector = pending;
      const before = this.pos;
      this.andOr();
      if (this.pos === before) {
        this.unexpected();
        continue;
      }
      seen = true;
      pending = undefined;
      this.skipBlanks();
      const op = this.controlAt();
      if (op?.text === ";" || op?.text === "&") {
        this.pos = op.end;
        pending = op.text;
      }
    }
  }

  private andOr(): void {
    let pipeline = this.pipeline();
    for (;;) {
      this.skipBlanks();
      const op = this.controlAt();
      if (op?.text !== "&&" && op?.text !== "||") return;
      if (op.text === "||" && typeof pipeline === "object") pipeline.tested = true;
      this.pos = op.end;
      this.linebreak();
      this.connector = op.text;
      pipeline = this.pipeline();
      if (!pipeline) this.error(`expected a command after "${op.text}"`, this.spanAt(this.pos));
    }
  }

  /** Parses a pipeline; false if none starts here, its record if it has a pipe. */
  private pipeline(): boolean | ShellPipeline {
    const start = this.shared.commands.length;
    let pipe: string | undefined;
    for (;;) {
      const first = this.shared.commands.length;
      if (!this.command()) {
        if (pipe) this.error(`expected a command after "${pipe}"`, this.spanAt(this.pos));
        return pipe !== undefined && this.recordPipeline(start);
      }
      this.skipBlanks();
      const op = this.controlAt();
      if (op?.text !== "|" && op?.text !== "|&") return pipe === undefined || this.recordPipeline(start);
      this.markPiped(first);
      this.pos = op.end;
      this.linebreak();
      this.connector = "|";
      pipe = op.text;
    }
  }

  private recordPipeline(start: number): ShellPipeline {
    const { commands, levels } = this.shared;
    const own = commands.slice(start).filter((_, i) => levels[start + i] === this.level);
    const pipeline = { commands: own, substituted: this.level > 0, tested: this.condition };
    this.shared.pipelines.push(pipeline);
    return pipeline;
  }

  /** Everything parsed since `first` writes into the pipe, except output captured by a deeper substitution. */
  private markPiped(first: number): void {
    const { commands, levels } = this.shared;
    for (let i = first; i < commands.length; i++) {
      if (levels[i] === this.level) commands[i]!.pipedOut = true;
    }
  }

  /** Parses one command; false if none starts here. */
  private command(): boolean {
    this.skipBlanks();
    let reserved = this.reservedAt();
    let negated = false;
    while (reserved?.text === "!") {
      this.pos = reserved.end;
      this.skipBlanks();
      reserved = this.reservedAt();
      negated = true;
    }
    // These words cannot start a command; the enclosing list reports or consumes them.
    if (reserved && (CLOSERS.has(reserved.text) || reserved.text === "in" || reserved.text === "]]"))
      return negated;
    const c = this.peek();
    const from = this.pos;
    if (reserved) {
      this.pos = reserved.end;
      this.nest(() => this.reservedCommand(reserved.text, from));
    } else if (c === "(") this.nest(() => this.parenCommand());
    else return this.simpleCommand() || negated;
    // Redirections of a compound command apply to all of it; they are read but not attached.
    for (;;) {
      this.skipBlanks();
      if (!this.redirect()) return true;
    }
  }

  private reservedCommand(word: string, from: number): void {
    switch (word) {
      case "{":
        this.list();
        this.expect("}");
        return;
      case "if":
        this.ifCommand();
        return;
      case "while":
      case "until":
        this.conditionList();
        this.doGroup();
        return;
      case "for":
      case "select":
        this.forCommand();
        return;
      case "case":
        this.caseCommand();
        return;
      case "[[":
        this.conditional(from);
        return;
      case "function":
        this.skipBlanks();
        if (this.wordStartsHere()) this.word();
        this.skipBlanks();
        if (this.peek() === "(") this.functionParens();
        this.functionBody();
        return;
    }
  }

  /** A `( subshell )` or a `(( arithmetic ))` command. */
  private parenCommand(): void {
    const from = this.pos;
    const second = this.join(from + 1);
    if (this.src[second] === "(") {
      this.pos = second + 1;
      this.arithmetic(from);
      return;
    }
    this.pos = from + 1;
    this.depth++;
    this.untilParen(from, "subshell");
    this.depth--;
  }

  private conditionList(): void {
    const outer = this.condition;
    this.condition = true;
    this.list();
    this.condition = outer;
  }

  private ifCommand(): void {
    this.conditionList();
    this.expect("then");
    this.list();
    for (;;) {
      const word = this.reservedAt();
      if (word?.text === "elif") {
        this.pos = word.end;
        this.conditionList();
        this.expect("then");
        this.list();
      } else if (word?.text === "else") {
        this.pos = word.end;
        this.list();
      } else break;
    }
    this.expect("fi");
  }

  private forCommand(): void {
    this.skipBlanks();
    const from = this.pos;
    const second = this.join(from + 1);
    if (this.peek() === "(" && this.src[second] === "(") {
      this.pos = second + 1;
      this.arithmetic(from);
    } else if (this.wordStartsHere()) this.word();
    else this.error("expected a variable name after for", this.spanAt(this.pos));
    this.linebreak();
    const inWord = this.reservedAt();
    if (inWord?.text === "in") {
      this.pos = inWord.end;
      // The list words are not commands, but their substitutions are parsed.
      for (;;) {
        this.skipBlanksAndComment();
        if (!this.wordStartsHere()) break;
        this.word();
      }
    }
    this.skipBlanks();
    const op = this.controlAt();
    if (op?.text === ";") this.pos = op.end;
    this.linebreak();
    this.doGroup();
  }

  private doGroup(): void {
    if (!this.expect("do")) return;
    this.list();
    this.expect("done");
  }

  private caseCommand(): void {
    this.skipBlanks();
    if (this.wordStartsHere()) this.word();
    else this.error("expected a word after case", this.spanAt(this.pos));
    this.linebreak();
    if (!this.expect("in")) return;
    for (;;) {
      this.linebreak();
      const esac = this.reservedAt();
      if (esac?.text === "esac") {
        this.pos = esac.end;
        return;
      }
      if (this.peek() === "(") this.pos++;
      if (!this.casePatterns()) return;
      this.list();
      this.skipBlanks();
      const op = this.controlAt();
      if (op?.text === ";;" || op?.text === ";&" || op?.text === ";;&") this.pos = op.end;
      else if (this.reservedAt()?.text !== "esac") {
        this.error('expected ";;" or "esac"', this.spanAt(this.pos));
        return;
      }
    }
  }

  /** Reads `pat | pat )`; patterns are words, never commands. */
  private casePatterns(): boolean {
    for (;;) {
      this.skipBlanks();
      if (!this.wordStartsHere()) {
        this.error("expected a case pattern", this.spanAt(this.pos));
        return false;
      }
      this.word();
      this.skipBlanks();
      const c = this.peek();
      if (c !== ")" && c !== "|") {
        this.error('expected ")" after a case pattern', this.spanAt(this.pos));
        return false;
      }
      this.pos++;
      if (c === ")") return true;
    }
  }

  /** `[[ ... ]]`: its operators (`&&`, `<`, `(`) are test syntax, so it becomes one command named `[[`. */
  private conditional(from: number): void {
    const cmd = this.newCommand();
    cmd.name = { value: "[[", span: this.span(from, from + 2), quoted: false, dynamic: false };
    for (;;) {
      this.linebreak();
      const close = this.reservedAt();
      if (close?.text === "]]") {
        cmd.args.push({ value: "]]", span: this.span(this.pos, close.end), quoted: false, dynamic: false });
        this.pos = close.end;
        break;
      }
      const c = this.peek();
      if (c === undefined) {
        this.error('expected "]]"', this.span(from, from + 2));
        break;
      }
      if (this.wordStartsHere()) cmd.args.push(this.word().word);
      else {
        const end = this.controlAt()?.end ?? this.pos + 1;
        const text = this.src.slice(this.pos, end);
        cmd.args.push({ value: text, span: this.span(this.pos, end), quoted: false, dynamic: false });
        this.pos = end;
      }
    }
    this.emit(cmd, from);
  }

  private functionParens(): boolean {
    let i = this.join(this.pos + 1);
    while (this.src[i] === " " || this.src[i] === "\t") i = this.join(i + 1);
    if (this.src[i] !== ")") return false;
    this.pos = i + 1;
    return true;
  }

  private functionBody(): void {
    this.linebreak();
    if (!this.command()) this.error("expected a function body", this.spanAt(this.pos));
  }

  private simpleCommand(): boolean {
    const cmd = this.newCommand();
    const argRanges: number[] = [];
    let from = -1;
    let end = 0;
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === undefined || c === "\n" || c === ";" || c === "|" || c === ")") break;
      if (c === "&" && this.src[this.join(this.pos + 1)] !== ">") break;
      if (c === "#") {
        this.skipComment();
        break;
      }
      if (c === "(") {
        const definesFunction =
          cmd.name && !cmd.args.length && !cmd.assignments.length && !cmd.redirects.length;
        if (definesFunction && this.functionParens()) {
          this.nest(() => this.functionBody());
          return true;
        }
        this.error('unexpected "("', this.spanAt(this.pos));
        this.pos++;
        continue;
      }
      if (from < 0) from = this.pos;
      const redirect = this.redirect();
      if (redirect) {
        cmd.redirects.push(redirect);
        end = redirect.span.end;
        continue;
      }
      const word = this.word();
      end = word.word.span.end;
      if (!cmd.name && this.assignmentEnd(word.from) > 0) cmd.assignments.push(word.word);
      else if (!cmd.name) cmd.name = word.word;
      else {
        cmd.args.push(word.word);
        argRanges.push(word.from, word.to);
      }
    }
    if (from < 0) {
      this.connector = cmd.connector;
      return false;
    }
    this.emit(cmd, from, end);
    this.nestedShell(cmd, argRanges);
    return true;
  }

  private newCommand(): ShellCommand {
    const cmd: ShellCommand = {
      assignments: [],
      args: [],
      redirects: [],
      span: { start: 0, end: 0 },
      connector: this.connector,
      pipedOut: false,
      depth: this.depth,
    };
    this.connector = undefined;
    return cmd;
  }

  private emit(cmd: ShellCommand, from: number, end?: number): void {
    const last = cmd.args.at(-1)?.span.end ?? cmd.name?.span.end ?? this.at(from);
    cmd.span = { start: this.at(from), end: end ?? last };
    this.shared.commands.push(cmd);
    this.shared.levels.push(this.level);
  }

  /** `sh -c 'script'`: the script is shell code too, so its commands are listed one level deeper. */
  private nestedShell(cmd: ShellCommand, argRanges: number[]): void {
    const name = commandName(cmd);
    if (name === undefined || !SHELLS.has(name)) return;
    const index = shellScriptIndex(cmd.args);
    if (index < 0) return;
    const text = this.unquote(argRanges[2 * index]!, argRanges[2 * index + 1]!);
    if (!text) return;
    const place = { starts: text.starts, ends: text.ends, end: cmd.args[index]!.span.end };
    this.nest(() => new Parser(text.value, this.shared, place, false, this.depth + 1, this.level).script());
  }

  /**
   * The characters of the word at [from, to) after quote removal, each with its file span; undefined if the word
   * has a substitution or `$'...'`, whose text the shell only knows when it runs.
   */
  private unquote(from: number, to: number): { value: string; starts: number[]; ends: number[] } | undefined {
    const s = this.src;
    const out = { value: "", starts: [] as number[], ends: [] as number[] };
    const push = (ch: string, a: number, b: number) => {
      out.value += ch;
      out.starts.push(this.at(a));
      out.ends.push(this.after(b - 1));
    };
    let quote = "";
    for (let i = from; ; ) {
      if (quote !== "'" || this.docker) i = this.join(i);
      if (i >= to) return out;
      const c = s[i]!;
      const n = s[i + 1];
      if (quote === "'") {
        if (c === "'") quote = "";
        else push(c, i, i + 1);
        i++;
        continue;
      }
      if (c === "`" || (c === "$" && (n === "(" || (!quote && (n === "'" || n === '"'))))) return undefined;
      if (c === quote) quote = "";
      else if (!quote && (c === "'" || c === '"')) quote = c;
      else if (c === "\\" && n !== undefined && (!quote || '$`"\\'.includes(n))) {
        push(n, i, i + 2);
        i++;
      } else push(c, i, i + 1);
      i++;
    }
  }

  // --- Words ---

  /** Reads the word at `pos`; callers check `wordStartsHere` first. */
  private word(): Word {
    const s = this.src;
    const from = this.pos;
    let value = "";
    let quoted = false;
    let dynamic = false;
    let bracket = false;
    let end = from;
    for (;;) {
      const c = this.peek();
      if (c === undefined || (c === "\r" && s[this.pos + 1] === "\n")) break;
      if (this.pos === from && (c === "<" || c === ">") && s[this.join(this.pos + 1)] === "(") {
        this.pos = this.join(this.pos + 1) + 1;
        this.nest(() => this.substitution(from, "process substitution"));
        value += s.slice(from, this.pos);
        dynamic = true;
      } else if (c === "(" && this.assignmentEnd(from) === this.pos) {
        this.nest(() => this.arrayValue());
        value += s.slice(end, this.pos);
        dynamic = true;
      } else if (WORD_END.has(c)) break;
      else if (c === "'") {
        value += this.singleQuoted();
        quoted = true;
      } else if (c === '"') {
        const part = this.doubleQuoted();
        value += part.value;
        dynamic ||= part.dynamic;
        quoted = true;
      } else if (c === "\\") {
        value += s[this.pos + 1] ?? "\\";
        this.pos = Math.min(this.pos + 2, s.length);
        quoted = true;
      } else if (c === "$") {
        const part = this.dollar(false);
        value += part.value;
        dynamic ||= part.dynamic;
        quoted ||= part.quoted;
      } else if (c === "`") {
        value += this.backtick(false);
        dynamic = true;
      } else {
        // A glob: `*`, `?`, or a `[` closed later in the word.
        if (c === "*" || c === "?" || (c === "]" && bracket)) dynamic = true;
        if (c === "[") bracket = true;
        const run = this.run(PLAIN);
        value += run || c;
        if (!run) this.pos++;
      }
      end = this.pos;
    }
    return { word: { value, span: this.span(from, end), quoted, dynamic }, from, to: end };
  }

  /** bash `name=(a b c)`; `pos` is at the `(`. */
  private arrayValue(): void {
    const open = this.pos++;
    for (;;) {
      this.linebreak();
      const c = this.peek();
      if (c === ")") {
        this.pos++;
        return;
      }
      if (!this.wordStartsHere()) {
        this.error("unterminated array", this.spanAt(open));
        return;
      }
      this.word();
    }
  }

  private singleQuoted(): string {
    // Docker removes continuations even inside quotes, so its runs stop at each backslash to check for one.
    const plain = this.docker ? SQ_DOCKER_PLAIN : SQ_PLAIN;
    return this.toClosingQuote("single quote", (i) => {
      plain.lastIndex = i;
      const m = plain.exec(this.src);
      return m ? [m[0], plain.lastIndex] : [this.src[i]!, i + 1];
    });
  }

  private doubleQuoted(): { value: string; dynamic: boolean } {
    const s = this.src;
    const open = this.pos++;
    let value = "";
    let dynamic = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        this.error("unterminated double quote", this.spanAt(open));
        return { value, dynamic };
      }
      if (c === '"') {
        this.pos++;
        return { value, dynamic };
      }
      if (c === "\\") {
        const n = s[this.pos + 1];
        const escapes = n !== undefined && '$`"\\'.includes(n);
        value += escapes ? n : "\\";
        this.pos += escapes ? 2 : 1;
      } else if (c === "$") {
        const part = this.dollar(true);
        value += part.value;
        dynamic ||= part.dynamic;
      } else if (c === "`") {
        value += this.backtick(true);
        dynamic = true;
      } else value += this.run(DQ_PLAIN);
    }
  }

  /** Reads a `$` form at `pos`; expansions keep their written text as value. */
  private dollar(inDouble: boolean): { value: string; dynamic: boolean; quoted: boolean } {
    const s = this.src;
    const from = this.pos;
    const next = this.join(from + 1);
    const n = s[next];
    const written = () => ({ value: s.slice(from, this.pos), dynamic: true, quoted: false });
    if (n === "(") {
      const second = this.join(next + 1);
      if (s[second] === "(") {
        this.pos = second + 1;
        this.nest(() => this.arithmetic(from));
      } else {
        this.pos = next + 1;
        this.nest(() => this.substitution(from, "command substitution"));
      }
      return written();
    }
    if (n === "{") {
      this.pos = next + 1;
      this.nest(() => this.braceParameter(from, inDouble));
      return written();
    }
    if (!inDouble && n === "'") {
      this.pos = next;
      return { value: this.ansiC(), dynamic: false, quoted: true };
    }
    if (!inDouble && n === '"') {
      this.pos = next;
      return { ...this.doubleQuoted(), quoted: true };
    }
    this.pos = next;
    if (n !== undefined && "@*#?$!-0123456789".includes(n)) this.pos++;
    else if (!this.run(NAME)) {
      this.pos = from + 1;
      return { value: "$", dynamic: false, quoted: false };
    }
    return written();
  }

  /** `$( ... )`, `<( ... )` or `>( ... )` after its opening; the commands inside are one level deeper. */
  private substitution(from: number, what: string): void {
    this.depth++;
    this.level++;
    this.untilParen(from, what);
    this.depth--;
    this.level--;
  }

  /** Parses lists up to the `)` that closes the construct opened at `from`, reporting stray closers inside. */
  private untilParen(from: number, what: string): void {
    for (;;) {
      this.list();
      const c = this.peek();
      if (c === ")") {
        this.pos++;
        return;
      }
      if (c === undefined) {
        this.error(`unterminated ${what}`, this.spanAt(from));
        return;
      }
      this.unexpected();
    }
  }

  /** Skips to the `))` ending arithmetic opened at `from`, parsing any substitutions on the way. */
  private arithmetic(from: number): void {
    if (!this.toClosing(from, "()", ARITH_PLAIN, false, "arithmetic expression")) return;
    const second = this.join(this.pos + 1);
    this.pos = second;
    if (this.src[second] !== ")") this.error('expected "))"', this.spanAt(second));
    else this.pos++;
  }

  /** Skips to the `}` ending `${...}` opened at `from`. */
  private braceParameter(from: number, inDouble: boolean): void {
    if (this.toClosing(from, "{}", BRACE_PLAIN, inDouble, "${...}")) this.pos++;
  }

  /**
   * Moves `pos` to the unnested closing bracket (`brackets[1]`) of the construct opened at `from`, stepping over
   * nested pairs, quotes and expansions; false, with an error, when the text ends first.
   */
  private toClosing(
    from: number,
    brackets: "()" | "{}",
    plain: RegExp,
    inDouble: boolean,
    what: string,
  ): boolean {
    const [open, close] = brackets;
    let depth = 0;
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        this.error(`unterminated ${what}`, this.spanAt(from));
        return false;
      }
      if (c === close && depth === 0) return true;
      if (c === open) depth++;
      else if (c === close) depth--;
      this.skipQuotedOr(c, plain, inDouble);
    }
  }

  /** Steps over one quoted part, expansion, escape or run of other characters inside `${}` or `$(())`. */
  private skipQuotedOr(c: string, plain: RegExp, inDouble: boolean): void {
    if (c === "$") this.dollar(inDouble);
    else if (c === "`") this.backtick(inDouble);
    else if (c === '"') this.doubleQuoted();
    else if (c === "'" && !inDouble) this.singleQuoted();
    else if (c === "\\") this.pos = Math.min(this.pos + 2, this.src.length);
    else if (!this.run(plain)) this.pos++;
  }

  /**
   * Reads `` `...` ``: inside, `\$`, `` \` `` and `\\` (and `\"` within double quotes) lose their backslash
   * before the body is parsed, so the body is rebuilt with a file offset per character.
   */
  private backtick(inDouble: boolean): string {
    const s = this.src;
    const open = this.pos;
    const body = { value: "", starts: [] as number[], ends: [] as number[] };
    let i = open + 1;
    for (;;) {
      i = this.join(i);
      const c = s[i];
      if (c === undefined || c === "`") break;
      const n = s[i + 1];
      const escaped =
        c === "\\" && n !== undefined && (n === "$" || n === "`" || n === "\\" || (inDouble && n === '"'));
      body.value += escaped ? n : c;
      body.starts.push(this.at(i));
      i += escaped ? 2 : 1;
      body.ends.push(this.after(i - 1));
    }
    if (i >= s.length) this.error("unterminated backquote", this.spanAt(open));
    this.pos = Math.min(i + 1, s.length);
    const place = { starts: body.starts, ends: body.ends, end: this.at(i) };
    this.nest(() =>
      new Parser(body.value, this.shared, place, false, this.depth + 1, this.level + 1).script(),
    );
    return s.slice(open, this.pos);
  }

  /** Reads `$'...'` at the quote, resolving its C-style escapes. */
  private ansiC(): string {
    const s = this.src;
    return this.toClosingQuote("$'...' string", (i) => {
      if (s[i] !== "\\") return [s[i]!, i + 1];
      ANSI_ESCAPE.lastIndex = i;
      const m = ANSI_ESCAPE.exec(s);
      return m ? [ansiEscape(m), ANSI_ESCAPE.lastIndex] : [s.slice(i, i + 2), i + 2];
    });
  }

  /**
   * Reads a string from the quote at `pos` to the next `'`, which `read` never steps over: `read(i)` returns the
   * value of the text at `i` and the index after it. Docker continuations are removed inside the quotes too.
   */
  private toClosingQuote(what: string, read: (i: number) => [value: string, next: number]): string {
    const s = this.src;
    const open = this.pos;
    let value = "";
    let i = open + 1;
    for (;;) {
      if (this.docker) i = this.join(i);
      const c = s[i];
      if (c === undefined) {
        this.error(`unterminated ${what}`, this.spanAt(open));
        this.pos = s.length;
        return value;
      }
      if (c === "'") {
        this.pos = i + 1;
        return value;
      }
      const [part, next] = read(i);
      value += part;
      i = next;
    }
  }

  // --- Redirections and here-documents ---

  /** Reads a redirection at `pos`, or returns undefined without moving. */
  private redirect(): ShellRedirect | undefined {
    const s = this.src;
    const from = this.join(this.pos);
    let i = from;
    while (isDigit(s[i])) i++;
    if (!"<>&".includes(s[i] ?? " ")) return undefined;
    const op = REDIRECT_OPS.find((candidate) => s.startsWith(candidate, i));
    if (!op || (i > from && op[0] === "&")) return undefined;
    if ((op === "<" || op === ">") && s[i + 1] === "(") return undefined;
    this.pos = i + op.length;
    this.skipBlanks();
    const target = this.wordStartsHere() ? this.word().word : undefined;
    const span = { start: this.at(from), end: target?.span.end ?? this.after(i + op.length - 1) };
    const redirect: ShellRedirect = { op: s.slice(from, i) + op, span };
    if (!target) {
      this.error(`expected a target after "${op}"`, span);
      return redirect;
    }
    redirect.target = target;
    if (op === "<<" || op === "<<-") {
      this.heredocs.push({ redirect, delimiter: target.value, stripTabs: op === "<<-" });
    }
    return redirect;
  }

  /** Consumes a newline; here-document bodies start on the line after the command that opened them. */
  private newline(): void {
    this.pos++;
    const pending = this.heredocs;
    this.heredocs = [];
    for (const doc of pending) this.heredocBody(doc);
  }

  private heredocBody(doc: PendingHeredoc): void {
    const s = this.src;
    const start = this.pos;
    const literal = doc.redirect.target!.quoted;
    for (let line = start; line < s.length; ) {
      const newline = s.indexOf("\n", line);
      const lineEnd = newline < 0 ? s.length : newline;
      let text = s.slice(line, s[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd);
      if (doc.stripTabs) text = text.replace(/^\t+/, "");
      if (text === doc.delimiter) {
        doc.redirect.heredoc = { text: s.slice(start, line), span: this.span(start, line), literal };
        this.pos = newline < 0 ? s.length : newline + 1;
        return;
      }
      line = lineEnd + 1;
    }
    this.error(`here-document is not terminated by "${doc.delimiter}"`, doc.redirect.span);
    doc.redirect.heredoc = { text: s.slice(start), span: this.span(start, s.length), literal };
    this.pos = s.length;
  }

  // --- Characters and tokens ---

  /** Skips backslash-newline continuations at `i`; the shell deletes them before reading the text. */
  private join(i: number): number {
    const s = this.src;
    while (s[i] === "\\") {
      let j = i + 1;
      if (this.docker) while (s[j] === " " || s[j] === "\t") j++;
      if (s[j] === "\r") j++;
      if (s[j] !== "\n") return i;
      i = this.docker ? this.dropDockerLines(j + 1) : j + 1;
    }
    return i;
  }

  /** Inside a Docker continuation, blank lines and lines starting with `#` are removed. */
  private dropDockerLines(i: number): number {
    const s = this.src;
    for (;;) {
      let j = i;
      while (s[j] === " " || s[j] === "\t" || (s[j] === "\r" && s[j + 1] === "\n")) j++;
      if (s[j] === "\n") i = j + 1;
      else if (s[j] === "#") {
        const newline = s.indexOf("\n", j);
        if (newline < 0) return s.length;
        i = newline + 1;
      } else return i;
    }
  }

  private peek(): string | undefined {
    this.pos = this.join(this.pos);
    return this.src[this.pos];
  }

  private run(re: RegExp): string {
    const from = this.pos;
    re.lastIndex = from;
    if (!re.test(this.src)) return "";
    this.pos = re.lastIndex;
    return this.src.slice(from, this.pos);
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || (c === "\r" && this.src[this.pos + 1] === "\n")) this.pos++;
      else return;
    }
  }

  private skipBlanksAndComment(): void {
    this.skipBlanks();
    if (this.peek() === "#") this.skipComment();
  }

  /** A comment runs to the end of the line; in a Dockerfile continuations have already joined it to the next. */
  private skipComment(): void {
    const s = this.src;
    for (;;) {
      const newline = s.indexOf("\n", this.pos);
      if (newline < 0) {
        this.pos = s.length;
        return;
      }
      let slash = newline;
      while (this.docker && slash > this.pos && " \t\r".includes(s[slash - 1]!)) slash--;
      this.pos = newline;
      if (!this.docker || s[slash - 1] !== "\\") return;
      this.pos = this.join(slash - 1);
    }
  }

  /** Skips blanks, comments and newlines, as allowed after `&&`, `||`, `|` and reserved words. */
  private linebreak(): void {
    for (;;) {
      this.skipBlanksAndComment();
      if (this.peek() !== "\n") return;
      this.newline();
    }
  }

  private wordStartsHere(): boolean {
    const c = this.peek();
    if (c === undefined || (c === "\r" && this.src[this.pos + 1] === "\n")) return false;
    if ((c === "<" || c === ">") && this.src[this.join(this.pos + 1)] === "(") return true;
    return !WORD_END.has(c);
  }

  /** The name of `NAME=value`: the index after `=`, or -1. */
  private assignmentEnd(from: number): number {
    NAME.lastIndex = from;
    if (!NAME.exec(this.src)) return -1;
    let i = NAME.lastIndex;
    if (this.src[i] === "+") i++;
    return this.src[i] === "=" ? i + 1 : -1;
  }

  /** The control operator at `pos`, without consuming it. */
  private controlAt(): Token | undefined {
    const s = this.src;
    const a = this.join(this.pos);
    const c = s[a];
    if (c === undefined || !";&|()".includes(c)) return undefined;
    const b = this.join(a + 1);
    const d = s[b];
    if (c === ";" && d === ";") {
      const e = this.join(b + 1);
      return s[e] === "&" ? { text: ";;&", end: e + 1 } : { text: ";;", end: b + 1 };
    }
    if ((c === "&" || c === "|") && d === c) return { text: c + c, end: b + 1 };
    if ((c === ";" || c === "|") && d === "&") return { text: `${c}&`, end: b + 1 };
    if (c === "&" && d === ">") return undefined;
    return { text: c, end: a + 1 };
  }

  /** A reserved word at `pos`: only a whole unquoted word counts. */
  private reservedAt(): Token | undefined {
    const s = this.src;
    let i = this.join(this.pos);
    let text = "";
    while (text.length < 8 && s[i] !== undefined && RESERVED_CHAR.test(s[i]!)) {
      text += s[i];
      i = this.join(i + 1);
    }
    const after = s[i];
    if (!RESERVED.has(text) || (after !== undefined && after !== "\r" && !WORD_END.has(after)))
      return undefined;
    return { text, end: i };
  }

  /** A token that ends the current list: `)`, `;;`-style case terminators, or a closing reserved word. */
  private closerAt(): Token | undefined {
    const op = this.controlAt();
    if (op) return op.text === ")" || op.text.startsWith(";;") || op.text === ";&" ? op : undefined;
    const word = this.reservedAt();
    return word && CLOSERS.has(word.text) ? word : undefined;
  }

  private expect(word: string): boolean {
    this.linebreak();
    const found = this.reservedAt();
    if (found?.text === word) {
      this.pos = found.end;
      return true;
    }
    this.error(`expected "${word}"`, this.spanAt(this.pos));
    return false;
  }

  /** Reports and steps over a token that cannot start a command here. */
  private unexpected(): void {
    const token = this.controlAt() ?? this.reservedAt() ?? { text: this.src[this.pos]!, end: this.pos + 1 };
    this.error(`unexpected "${token.text}"`, this.span(this.pos, token.end));
    this.pos = token.end;
  }

  private nest(parse: () => void): void {
    if (this.shared.nesting >= MAX_NESTING) {
      this.error("nesting is too deep to parse", this.spanAt(this.pos));
      this.shared.aborted = true;
      this.pos = this.src.length;
      return;
    }
    this.shared.nesting++;
    parse();
    this.shared.nesting--;
  }

  /** Errors after the first few, or after giving up on deep nesting, are consequences of the first. */
  private error(message: string, span: Span): void {
    if (!this.shared.aborted && this.shared.errors.length < MAX_ERRORS)
      this.shared.errors.push({ message, span });
  }

  // --- Offsets ---

  private at(i: number): number {
    const p = this.place;
    if (typeof p === "number") return p + i;
    return i < p.starts.length ? p.starts[i]! : p.end;
  }

  /** The file offset just past character `i`. */
  private after(i: number): number {
    const p = this.place;
    if (typeof p === "number") return p + i + 1;
    return p.ends[i] ?? p.end;
  }

  private span(from: number, to: number): Span {
    return to > from
      ? { start: this.at(from), end: this.after(to - 1) }
      : { start: this.at(from), end: this.at(from) };
  }

  /** One character at `i`, or an empty span at the end of the text. */
  private spanAt(i: number): Span {
    return this.span(i, Math.min(i + 1, this.src.length));
  }
}

/** Index of the script operand of `sh -c`, or -1; options come first and `c` may be grouped (`-ec`). */
function shellScriptIndex(args: ShellWord[]): number {
  let script = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!.value;
    if (arg === "--") return script && i + 1 < args.length ? i + 1 : -1;
    if (arg.length < 2 || (arg[0] !== "-" && arg[0] !== "+")) return script ? i : -1;
    if (arg.startsWith("--")) {
      if (arg === "--rcfile" || arg === "--init-file") i++;
      continue;
    }
    if (arg[0] === "-" && arg.includes("c")) script = true;
    // `-o pipefail`, also grouped as `-euxo pipefail`, takes the next argument.
    if (arg.endsWith("o") || arg.endsWith("O")) i++;
  }
  return -1;
}

function ansiEscape(m: RegExpExecArray): string {
  const [, simple, octal, hex, short, long, control] = m;
  if (simple) return ANSI_SIMPLE[simple] ?? simple;
  if (octal) return String.fromCharCode(Number.parseInt(octal, 8) & 0xff);
  const code = hex ?? short ?? long;
  if (code) return String.fromCodePoint(Math.min(Number.parseInt(code, 16), 0x10ffff));
  return String.fromCharCode(control!.charCodeAt(0) & 0x1f);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}
