import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "../../src/format/github.js";
import type { Finding } from "../../src/rule.js";
import { span } from "../../src/source.js";
import { emptyResult, finding, lintResult, related, rules, sampleResult, source, spanOf } from "./sample.js";

const options = { cwd: "/repo", root: "/repo" };

function lines(output: string): string[] {
  expect(output.endsWith("\n")).toBe(true);
  return output.slice(0, -1).split("\n");
}

/** What the runner does to data: only these three escapes are undone (actions/runner ActionCommand.cs). */
function runnerUnescapeData(data: string): string {
  return data.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

function runnerUnescapeProperty(value: string): string {
  return runnerUnescapeData(value).replace(/%3A/g, ":").replace(/%2C/g, ",");
}

/** The command, properties and data of a V2 workflow command line, split as the runner splits it. */
function parseCommand(line: string) {
  const headerEnd = line.indexOf("::", 2);
  const header = line.slice(2, headerEnd);
  const space = header.indexOf(" ");
  const command = space < 0 ? header : header.slice(0, space);
  const propertyList = space < 0 ? "" : header.slice(space + 1);
  const properties = Object.fromEntries(
    propertyList
      .split(",")
      .filter(Boolean)
      .map((pair) => [
        pair.slice(0, pair.indexOf("=")),
        runnerUnescapeProperty(pair.slice(pair.indexOf("=") + 1)),
      ]),
  );
  return { command, properties, data: line.slice(headerEnd + 2) };
}

describe("github format", () => {
  it("emits one annotation per finding, most severe first, then a summary notice", () => {
    expect(lines(formatGithub(sampleResult(), options))).toEqual([
      "::error file=Dockerfile,line=1,endLine=1,col=1,endColumn=19,title=DF001 require-non-root-user::The image runs as root.",
      "::error file=Dockerfile,line=1,endLine=1,col=6,endColumn=19,title=XP001 gpu-request-reaches-container::" +
        "The compose service gets no GPU.%0A↳ compose.yaml:3:5 built here without a GPU reservation",
      "::warning file=Dockerfile,line=1,endLine=1,col=13,endColumn=19,title=DF002 no-latest-tag::" +
        "Pin python to a version, not `latest`.",
      "::warning file=My Dockerfile,line=2,endLine=2,col=19,endColumn=34,title=DF003 no-secret-in-env::" +
        "HF_TOKEN is baked into the image.",
      "::notice file=Dockerfile,line=2,endLine=2,col=1,endColumn=1,title=DF004 add-healthcheck::" +
        "No HEALTHCHECK: a model that hangs is never restarted.",
      "::notice title=mllint summary::mllint found 5 problems (2 errors, 2 warnings, 1 info) in 4 files." +
        "%0Ak8s/deploy.yaml: Kubernetes manifests are not yet linted",
    ]);
  });

  it("says so when there is nothing to report", () => {
    expect(formatGithub(emptyResult(), options)).toBe(
      "::notice title=mllint summary::mllint found no problems in 1 file.\n",
    );
  });

  it("sends columns only for single-line annotations", () => {
    const file = source("Dockerfile", "RUN pip install \\\n    torch\n");
    const result = lintResult(
      [finding(rules.latestTag, file, span(0, file.text.length - 1), "Multi-line.")],
      [file],
    );
    const [annotation] = lines(formatGithub(result, options));
    expect(annotation).toBe(
      "::warning file=Dockerfile,line=1,endLine=2,title=DF002 no-latest-tag::Multi-line.",
    );
  });

  it("gives paths relative to the repository root", () => {
    const [first] = lines(formatGithub(sampleResult(), { cwd: "/repo/services/api", root: "/repo" }));
    expect(parseCommand(first!).properties.file).toBe("services/api/Dockerfile");
  });

  it("escapes data and properties as actions/toolkit does, percent first", () => {
    expect(escapeData("100% done\r\nnext")).toBe("100%25 done%0D%0Anext");
    expect(escapeProperty("a,b:c%d\ne")).toBe("a%2Cb%3Ac%25d%0Ae");
  });

  it("round-trips odd file names and messages through the runner's unescaping", () => {
    const file = source("odd,name:v1 %41.Dockerfile", "FROM x:latest\n");
    const message = "100% sure: a\r\nb, c";
    const result = lintResult([finding(rules.latestTag, file, spanOf(file, "latest"), message)], [file]);
    const parsed = parseCommand(lines(formatGithub(result, options))[0]!);
    expect(parsed.properties.file).toBe("odd,name:v1 %41.Dockerfile");
    expect(runnerUnescapeData(parsed.data)).toBe(message);
  });

  describe("with hostile file text", () => {
    const text = [
      "# ::error::you have been pwned",
      'LABEL note="::add-mask::x"',
      "# ##[group]y",
      "ENV A=::stop-commands::z",
      'RUN echo "\n::warning::fake" :::: ###[x]',
      "",
    ].join("\n");
    const evil = source("evil/Dockerfile", text);
    const quoted = (needle: string): Finding =>
      finding(rules.secretInEnv, evil, spanOf(evil, needle), `Suspicious text "${needle}" here.`, {
        related: [related(evil, spanOf(evil, needle), `also ${needle}`)],
      });
    const findings = [
      "::error::",
      "::add-mask::x",
      "##[group]y",
      "::stop-commands::z",
      '"\n::warning::fake" :::: ###[x]',
    ].map(quoted);
    const output = formatGithub(lintResult(findings, [evil], ["evil/##[group]: ::notice::x"]), options);

    it("starts every line with one of our commands and smuggles no second command in", () => {
      for (const line of lines(output)) {
        expect(line).toMatch(/^::(error|warning|notice) /);
        expect(line).not.toContain("##[");
        const headerEnd = line.indexOf("::", 2);
        expect(line.slice(headerEnd + 2)).not.toContain("::");
      }
    });

    it("still reads the same once the runner unescapes it", () => {
      const shown = lines(output)
        .slice(0, findings.length)
        .map((line) => runnerUnescapeData(parseCommand(line).data).replace(/\u200b/g, ""));
      const expected = findings.map((f) => {
        const { line, column } = evil.position(f.related[0]!.span.start);
        return `${f.message}\n↳ evil/Dockerfile:${line}:${column} ${f.related[0]!.message}`;
      });
      expect(shown).toEqual(expected);
    });
  });

  it("neutralises command markers in property values too", () => {
    const file = source("##[group]::x/Dockerfile", "FROM x:latest\n");
    const result = lintResult([finding(rules.latestTag, file, spanOf(file, "latest"), "m")], [file]);
    const [annotation] = lines(formatGithub(result, options));
    expect(annotation).not.toContain("##[");
    expect(annotation!.slice(annotation!.indexOf("::", 2) + 2)).toBe("m");
  });

  it("annotates at most 10 per level, keeping a notice slot for the summary", () => {
    const file = source("Dockerfile", "FROM python:latest\n".repeat(30));
    const at = (line: number) => span((line - 1) * 19, (line - 1) * 19 + 4);
    const findings = [
      ...Array.from({ length: 25 }, (_, i) => finding(rules.runAsRoot, file, at(i + 1), `error ${i + 1}`)),
      ...Array.from({ length: 12 }, (_, i) => finding(rules.latestTag, file, at(i + 1), `warning ${i + 1}`)),
      ...Array.from({ length: 12 }, (_, i) => finding(rules.healthcheck, file, at(i + 1), `info ${i + 1}`)),
    ].reverse();
    const output = lines(formatGithub(lintResult(findings, [file]), options));
    const commands = output.map((line) => parseCommand(line).command);
    expect(commands).toEqual([
      ...Array<string>(10).fill("error"),
      ...Array<string>(10).fill("warning"),
      ...Array<string>(9).fill("notice"),
      "notice",
    ]);
    expect(parseCommand(output[0]!).data).toBe("error 1");
    expect(parseCommand(output[9]!).data).toBe("error 10");
    expect(runnerUnescapeData(parseCommand(output.at(-1)!).data)).toBe(
      "mllint found 49 problems (25 errors, 12 warnings, 12 info) in 1 file.\n" +
        "20 not shown as annotations (GitHub shows 10 per level); see the full report or SARIF.",
    );
  });
});
