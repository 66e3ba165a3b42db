import { describe, expect, it } from "vitest";
import {
  commandName,
  flagValue,
  hasFlag,
  parseShell,
  positionalArgs,
  type ShellCommand,
  type ShellScript,
  subcommand,
} from "../../src/parse/shell.js";
import { SourceFile, type Span } from "../../src/source.js";

const cut = (text: string, span: Span) => text.slice(span.start, span.end);
const words = (cmd: ShellCommand) => [cmd.name, ...cmd.args].map((w) => w?.value);
const names = (script: { commands: ShellCommand[] }) => script.commands.map((c) => c.name?.value);

/** Parses and checks that every span of every command points at the text it claims. */
function parse(text: string): ShellScript {
  const script = parseShell(text);
  expect(script.errors).toEqual([]);
  return script;
}

function only(text: string): ShellCommand {
  const { commands } = parse(text);
  expect(commands).toHaveLength(1);
  return commands[0]!;
}

describe("words", () => {
  it("splits on blanks and keeps exact spans", () => {
    const text = "echo  hello\tworld";
    const cmd = only(text);
    expect(words(cmd)).toEqual(["echo", "hello", "world"]);
    expect(cut(text, cmd.args[1]!.span)).toBe("world");
    expect(cut(text, cmd.span)).toBe(text);
  });

  it("keeps a double-quoted string as one word", () => {
    const text = 'echo "a b" c';
    const cmd = only(text);
    expect(cmd.args.map((w) => w.value)).toEqual(["a b", "c"]);
    expect(cut(text, cmd.args[0]!.span)).toBe('"a b"');
    expect(cmd.args[0]!.quoted).toBe(true);
    expect(cmd.args[1]!.quoted).toBe(false);
  });

  it("takes single quotes literally", () => {
    const cmd = only("echo 'a \"$b\" \\n'");
    expect(cmd.args[0]!.value).toBe('a "$b" \\n');
    expect(cmd.args[0]!.dynamic).toBe(false);
  });

  it("resolves backslash escapes outside and inside double quotes", () => {
    const cmd = only('echo a\\ b "q\\"x\\$y\\z" \\*');
    expect(cmd.args.map((w) => w.value)).toEqual(["a b", 'q"x$y\\z', "*"]);
    expect(cmd.args[2]!.dynamic).toBe(false);
  });

  it("decodes $'...' strings", () => {
    const text = "printf $'a\\tb\\n\\x41\\'' x";
    const cmd = only(text);
    expect(cmd.args[0]!.value).toBe("a\tb\nA'");
    expect(cut(text, cmd.args[0]!.span)).toBe("$'a\\tb\\n\\x41\\''");
    expect(cmd.args[1]!.value).toBe("x");
  });

  it("keeps ${VAR:-x y} inside one word", () => {
    const text = "echo pre${VAR:-x y}post next";
    const cmd = only(text);
    expect(cmd.args.map((w) => w.value)).toEqual(["pre${VAR:-x y}post", "next"]);
    expect(cmd.args[0]!.dynamic).toBe(true);
    expect(cut(text, cmd.args[0]!.span)).toBe("pre${VAR:-x y}post");
  });

  it("marks parameter expansions and unquoted globs as dynamic, quoted globs as literal", () => {
    const cmd = only('ls $HOME/*.txt "*.md" file[12] [ x y');
    expect(cmd.args.map((w) => w.dynamic)).toEqual([true, false, true, false, false, false]);
    expect(cmd.name!.dynamic).toBe(false);
  });

  it("reads arithmetic expansion as one dynamic word without commands", () => {
    const { commands } = parse("echo $((1 + (2 * 3))) done");
    expect(commands).toHaveLength(1);
    expect(commands[0]!.args.map((w) => w.value)).toEqual(["$((1 + (2 * 3)))", "done"]);
    expect(commands[0]!.args[0]!.dynamic).toBe(true);
  });

  it("reads bash array assignments as one word", () => {
    const { commands } = parse('arr=(1 "2 3" $(seq 3)) cmd');
    expect(commands[0]!.assignments[0]!.value).toBe('arr=(1 "2 3" $(seq 3))');
    expect(commands[0]!.name!.value).toBe("cmd");
    expect(names({ commands: commands.slice(1) })).toEqual(["seq"]);
  });
});

