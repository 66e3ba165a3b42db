import { describe, expect, it } from "vitest";
import type { RuleIdentity } from "../../src/engine/rule-names.js";
import {
  applySuppressions,
  parseSuppressions,
  type Suppression,
  yamlBlockAt,
} from "../../src/engine/suppress.js";
import type { Finding, RuleMeta } from "../../src/rule.js";
import { type FileKind, SourceFile, type Span } from "../../src/source.js";

const rules: RuleIdentity[] = [
  { code: "DF001", name: "require-non-root-user", aliases: ["hadolint:DL3002"] },
  { code: "DF002", name: "no-latest-tag", aliases: ["hadolint:DL3007", "buildkit:NoLatestTag"] },
  { code: "DF003", name: "json-args", aliases: ["buildkit:JSONArgsRecommended"] },
  { code: "DF004", name: "quote-variables", aliases: ["shellcheck:SC2086"] },
  { code: "DC001", name: "gpu-reservation", aliases: [] },
];

function source(text: string, kind: FileKind = "dockerfile", path = "Dockerfile"): SourceFile {
  return new SourceFile(path, text, kind);
}

/** A finding of `code` at the start of the 1-based `line` (plus `column` characters). */
function findingAt(file: SourceFile, code: string, line: number, column = 0): Finding {
  const rule = rules.find((candidate) => candidate.code === code)! as RuleMeta;
  const start = file.lineStart(line) + column;
  return { rule, severity: "warning", message: code, file, span: { start, end: start + 1 }, related: [] };
}

function lint(file: SourceFile, findings: Finding[], suppressions: Suppression[] = parseSuppressions(file)) {
  const { kept, unused } = applySuppressions(findings, suppressions, rules);
  return {
    kept: kept.map((finding) => `${finding.rule.code}@${file.position(finding.span.start).line}`),
    unused: unused.map((entry) => `${file.position(entry.span.start).line}: ${entry.message}`),
  };
}

/** The statements of a Dockerfile the way the parser reports them: an instruction and its `\` continuations. */
function dockerfileStatements(file: SourceFile): (offset: number) => Span | undefined {
  return (offset) => {
    const first = file.position(offset).line;
    let last = first;
    while (last < file.lines.length && file.lines[last - 1]!.trimEnd().endsWith("\\")) last++;
    return { start: offset, end: file.lineEnd(last) };
  };
}

