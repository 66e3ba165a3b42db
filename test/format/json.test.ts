import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/format/json.js";
import { emptyResult, sampleResult } from "./sample.js";

const options = { toolVersion: "0.1.0" };

function parse(text: string) {
  return JSON.parse(text);
}

describe("json format", () => {
  it("keeps the exact key sets of the version 1 contract", () => {
    const report = parse(formatJson(sampleResult(), options));
    expect(Object.keys(report)).toEqual(["version", "tool", "findings", "files", "summary"]);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: "mllint", version: "0.1.0" });
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual([
        "rule",
        "name",
        "aliases",
        "severity",
        "category",
        "message",
        "file",
        "line",
        "column",
        "endLine",
        "endColumn",
        "related",
        "fixable",
      ]);
      for (const related of finding.related)
        expect(Object.keys(related)).toEqual(["file", "line", "column", "message"]);
    }
    for (const file of report.files) expect(Object.keys(file)).toEqual(["path", "kind"]);
    expect(Object.keys(report.summary)).toEqual(["files", "errors", "warnings", "infos"]);
  });

  it("sorts findings by file, line, column, rule", () => {
    const report = parse(formatJson(sampleResult(), options));
    const order = report.findings.map((f: { file: string; line: number; column: number; rule: string }) =>
      [f.file, f.line, f.column, f.rule].join(":"),
    );
    expect(order).toEqual([
      "Dockerfile:1:1:DF001",
      "Dockerfile:1:6:XP001",
      "Dockerfile:1:13:DF002",
      "Dockerfile:2:1:DF004",
      "My Dockerfile:2:19:DF003",
    ]);
  });

  it("reports 1-based UTF-16 positions with an exclusive end column", () => {
    const report = parse(formatJson(sampleResult(), options));
    const secret = report.findings.find((f: { rule: string }) => f.rule === "DF003");
    expect(secret).toMatchObject({ file: "My Dockerfile", line: 2, column: 19, endLine: 2, endColumn: 34 });
    const latest = report.findings.find((f: { rule: string }) => f.rule === "DF002");
    expect(latest).toMatchObject({ line: 1, column: 13, endLine: 1, endColumn: 19 });
  });

  it("carries rule metadata, related locations and fixability", () => {
    const report = parse(formatJson(sampleResult(), options));
    const [root, gpu, latest] = report.findings;
    expect(root).toMatchObject({
      rule: "DF001",
      name: "require-non-root-user",
      aliases: ["hadolint:DL3002"],
      severity: "error",
      category: "security",
      related: [],
      fixable: false,
    });
    expect(latest.fixable).toBe(true);
    expect(gpu.related).toEqual([
      { file: "compose.yaml", line: 3, column: 5, message: "built here without a GPU reservation" },
    ]);
  });

  it("lists every linted file and counts by severity", () => {
    const report = parse(formatJson(sampleResult(), options));
    expect(report.files).toEqual([
      { path: "Dockerfile", kind: "dockerfile" },
      { path: "My Dockerfile", kind: "dockerfile" },
      { path: "compose.yaml", kind: "compose" },
      { path: "k8s/deploy.yaml", kind: "k8s" },
    ]);
    expect(report.summary).toEqual({ files: 4, errors: 2, warnings: 2, infos: 1 });
  });

  it("prints two-space indented JSON with a trailing newline, the same every time", () => {
    const text = formatJson(emptyResult(), options);
    expect(text).toBe(
      `${JSON.stringify(
        {
          version: 1,
          tool: { name: "mllint", version: "0.1.0" },
          findings: [],
          files: [{ path: "Dockerfile", kind: "dockerfile" }],
          summary: { files: 1, errors: 0, warnings: 0, infos: 0 },
        },
        null,
        2,
      )}\n`,
    );
    expect(formatJson(sampleResult(), options)).toBe(formatJson(sampleResult(), options));
  });
});