describe("substitutions", () => {
  it("lists the commands of $(...) one level deeper", () => {
    const text = 'echo $(cmd "with spaces" | wc -l) end';
    const { commands } = parse(text);
    expect(names({ commands })).toEqual(["echo", "cmd", "wc"]);
    const [echo, cmd, wc] = commands;
    expect(echo!.args.map((w) => w.value)).toEqual(['$(cmd "with spaces" | wc -l)', "end"]);
    expect(echo!.depth).toBe(0);
    expect(cmd!.depth).toBe(1);
    expect(cmd!.args[0]!.value).toBe("with spaces");
    expect(cut(text, cmd!.args[0]!.span)).toBe('"with spaces"');
    expect(cut(text, wc!.span)).toBe("wc -l");
    expect(cmd!.pipedOut).toBe(true);
    expect(echo!.pipedOut).toBe(false);
  });

  it("parses nested substitutions", () => {
    const { commands } = parse("a $(b $(c) `d`)");
    expect(commands.map((c) => [c.name!.value, c.depth])).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 2],
      ["d", 2],
    ]);
  });

  it("parses backquotes and maps spans through their escapes", () => {
    const text = 'x=`echo \\`id\\` "\\$HOME"`';
    const { commands } = parse(text);
    expect(names({ commands })).toEqual([undefined, "echo", "id"]);
    const echo = commands[1]!;
    expect(echo.depth).toBe(1);
    expect(cut(text, echo.name!.span)).toBe("echo");
    expect(cut(text, echo.args[1]!.span)).toBe('"\\$HOME"');
    expect(commands[2]!.depth).toBe(2);
    expect(cut(text, commands[2]!.name!.span)).toBe("id");
  });

  it("parses process substitutions as words whose commands are nested", () => {
    const text = "bash <(curl -fsSL https://x.sh)";
    const { commands } = parse(text);
    expect(commands[0]!.args[0]!.value).toBe("<(curl -fsSL https://x.sh)");
    expect(commands[1]!.name!.value).toBe("curl");
    expect(commands[1]!.depth).toBe(1);
  });
});

