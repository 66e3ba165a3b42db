import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import rule from "../../rules/dockerfile/require-shellcheck-clean.js";
import { checkBatched, checkFile } from "../../src/engine/run.js";
import { shellDialect } from "../../src/knowledge/shellcheck.js";
import { SourceFile } from "../../src/source.js";
import { lintText, positions } from "../harness.js";

const installed = !spawnSync("shellcheck", ["--version"]).error;

function lint(text: string, options: Record<string, unknown> = {}) {
  return lintText(text, [rule], { ruleOptions: options });
}

/** `line:column-endColumn message` of each finding, for exact span assertions. */
/** The findings in file order (the pipeline sorts them; the rule reports them as ShellCheck answers). */
function described(text: string, options: Record<string, unknown> = {}): string[] {
  return [...lint(text, options)]
    .sort((a, b) => a.span.start - b.span.start)
    .map((f) => {
      const start = f.file.position(f.span.start);
      const end = f.file.position(f.span.end);
      return `${start.line}:${start.column}-${end.line}:${end.column} ${f.message}`;
    });
}

function withoutPath<T>(run: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = "";
  try {
    return run();
  } finally {
    process.env.PATH = saved;
  }
}

/** The rule runs in the pipeline's batched pass, over every Dockerfile at once; here, over one. */
function check(text: string, options: Record<string, unknown>) {
  const file = new SourceFile("Dockerfile", text, "dockerfile");
  const checkOptions = {
    rules: [rule],
    settingFor: () => ({ severity: "warning" as const, options: { ...rule.options!.defaults, ...options } }),
    settings: { trustedRegistries: [] },
  };
  const result = checkFile(file, checkOptions);
  result.notices.push(...checkBatched([{ file, check: result }], checkOptions));
  return result;
}

describe.skipIf(!installed)("require-shellcheck-clean with shellcheck installed", () => {
  it("maps a finding inside a continued RUN to its line and column, past a dropped comment line", () => {
    const text = [
      "FROM debian:12-slim",
      "ARG DEST",
      "RUN --mount=type=cache,target=/root/.cache mkdir -p /opt \\",
      "    # copy the weights",
      "",
      "    && cp -r /src $DEST",
      "",
    ].join("\n");
    expect(described(text)).toEqual([
      "6:19-6:24 SC2086: Double quote to prevent globbing and word splitting.",
    ]);
  });

  it("counts columns in UTF-16 units and tabs as one", () => {
    const text = 'FROM debian:12-slim\nRUN echo "😀" $A\nRUN\techo\t$B\n';
    expect(positions(lint(text))).toEqual(["2:15", "3:10"]);
  });

  it("checks a heredoc body as its own script at its own lines", () => {
    const text = "FROM debian:12-slim\nRUN <<EOF\nset -e\ncp /src $DEST\nEOF\n";
    expect(described(text)).toEqual([
      "4:9-4:14 SC2086: Double quote to prevent globbing and word splitting.",
    ]);
  });

  it("skips heredocs with another interpreter and reads a here-document fed to a program", () => {
    expect(lint('FROM debian:12-slim\nRUN <<EOF\n#!/usr/bin/env python3\nprint("$x")\nEOF\n')).toEqual([]);
    expect(lint("FROM debian:12-slim\nRUN <<EOF\n#!/bin/bash\n[[ -d /m ]] && ls\nEOF\n")).toEqual([]);
    expect(positions(lint("FROM debian:12-slim\nRUN python3 - <<EOF\nprint($X)\nEOF\n"))).toEqual([]);
  });

  it("checks as /bin/sh by default and as the active SHELL otherwise, through stage inheritance", () => {
    const text = [
      "FROM debian:12-slim AS base",
      "RUN [[ -d /m ]] || mkdir /m",
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      "RUN [[ -d /m ]] || mkdir /m && echo $DEST",
      "FROM base",
      "RUN [[ -d /m ]] || mkdir /m",
      "FROM debian:12-slim",
      "RUN [[ -d /m ]] || mkdir /m",
      "",
    ].join("\n");
    expect(described(text)).toEqual([
      "2:5-2:16 SC3010: In POSIX sh, [[ ]] is undefined.",
      "4:37-4:42 SC2086: Double quote to prevent globbing and word splitting.",
      "8:5-8:16 SC3010: In POSIX sh, [[ ]] is undefined.",
    ]);
  });

  it("drops findings about the lines it adds, and checks ONBUILD RUN", () => {
    const text =
      'FROM debian:12-slim\nSHELL ["/bin/sh", "-eo", "pipefail", "-c"]\nRUN true\nONBUILD RUN echo $X\n';
    expect(positions(lint(text))).toEqual(["4:18"]);
  });

  it("skips exec form and shells ShellCheck cannot read", () => {
    expect(lint('FROM debian:12-slim\nRUN ["sh", "-c", "echo $X"]\n')).toEqual([]);
    expect(
      lint('FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-Command"]\nRUN $x = 1; echo $x\n'),
    ).toEqual([]);
  });

  it("declares ARG and ENV names in scope, so SC2154 only fires for unset lowercase names", () => {
    expect(
      lint('FROM debian:12-slim\nARG model_dir=/m\nENV hf_home=/h\nRUN echo "$model_dir $hf_home"\n'),
    ).toEqual([]);
    expect(described('FROM debian:12-slim\nRUN echo "$model_dir"\n')).toEqual([
      "2:11-2:21 SC2154: model_dir is referenced but not assigned.",
    ]);
  });

  it("reads Docker's continuations: comment lines, blanks after the backslash, a backtick escape", () => {
    const comment = "FROM debian:12-slim\nRUN apt-get update \\\n    # why\n    && apt-get install -y curl\n";
    expect(lint(comment)).toEqual([]);
    expect(lint("FROM debian:12-slim\nRUN echo a \\  \n    b\n")).toEqual([]);
    expect(positions(lint("# escape=`\nFROM debian:12-slim\nRUN echo a `\n    && cp /src $DEST\n"))).toEqual([
      "4:16",
    ]);
  });

  it("leaves out excluded codes and levels below minLevel", () => {
    const text = "FROM debian:12-slim\nRUN cp /src $DEST\n";
    expect(lint(text, { exclude: ["SC2086"] })).toEqual([]);
    expect(lint(text, { exclude: ["2086"] })).toEqual([]);
    expect(lint(text, { minLevel: "warning" })).toEqual([]);
    expect(
      lint("FROM debian:12-slim\nRUN cat /etc/os-release | grep ID\n", { minLevel: "style" }),
    ).toHaveLength(1);
  });

  it("drops SC2086 for variables with a known plain value, not for bare ARGs, other values or run-time ones", () => {
    const text = [
      "ARG CUDA=12.4",
      "FROM debian:12-slim",
      "ARG CUDA\nARG DIR=/opt/m\nARG FREE\nENV HOME_DIR=/h SPACED='a b' LIST=a,b",
      "RUN echo $CUDA $DIR $HOME_DIR $LIST $FREE $SPACED $x",
      "",
    ].join("\n");
    expect(positions(lint(text))).toEqual(["7:37", "7:43", "7:51", "7:51"]);
  });

  it("drops SC2240 on Alpine and BusyBox bases, and SC1075 everywhere", () => {
    const dot = "RUN . /clone.sh repo https://example.com/r.git\n";
    expect(positions(lint(`FROM debian:12-slim\n${dot}`))).toEqual(["2:17"]);
    expect(lint(`FROM alpine/git:2.36.2\n${dot}FROM busybox:1.36\n${dot}`)).toEqual([]);
    expect(
      lint("FROM debian:12-slim\nRUN if [ -f a ]; then :; else \\\n    if [ -f b ]; then :; fi; fi\n"),
    ).toEqual([]);
  });

  it("honours ShellCheck directives inside a heredoc script", () => {
    const text = "FROM debian:12-slim\nRUN <<EOF\n# shellcheck disable=SC2086\ncp /src $DEST\nEOF\n";
    expect(lint(text)).toEqual([]);
  });
});

