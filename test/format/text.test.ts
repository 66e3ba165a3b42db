import { describe, expect, it } from "vitest";
import { formatText, shouldColor } from "../../src/format/text.js";
import { span } from "../../src/source.js";
import { emptyResult, finding, lintResult, rules, sampleResult, source, spanOf } from "./sample.js";

const plain = { color: false, codeFrame: false };
const framed = { color: false, codeFrame: true };
const ANSI = "\u001b[";

describe("text format", () => {
  it("aligns rule names after short messages, but one long message does not push the others far right", () => {
    const file = source("Dockerfile", "FROM a\nRUN b\n");
    const first = Object.values(rules)[0]!;
    const long = finding(first, file, spanOf(file, "FROM"), "x".repeat(150));
    const short = finding(first, file, spanOf(file, "RUN"), "short");
    const lines = formatText(lintResult([long, short], [file]), plain).split("\n");
    const shortLine = lines.find((line) => line.includes("short"))!;
    expect(shortLine.indexOf(first.code) - shortLine.indexOf("short")).toBe(72 + 2);
  });

  it("groups findings by file with aligned columns, related locations, a summary and notices", () => {
    expect(formatText(sampleResult(), plain)).toBe(
      [
        "Dockerfile",
        "  Dockerfile:1:1   error    The image runs as root.                                 DF001 require-non-root-user",
        "  Dockerfile:1:6   error    The compose service gets no GPU.                        XP001 gpu-request-reaches-container",
        "    ↳ compose.yaml:3:5 built here without a GPU reservation",
        "  Dockerfile:1:13  warning  Pin python to a version, not `latest`.                  DF002 no-latest-tag",
        "  Dockerfile:2:1   info     No HEALTHCHECK: a model that hangs is never restarted.  DF004 add-healthcheck",
        "",
        "My Dockerfile",
        "  My Dockerfile:2:19  warning  HF_TOKEN is baked into the image.  DF003 no-secret-in-env",
        "",
        "✖ 5 problems (2 errors, 2 warnings, 1 info) in 2 of 4 files",
        "ℹ k8s/deploy.yaml: Kubernetes manifests are not yet linted",
        "",
      ].join("\n"),
    );
  });

  it("underlines the span in a code frame, counting an emoji as two terminal columns", () => {
    const output = formatText(sampleResult(), framed);
    expect(output).toContain(
      [
        "  My Dockerfile:2:19  warning  HF_TOKEN is baked into the image.  DF003 no-secret-in-env",
        '    2 | ENV GREETING="🤗" HF_TOKEN=hf_abc',
        "      |                   ^^^^^^^^^^^^^^^",
      ].join("\n"),
    );
    expect(output).toContain(["    2 | RUN pip install torch", "      | ^", ""].join("\n"));
  });

  it("expands tabs so the caret stays under the token", () => {
    const file = source("Dockerfile", "FROM x\nRUN\tpip install\ttorch\n");
    const result = lintResult([finding(rules.latestTag, file, spanOf(file, "torch"), "Pin torch.")], [file]);
    const frame = formatText(result, framed).split("\n").slice(2, 4);
    expect(frame).toEqual(["    2 | RUN pip install torch", "      |                 ^^^^^"]);
  });

  it("shows at most three lines of a long span", () => {
    const file = source("Dockerfile", "RUN a \\\n  b \\\n  c \\\n  d\n");
    const result = lintResult(
      [finding(rules.latestTag, file, span(0, file.text.length - 1), "Long.")],
      [file],
    );
    const frame = formatText(result, framed).split("\n").slice(2, 7);
    expect(frame).toEqual([
      "    1 | RUN a \\",
      "      | ^^^^^^^",
      "    2 |   b \\",
      "    3 |   c \\",
      "    ⋮ |",
    ]);
  });

  it("makes control characters from files visible instead of sending them to the terminal", () => {
    const file = source("Docker\u001b[2Jfile", "LABEL x=\u001b[31mred\n");
    const message = "Label holds \u001b[31m\u0007 and \u202e.";
    const result = lintResult([finding(rules.latestTag, file, spanOf(file, "red"), message)], [file]);
    const output = formatText(result, framed);
    expect(output).not.toContain(ANSI);
    expect(output).not.toContain("\u0007");
    expect(output).not.toContain("\u202e");
    expect(output).toContain("Label holds ␛[31m␇ and \ufffd.");
    expect(output).toContain("    1 | LABEL x=␛[31mred\n      |              ^^^\n");
  });

  it("colours severities and dims rule codes only when asked", () => {
    expect(formatText(sampleResult(), { color: false, codeFrame: true })).not.toContain(ANSI);
    const coloured = formatText(sampleResult(), { color: true, codeFrame: true });
    expect(coloured).toContain("\u001b[31merror  \u001b[39m");
    expect(coloured).toContain("\u001b[33mwarning\u001b[39m");
    expect(coloured).toContain("\u001b[34minfo   \u001b[39m");
    expect(coloured).toContain("\u001b[2mDF001 require-non-root-user\u001b[22m");
  });

  it("summarises a clean run and omits zero counts", () => {
    expect(formatText(emptyResult(), plain)).toBe("✔ No problems in 1 file\n");
    const file = source("Dockerfile", "FROM python:latest\n");
    const one = lintResult([finding(rules.latestTag, file, spanOf(file, "latest"), "Pin it.")], [file]);
    expect(formatText(one, plain).split("\n").at(-2)).toBe("✖ 1 problem (1 warning) in 1 file");
  });
});

describe("shouldColor", () => {
  const tty = { flag: undefined, env: {}, isTTY: true };

  it("follows an explicit flag above everything", () => {
    expect(shouldColor({ ...tty, flag: false, env: { FORCE_COLOR: "1" } })).toBe(false);
    expect(shouldColor({ flag: true, env: { NO_COLOR: "1" }, isTTY: false })).toBe(true);
  });

  it("turns colour off for a non-empty NO_COLOR, even when FORCE_COLOR is set", () => {
    expect(shouldColor({ ...tty, env: { NO_COLOR: "1", FORCE_COLOR: "1" } })).toBe(false);
    expect(shouldColor({ ...tty, env: { NO_COLOR: "" } })).toBe(true);
  });

  it("reads FORCE_COLOR, where 0 and false mean off", () => {
    expect(shouldColor({ flag: undefined, env: { FORCE_COLOR: "1" }, isTTY: false })).toBe(true);
    expect(shouldColor({ flag: undefined, env: { FORCE_COLOR: "true" }, isTTY: false })).toBe(true);
    expect(shouldColor({ ...tty, env: { FORCE_COLOR: "0" } })).toBe(false);
    expect(shouldColor({ ...tty, env: { FORCE_COLOR: "false" } })).toBe(false);
    expect(shouldColor({ flag: undefined, env: { FORCE_COLOR: "" }, isTTY: false })).toBe(false);
  });

  it("otherwise colours a terminal that is not dumb", () => {
    expect(shouldColor(tty)).toBe(true);
    expect(shouldColor({ ...tty, env: { TERM: "dumb" } })).toBe(false);
    expect(shouldColor({ ...tty, isTTY: false })).toBe(false);
    expect(shouldColor({ ...tty, isTTY: undefined })).toBe(false);
  });
});