describe("operators", () => {
  it("splits operators written without spaces and records connectors", () => {
    const text = "a&&b|c;d&e||f";
    const { commands } = parse(text);
    expect(names({ commands })).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(commands.map((c) => c.connector)).toEqual([undefined, "&&", "|", ";", "&", "||"]);
    expect(commands.map((c) => c.pipedOut)).toEqual([false, true, false, false, false, false]);
    expect(commands.map((c) => cut(text, c.span))).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("records pipelines, whether substituted, and whether their status is tested", () => {
    const { pipelines } = parse(
      "(a && b) | c || d; x=$(e | f); if g | h; then i | j; fi; until k | l; do :; done",
    );
    expect(
      pipelines.map((p) => [p.commands.map((c) => c.name!.value).join(" "), p.substituted, p.tested]),
    ).toEqual([
      ["a b c", false, true],
      ["e f", true, false],
      ["g h", false, true],
      ["i j", false, false],
      ["k l", false, true],
    ]);
  });

  it("continues && and || across newlines and comment lines", () => {
    const text = "apt-get update &&\n  # then install\n  apt-get install -y x ||\n\n  true";
    const { commands } = parse(text);
    expect(names({ commands })).toEqual(["apt-get", "apt-get", "true"]);
    expect(commands.map((c) => c.connector)).toEqual([undefined, "&&", "||"]);
  });

  it('uses "\\n" as connector only when no other separator came first', () => {
    const { commands } = parse("a\n\nb;\nc");
    expect(commands.map((c) => c.connector)).toEqual([undefined, "\n", ";"]);
  });

  it("reads redirections with fd numbers, dups and here-strings", () => {
    const text = 'cmd 2>&1 >/dev/null &> log >>out < in 3<> rw <<< "word x" arg';
    const cmd = only(text);
    expect(cmd.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ["2>&", "1"],
      [">", "/dev/null"],
      ["&>", "log"],
      [">>", "out"],
      ["<", "in"],
      ["3<>", "rw"],
      ["<<<", "word x"],
    ]);
    expect(cmd.args.map((w) => w.value)).toEqual(["arg"]);
    expect(cut(text, cmd.redirects[0]!.span)).toBe("2>&1");
    expect(cut(text, cmd.redirects[2]!.span)).toBe("&> log");
    expect(cut(text, cmd.span)).toBe(text);
  });

  it("treats digits not followed by a redirection as a word", () => {
    const { commands } = parse("sleep 10 && true");
    expect(commands[0]!.args[0]!.value).toBe("10");
    expect(commands[0]!.redirects).toEqual([]);
  });
});

describe("here-documents", () => {
  it("does not parse the body as commands", () => {
    const text = "cat <<EOF > /etc/app.conf && echo ok\nrm -rf / $(evil)\nEOF\nls";
    const { commands } = parse(text);
    expect(names({ commands })).toEqual(["cat", "echo", "ls"]);
    const [doc, file] = commands[0]!.redirects;
    expect(doc!.op).toBe("<<");
    expect(doc!.target!.value).toBe("EOF");
    expect(doc!.heredoc!.text).toBe("rm -rf / $(evil)\n");
    expect(doc!.heredoc!.literal).toBe(false);
    expect(cut(text, doc!.heredoc!.span)).toBe("rm -rf / $(evil)\n");
    expect(file!.target!.value).toBe("/etc/app.conf");
    expect(commands[2]!.connector).toBe("\n");
  });

  it("strips tabs for <<- and sees quoted delimiters", () => {
    const text = "cat <<-'END' | sh\n\techo hi\n\tEND\npython - <<\"PY\"\nprint(1)\nPY\n";
    const { commands } = parse(text);
    expect(names({ commands })).toEqual(["cat", "sh", "python"]);
    expect(commands[0]!.redirects[0]!.heredoc).toMatchObject({ text: "\techo hi\n", literal: true });
    expect(commands[2]!.redirects[0]!.heredoc!.text).toBe("print(1)\n");
  });

  it("reads two here-documents on one line in order", () => {
    const { commands } = parse("paste <<A <<B\n1\nA\n2\nB\necho after");
    expect(commands[0]!.redirects.map((r) => r.heredoc?.text)).toEqual(["1\n", "2\n"]);
    expect(names({ commands })).toEqual(["paste", "echo"]);
  });

  it("reads a here-document inside a command substitution", () => {
    const { commands } = parse("x=$(cat <<EOF\nnot $(a command)\nEOF\n)\nnext");
    expect(names({ commands })).toEqual([undefined, "cat", "next"]);
  });
});

describe("simple commands", () => {
  it("separates assignments from the command name", () => {
    const text = "A=1 B='x y' cmd C=3";
    const cmd = only(text);
    expect(cmd.assignments.map((w) => w.value)).toEqual(["A=1", "B=x y"]);
    expect(cmd.name!.value).toBe("cmd");
    expect(cmd.args.map((w) => w.value)).toEqual(["C=3"]);
    expect(cut(text, cmd.assignments[1]!.span)).toBe("B='x y'");
  });

  it("names export as the command", () => {
    const cmd = only("export PATH=/opt/bin:$PATH");
    expect(cmd.name!.value).toBe("export");
    expect(cmd.assignments).toEqual([]);
  });

  it("lists commands made only of assignments or redirects", () => {
    const { commands } = parse("X=1; > /tmp/empty");
    expect(commands.map((c) => [c.name, c.assignments.length, c.redirects.length])).toEqual([
      [undefined, 1, 0],
      [undefined, 0, 1],
    ]);
  });

  it("skips comments that start a word only", () => {
    const text = "echo a#b # c d\nls # e";
    const { commands } = parse(text);
    expect(commands.map(words)).toEqual([["echo", "a#b"], ["ls"]]);
  });

  it("accepts CRLF line ends", () => {
    const text = "a \\\r\n  b &&\r\n c\r\nd\r\n";
    const { commands } = parse(text);
    expect(commands.map(words)).toEqual([["a", "b"], ["c"], ["d"]]);
    expect(cut(text, commands[0]!.span)).toBe("a \\\r\n  b");
  });
});

describe("line continuations", () => {
  it("joins a word split by a continuation and spans both lines", () => {
    const text = "apt-\\\nget install";
    const cmd = only(text);
    expect(cmd.name!.value).toBe("apt-get");
    expect(cut(text, cmd.name!.span)).toBe("apt-\\\nget");
  });

  it("puts the rm of a multi-line ML RUN on its own line", () => {
    const body =
      "apt-get update && apt-get install -y \\\n    build-essential \\\n    curl \\\n    && rm -rf /var/lib/apt/lists/*";
    const file = new SourceFile("Dockerfile", `FROM python:3.11\nRUN ${body}\n`, "dockerfile");
    const offset = file.text.indexOf(body);
    const { commands, errors } = parseShell(body, offset);
    expect(errors).toEqual([]);
    expect(commands.map(words)).toEqual([
      ["apt-get", "update"],
      ["apt-get", "install", "-y", "build-essential", "curl"],
      ["rm", "-rf", "/var/lib/apt/lists/*"],
    ]);
    const rm = commands[2]!;
    expect(rm.connector).toBe("&&");
    expect(file.slice(rm.span)).toBe("rm -rf /var/lib/apt/lists/*");
    expect(file.position(rm.span.start)).toEqual({ line: 5, column: 8 });
    expect(file.position(commands[1]!.args[3]!.span.start)).toEqual({ line: 4, column: 5 });
  });

  it("offsets every span by the given file offset", () => {
    const cmd = parseShell("echo hi", 100).commands[0]!;
    expect(cmd.span).toEqual({ start: 100, end: 107 });
    expect(cmd.args[0]!.span).toEqual({ start: 105, end: 107 });
  });
});

describe("compound commands", () => {
  it("flattens if/elif/else and never names a reserved word", () => {
    const { commands } = parse("if [ -f x ]; then echo y; elif true; then :; else echo n; fi && done_cmd");
    expect(names({ commands })).toEqual(["[", "echo", "true", ":", "echo", "done_cmd"]);
    expect(commands.at(-1)!.connector).toBe("&&");
  });

  it("reads for loops: list words are not commands, their substitutions are", () => {
    const text = "for x in a $(ls /m) 'b c'; do\n  echo $x\ndone";
    const { commands } = parse(text);
    expect(names({ commands })).toEqual(["ls", "echo"]);
    expect(commands[0]!.depth).toBe(1);
    expect(cut(text, commands[1]!.span)).toBe("echo $x");
  });

  it("reads arithmetic for loops and (( )) commands", () => {
    const { commands } = parse("for ((i=0; i<3; i++)); do echo $i; done; ((n++))");
    expect(names({ commands })).toEqual(["echo"]);
  });

  it("does not take case patterns for commands", () => {
    const text = 'case "$ARCH" in\n  amd64|x86_64) A=x ;;\n  (arm*) A=y; echo arm;;\n  *) exit 1 ;;\nesac';
    const { commands } = parse(text);
    expect(commands.map((c) => c.name?.value ?? c.assignments[0]!.value)).toEqual([
      "A=x",
      "A=y",
      "echo",
      "exit",
    ]);
  });

  it("reads while loops with redirected input", () => {
    const { commands } = parse('while read -r x; do echo "$x"; done < list.txt\nuntil false; do :; done');
    expect(names({ commands })).toEqual(["read", "echo", "false", ":"]);
  });

  it("reads function definitions", () => {
    const { commands } = parse("f() { echo in f; }\nfunction g { h; }\nf");
    expect(names({ commands })).toEqual(["echo", "h", "f"]);
    expect(commands[0]!.args.map((w) => w.value)).toEqual(["in", "f"]);
  });

  it("puts subshell commands one level deeper and pipes their output", () => {
    const text = "( cd /src && make ) | tee log";
    const { commands } = parse(text);
    expect(commands.map((c) => [c.name!.value, c.depth, c.pipedOut, c.connector])).toEqual([
      ["cd", 1, true, undefined],
      ["make", 1, true, "&&"],
      ["tee", 0, false, "|"],
    ]);
  });

  it("reads brace groups and negation", () => {
    const { commands } = parse("! grep -q x f && { echo a; echo b; } > out");
    expect(names({ commands })).toEqual(["grep", "echo", "echo"]);
  });

  it("keeps && inside [[ ]] as part of the test", () => {
    const { commands } = parse("[[ -f a && $b == c ]] || echo no");
    expect(commands.map(words)).toEqual([
      ["[[", "-f", "a", "&&", "$b", "==", "c", "]]"],
      ["echo", "no"],
    ]);
    expect(commands[1]!.connector).toBe("||");
  });

  it("lets reserved words be ordinary arguments", () => {
    const cmd = only("echo if then fi done {");
    expect(cmd.args.map((w) => w.value)).toEqual(["if", "then", "fi", "done", "{"]);
  });
});

describe("nested shells", () => {
  it("parses the script of sh -c with file spans", () => {
    const text = "sh -c 'apt-get update && apt-get install -y curl'";
    const { commands } = parse(text);
    expect(commands.map((c) => [c.name!.value, c.depth])).toEqual([
      ["sh", 0],
      ["apt-get", 1],
      ["apt-get", 1],
    ]);
    expect(cut(text, commands[2]!.span)).toBe("apt-get install -y curl");
    expect(commands[2]!.connector).toBe("&&");
  });

  it("maps spans back through escapes of bash -c with grouped options", () => {
    const text = 'bash -euxo pipefail -c "pip install \\"torch==2.1\\" --index-url \\$URL" | tee log';
    const { commands } = parse(text);
    const pip = commands[1]!;
    expect(words(pip)).toEqual(["pip", "install", "torch==2.1", "--index-url", "$URL"]);
    expect(cut(text, pip.args[1]!.span)).toBe('\\"torch==2.1\\"');
    expect(pip.args[3]!.dynamic).toBe(true);
    expect(pip.pipedOut).toBe(true);
  });

  it("leaves a script built by command substitution alone", () => {
    const { commands } = parse('sh -c "$(curl -s x)"');
    expect(names({ commands })).toEqual(["sh", "curl"]);
  });
});

describe("dockerfile continuations", () => {
  const docker = (text: string) => parseShell(text, 0, { dockerfile: true });

  it("drops comment and blank lines inside a continuation", () => {
    const text = "pip install \\\n# pinned below\n\n    torch \\  \n    numpy";
    const { commands, errors } = docker(text);
    expect(errors).toEqual([]);
    expect(commands.map(words)).toEqual([["pip", "install", "torch", "numpy"]]);
  });

  it("joins inside quotes and lets a comment swallow the joined line", () => {
    const text = "echo 'a\\\nb' # note \\\n  hidden";
    const { commands } = docker(text);
    expect(commands.map(words)).toEqual([["echo", "ab"]]);
    // A plain shell keeps the newline in quotes and ends the comment at the line end.
    expect(parseShell(text).commands.map(words)).toEqual([["echo", "a\\\nb"], ["hidden"]]);
  });
});

describe("syntax errors", () => {
  it("reports unterminated quotes and keeps earlier commands", () => {
    const text = 'ls && echo "abc; rm x';
    const { commands, errors } = parseShell(text);
    expect(names({ commands })).toEqual(["ls", "echo"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/double quote/);
    expect(cut(text, errors[0]!.span)).toBe('"');
  });

  it("reports unterminated substitutions and backquotes", () => {
    expect(parseShell("echo $(ls; pwd").errors.map((e) => e.message)).toEqual([
      "unterminated command substitution",
    ]);
    expect(parseShell("echo `ls").errors.map((e) => e.message)).toEqual(["unterminated backquote"]);
    expect(parseShell("echo ${x").errors).toHaveLength(1);
    expect(parseShell("echo 'x").errors).toHaveLength(1);
  });

  it("reports an unterminated here-document", () => {
    const { commands, errors } = parseShell("cat <<EOF\nabc");
    expect(errors.map((e) => e.message)).toEqual(['here-document is not terminated by "EOF"']);
    expect(commands[0]!.redirects[0]!.heredoc!.text).toBe("abc");
  });

  it("reports stray and missing closers without throwing", () => {
    expect(parseShell("a ) b").errors.map((e) => e.message)).toEqual(['unexpected ")"']);
    expect(parseShell("fi").errors.map((e) => e.message)).toEqual(['unexpected "fi"']);
    const open = parseShell("if a; then b");
    expect(open.errors.map((e) => e.message)).toEqual(['expected "fi"']);
    expect(names(open)).toEqual(["a", "b"]);
    expect(parseShell("a &&").errors.map((e) => e.message)).toEqual(['expected a command after "&&"']);
    expect(parseShell("in x").errors.map((e) => e.message)).toEqual(['unexpected "in"']);
  });

  it("stops on hostile nesting with an error", () => {
    const { errors } = parseShell("$(".repeat(100_000));
    expect(errors.map((e) => e.message)).toEqual(["nesting is too deep to parse"]);
  });

  it("parses a megabyte of script", () => {
    const line = "apt-get install -y curl && pip install 'torch==2.1' | tee log\n";
    const { commands, errors } = parseShell(line.repeat(Math.ceil(1_000_000 / line.length)));
    expect(errors).toEqual([]);
    expect(commands.length).toBe(3 * Math.ceil(1_000_000 / line.length));
  });
});

describe("helpers", () => {
  const cmd = (text: string) => parseShell(text).commands[0]!;

  it("commandName gives the basename", () => {
    expect(commandName(cmd("/usr/bin/apt-get update"))).toBe("apt-get");
    expect(commandName(cmd("pip install x"))).toBe("pip");
    expect(commandName(cmd("X=1"))).toBeUndefined();
  });

  it("hasFlag matches exact, grouped short and --flag=value forms before --", () => {
    expect(hasFlag(cmd("apt-get -qy install x"), "-y", "--yes")).toBe(true);
    expect(hasFlag(cmd("apt-get install --yes x"), "-y", "--yes")).toBe(true);
    expect(hasFlag(cmd("pip install --no-cache-dir=1 x"), "--no-cache-dir")).toBe(true);
    expect(hasFlag(cmd("apt-get install x"), "-y", "--yes")).toBe(false);
    expect(hasFlag(cmd("rm -- -y"), "-y")).toBe(false);
    expect(hasFlag(cmd("pip install --no-cache"), "--no-cache-dir")).toBe(false);
  });

  it("flagValue reads separate and attached values", () => {
    const text = "pip install -i https://a --index-url=https://b x";
    const c = cmd(text);
    expect(flagValue(c, "-i")?.value).toBe("https://a");
    const attached = flagValue(c, "--index-url")!;
    expect(attached.value).toBe("https://b");
    expect(cut(text, attached.span)).toBe("https://b");
    expect(flagValue(cmd("pip install -ihttps://c x"), "-i", "--index-url")?.value).toBe("https://c");
    expect(flagValue(cmd("pip install x"), "-i")).toBeUndefined();
  });

  it("positionalArgs skips flags and their values, and takes all after --", () => {
    const c = cmd("apt-get -o Dpkg::Options::=--force-confold -y install curl -- -weird");
    expect(positionalArgs(c, ["-o"]).map((w) => w.value)).toEqual(["install", "curl", "-weird"]);
    expect(positionalArgs(cmd("cat - file")).map((w) => w.value)).toEqual(["-", "file"]);
  });

  it("subcommand is the first positional argument", () => {
    expect(subcommand(cmd("apt-get -y install x"))?.value).toBe("install");
    expect(subcommand(cmd("apt-get -o a=b update"), ["-o"])?.value).toBe("update");
    expect(subcommand(cmd("ls"))).toBeUndefined();
  });
});