describe("require-shellcheck-clean without shellcheck", () => {
  const text = "FROM debian:12-slim\nRUN cp /src $DEST\n";

  it("under auto, leaves one notice and no finding", () => {
    const result = withoutPath(() => check(text, { mode: "auto" }));
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([
      "shellcheck not found on PATH: SC checks skipped (install the shellcheck package)",
    ]);
  });

  it("under on, also reports a finding at the first RUN", () => {
    const result = withoutPath(() => check(text, { mode: "on" }));
    expect(result.findings.map((f) => [f.message, f.span])).toEqual([
      [
        'ShellCheck did not run (shellcheck not found on PATH), and mode "on" requires it',
        { start: 20, end: 23 },
      ],
    ]);
    expect(result.notices).toHaveLength(1);
  });

  it("under off, does nothing", () => {
    expect(withoutPath(() => check(text, { mode: "off" }))).toMatchObject({ findings: [], notices: [] });
  });

  it("does not look for shellcheck when there is no shell script to check", () => {
    const result = withoutPath(() => check('FROM debian:12-slim\nRUN ["true"]\n', { mode: "on" }));
    expect(result).toMatchObject({ findings: [], notices: [] });
  });
});

describe("shellDialect", () => {
  it("reads the shell and its startup options from a SHELL array or shebang", () => {
    expect(shellDialect(["/bin/bash", "-o", "pipefail", "-c"])).toEqual({
      name: "bash",
      setup: ["set -o pipefail"],
    });
    expect(shellDialect(["/bin/bash", "-euxo", "pipefail", "-O", "extglob", "-c"])).toEqual({
      name: "bash",
      setup: ["set -eux -o pipefail", "shopt -s extglob"],
    });
    expect(shellDialect(["/usr/bin/env", "bash"])).toEqual({ name: "bash", setup: [] });
    expect(shellDialect(["/bin/ash", "-c"])).toEqual({ name: "dash", setup: [] });
    expect(shellDialect(["pwsh", "-Command"])).toBeUndefined();
    expect(shellDialect(["cmd", "/S", "/C"])).toBeUndefined();
    expect(shellDialect(["/bin/zsh", "-c"])).toBeUndefined();
  });
});

describe.skipIf(!installed)("require-shellcheck-clean across files", () => {
  it("checks every Dockerfile of a run in one call and returns each finding to its own file", () => {
    const files = ["a", "b", "c"].map(
      (name) =>
        new SourceFile(`${name}/Dockerfile`, `FROM debian:12-slim\nARG D\nRUN mkdir $D\n`, "dockerfile"),
    );
    const checkOptions = {
      rules: [rule],
      settingFor: () => ({ severity: "warning" as const, options: rule.options!.defaults }),
      settings: { trustedRegistries: [] },
    };
    const checks = files.map((file) => ({ file, check: checkFile(file, checkOptions) }));
    checkBatched(checks, checkOptions);
    for (const { file, check: result } of checks) {
      expect(result.findings.map((f) => [f.file.path, f.message.slice(0, 6), positions([f])[0]])).toEqual([
        [file.path, "SC2086", "3:11"],
      ]);
    }
  });
});