describe("parseSuppressions", () => {
  it("reads the rules, the reason and the next statement of an mllint comment", () => {
    const file = source(
      "FROM python\n# mllint ignore=DF001, no-latest-tag -- base image is pinned upstream\n\nUSER root\n",
    );
    const [suppression] = parseSuppressions(file);
    expect(suppression?.source).toBe("mllint");
    expect(suppression?.tokens.map((token) => token.text)).toEqual(["DF001", "no-latest-tag"]);
    expect(suppression?.tokens.map((token) => file.slice(token.span))).toEqual(["DF001", "no-latest-tag"]);
    expect(suppression?.reason).toBe("base image is pinned upstream");
    expect(suppression?.scope).toEqual({ start: file.lineStart(4), end: file.lineEnd(4) });
    expect(suppression?.problem).toBeUndefined();
  });

  it("reads a global comment as file-wide", () => {
    const [suppression] = parseSuppressions(source("FROM python\n  # mllint global ignore=DF002\n"));
    expect(suppression?.scope).toBe("file");
    expect(suppression?.reason).toBeUndefined();
  });

  it("reads hadolint pragmas in Dockerfiles only", () => {
    const dockerfile = parseSuppressions(
      source("# hadolint ignore=DL3007,SC2086 # pinned elsewhere\nFROM x\n"),
    );
    expect(dockerfile.map((s) => [s.source, s.tokens.map((t) => t.text)])).toEqual([
      ["hadolint", ["DL3007", "SC2086"]],
    ]);
    expect(parseSuppressions(source("# hadolint ignore=DL3007\nx: 1\n", "compose", "compose.yaml"))).toEqual(
      [],
    );
  });

  it("reads BuildKit's check=skip directive only among the parser directives at the top", () => {
    const top = parseSuppressions(
      source("# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\nFROM x\n"),
    );
    expect(top.map((s) => [s.source, s.scope, s.tokens.map((t) => t.text)])).toEqual([
      ["buildkit", "file", ["JSONArgsRecommended"]],
    ]);
    expect(parseSuppressions(source("FROM x\n# check=skip=JSONArgsRecommended\n"))).toEqual([]);
    expect(parseSuppressions(source("\n# check=skip=JSONArgsRecommended\nFROM x\n"))).toEqual([]);
  });

  it("flags a comment that tries to be a suppression but cannot be read", () => {
    const [broken] = parseSuppressions(source("# mllint ignore DF001\nFROM x\n"));
    expect(broken?.problem).toMatch(/^unreadable mllint comment; expected `# mllint ignore=RULE/);
    const [empty] = parseSuppressions(source("# mllint ignore= -- why\nFROM x\n"));
    expect(empty?.problem).toMatch(/^mllint ignore names no rule/);
    expect(parseSuppressions(source("# mllint checks this file in CI\nFROM x\n"))).toEqual([]);
  });
});

describe("applySuppressions", () => {
  it("suppresses the named rules on the next instruction only", () => {
    const file = source("# mllint ignore=DF001\nUSER root\nUSER root\n");
    expect(lint(file, [findingAt(file, "DF001", 2), findingAt(file, "DF001", 3)])).toEqual({
      kept: ["DF001@3"],
      unused: [],
    });
  });

  it("skips blank and comment lines to reach the next statement, so comments stack", () => {
    const file = source("# mllint ignore=DF001\n\n# hadolint ignore=DL3007\nFROM python:latest\n");
    expect(lint(file, [findingAt(file, "DF001", 4), findingAt(file, "DF002", 4)])).toEqual({
      kept: [],
      unused: [],
    });
  });

  it("covers every line of a multi-line instruction given the statement spans", () => {
    const file = source(
      "# mllint ignore=DF004\nRUN apt-get update && \\\n    apt-get install -y $PKGS && \\\n    rm -rf /var/lib/apt/lists\nRUN echo $X\n",
    );
    const findings = [findingAt(file, "DF004", 3, 23), findingAt(file, "DF004", 5, 9)];
    expect(lint(file, findings).kept).toEqual(["DF004@3", "DF004@5"]);
    const statementAt = dockerfileStatements(file);
    expect(lint(file, findings, parseSuppressions(file, { statementAt })).kept).toEqual(["DF004@5"]);
  });

  it("covers only the next line for a comment inside a multi-line instruction", () => {
    const file = source("RUN a && \\\n    # mllint ignore=DF004\n    b $X && \\\n    c $Y\n");
    const findings = [findingAt(file, "DF004", 3, 6), findingAt(file, "DF004", 4, 6)];
    const statementAt = () => ({ start: 0, end: file.text.length });
    expect(lint(file, findings, parseSuppressions(file, { statementAt })).kept).toEqual(["DF004@4"]);
  });

  it("suppresses a rule everywhere in the file with a global comment", () => {
    const file = source("FROM a:latest\n# mllint global ignore=no-latest-tag\nFROM b:latest\n");
    expect(lint(file, [findingAt(file, "DF002", 1), findingAt(file, "DF002", 3)])).toEqual({
      kept: [],
      unused: [],
    });
  });

  it("matches codes in any case, names and aliases in mllint comments", () => {
    const file = source("# mllint ignore=df001,no-latest-tag,hadolint:DL3002\nFROM a:latest\n");
    expect(lint(file, [findingAt(file, "DF001", 2), findingAt(file, "DF002", 2)])).toEqual({
      kept: [],
      unused: [],
    });
  });

  it("honours hadolint pragmas through aliases, ShellCheck codes included, and never reports them unused", () => {
    const file = source(
      "# hadolint ignore=DL3002,SC2086,DL3008\nUSER root\n# hadolint global ignore=DL3007\nRUN echo $X\n",
    );
    const findings = [findingAt(file, "DF001", 2), findingAt(file, "DF004", 4), findingAt(file, "DF002", 4)];
    expect(lint(file, findings)).toEqual({ kept: ["DF004@4"], unused: [] });
  });

  it("skips the rules BuildKit's check=skip names, or every BuildKit rule with skip=all", () => {
    const file = source("# check=skip=JSONArgsRecommended\nFROM a:latest\nCMD python app.py\n");
    const findings = [findingAt(file, "DF002", 2), findingAt(file, "DF003", 3)];
    expect(lint(file, findings)).toEqual({ kept: ["DF002@2"], unused: [] });
    const all = source("# check=skip=all\nFROM a:latest\nCMD python app.py\nUSER root\n");
    const allFindings = [findingAt(all, "DF002", 2), findingAt(all, "DF003", 3), findingAt(all, "DF001", 4)];
    expect(lint(all, allFindings)).toEqual({ kept: ["DF001@4"], unused: [] });
  });

  it("reports each mllint token that suppressed nothing, and unknown rules with a suggestion", () => {
    const file = source(
      "# mllint ignore=DF001,DF002,no-latest-tags -- legacy\nUSER root\n# mllint global ignore=DC001\n",
    );
    const { unused } = applySuppressions([findingAt(file, "DF001", 2)], parseSuppressions(file), rules);
    expect(unused.map((entry) => [file.slice(entry.span), entry.message])).toEqual([
      ["DF002", "unused suppression: DF002 reported nothing in the statement that follows"],
      [
        "no-latest-tags",
        'unknown rule "no-latest-tags" in mllint ignore; did you mean DF002 (no-latest-tag)?',
      ],
      ["DC001", "unused suppression: DC001 reported nothing in this file"],
    ]);
  });

  it("reports an unreadable mllint comment at the comment", () => {
    const file = source("FROM x\n  # mllint: ignore DF001\nUSER root\n");
    const result = lint(file, [findingAt(file, "DF001", 3)]);
    expect(result.kept).toEqual(["DF001@3"]);
    expect(result.unused).toEqual([expect.stringMatching(/^2: unreadable mllint comment/)]);
  });

  it("reports a comment with nothing after it as unused", () => {
    const file = source("FROM x\n# mllint ignore=DF001\n");
    expect(lint(file, []).unused).toEqual([
      "2: unused suppression: DF001 reported nothing in the statement that follows",
    ]);
  });

  it("applies suppressions only to findings of their own file", () => {
    const first = source("# mllint global ignore=DF001\n", "dockerfile", "a/Dockerfile");
    const second = source("USER root\n", "dockerfile", "b/Dockerfile");
    const { kept } = applySuppressions([findingAt(second, "DF001", 1)], parseSuppressions(first), rules);
    expect(kept).toHaveLength(1);
  });
});

describe("YAML suppressions", () => {
  const compose = [
    "services:", // 1
    "  # mllint ignore=gpu-reservation -- CPU-only smoke test", // 2
    "  model:", // 3
    "    image: vllm/vllm-openai", // 4
    "    deploy:", // 5
    "      resources: {}", // 6
    "", // 7
    "    # trailing comment", // 8
    "  web:", // 9
    "    image: nginx", // 10
    "",
  ].join("\n");

  it("covers a mapping key and its whole block", () => {
    const file = source(compose, "compose", "compose.yaml");
    const findings = [
      findingAt(file, "DC001", 5, 4),
      findingAt(file, "DC001", 6, 6),
      findingAt(file, "DC001", 10, 4),
    ];
    expect(lint(file, findings)).toEqual({ kept: ["DC001@10"], unused: [] });
  });

  it("covers only the line for a scalar value", () => {
    const file = source(
      "services:\n  model:\n    # mllint ignore=DC001\n    image: x\n    gpus: all\n",
      "compose",
    );
    expect(lint(file, [findingAt(file, "DC001", 4, 4), findingAt(file, "DC001", 5, 4)]).kept).toEqual([
      "DC001@5",
    ]);
  });

  it("includes list items written at the key's own indentation", () => {
    const file = source("ports:\n- 80\n- 443\nother: 1\n", "k8s");
    expect(file.slice(yamlBlockAt(file)(0))).toBe("ports:\n- 80\n- 443");
  });

  it("includes a list item's other keys", () => {
    const file = source("containers:\n  - name: a\n    image: b\n  - name: c\n", "k8s");
    expect(file.slice(yamlBlockAt(file)(file.lineStart(2) + 2))).toBe("- name: a\n    image: b");
  });
});
