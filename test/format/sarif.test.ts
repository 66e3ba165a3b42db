import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type * as Sarif from "sarif";
import { afterAll, describe, expect, it } from "vitest";
import type { LintResult } from "../../src/engine/result.js";
import { formatSarif, type SarifOptions } from "../../src/format/sarif.js";
import { span } from "../../src/source.js";
import { emptyResult, finding, lintResult, rule, rules, sampleResult, source, spanOf } from "./sample.js";

const require = createRequire(import.meta.url);
const multitoolPackage = path.dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json"));
const multitool = path.resolve("node_modules/.bin/sarif-multitool");
const schema = JSON.parse(readFileSync(path.join(multitoolPackage, "sarif-2.1.0.json"), "utf8"));
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const validateSchema = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema);

const root = "/home/dev/project";
const options: SarifOptions = { toolVersion: "0.1.0", root, cwd: root };
const scratch = mkdtempSync(path.join(tmpdir(), "mllint-sarif-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sarifOf(result: LintResult, extra: Partial<SarifOptions> = {}): Sarif.Log {
  return JSON.parse(formatSarif(result, { ...options, ...extra }));
}

function onlyRun(log: Sarif.Log): Sarif.Run {
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!;
}

function firstLocation(result: Sarif.Result): Sarif.PhysicalLocation {
  expect(result.locations).toHaveLength(1);
  return result.locations![0]!.physicalLocation!;
}

function resultFor(run: Sarif.Run, ruleId: string): Sarif.Result {
  return run.results!.find((result) => result.ruleId === ruleId)!;
}

/** Runs Microsoft's validator and returns the results it logged (its exit code only says it ran). */
function multitoolResults(name: string, text: string): Sarif.Result[] {
  const input = path.join(scratch, `${name}.sarif`);
  const output = path.join(scratch, `${name}.validation.sarif`);
  writeFileSync(input, text);
  const run = spawnSync(multitool, ["validate", input, "--output", output], { encoding: "utf8" });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const log: Sarif.Log = JSON.parse(readFileSync(output, "utf8").replace(/^\uFEFF/, ""));
  return log.runs.flatMap((validation) => validation.results ?? []);
}

describe("sarif format", () => {
  it.each([
    ["sample", sampleResult()],
    ["empty", emptyResult()],
  ])("validates the %s log against the SARIF 2.1.0 schema", (_name, result) => {
    const log = sarifOf(result);
    expect(validateSchema(log), JSON.stringify(validateSchema.errors, null, 2)).toBe(true);
  });

  it("rejects an invalid log with the same schema, so the check above has teeth", () => {
    const log = sarifOf(sampleResult());
    onlyRun(log).results![0]!.level = "fatal" as Sarif.Result.level;
    expect(validateSchema(log)).toBe(false);
  });

  it.each([
    ["sample", sampleResult()],
    ["empty", emptyResult()],
  ])("passes Microsoft's SARIF multitool without errors (%s)", (name, result) => {
    const errors = multitoolResults(name, formatSarif(result, options)).filter((r) => r.level === "error");
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it("gets errors back from the multitool on a log it can read but rejects, so the check above can fail", () => {
    // The multitool silently skips logs it cannot deserialise, so the proof needs a well-formed log with a real
    // defect: an unencoded space in a URI (SARIF1002).
    const log = sarifOf(sampleResult());
    firstLocation(onlyRun(log).results![0]!).artifactLocation!.uri = "My Dockerfile";
    const errors = multitoolResults("defective", JSON.stringify(log)).filter((r) => r.level === "error");
    expect(errors.map((r) => r.ruleId)).toContain("SARIF1002");
  });

  it("has the log envelope GitHub expects", () => {
    const log = sarifOf(emptyResult());
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    const run = onlyRun(log);
    expect(run.results).toEqual([]);
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///home/dev/project/" } });
    expect(run.tool.driver).toMatchObject({
      name: "mllint",
      version: "0.1.0",
      semanticVersion: "0.1.0",
      informationUri: "https://github.com/mllint/mllint",
    });
    expect(run.automationDetails).toBeUndefined();
  });

  it("writes automationDetails only when a category is given", () => {
    expect(onlyRun(sarifOf(emptyResult(), { category: "mllint" })).automationDetails).toEqual({
      id: "mllint/",
    });
  });

  it("describes every rule of the run, with unique ids and full metadata", () => {
    const result = sampleResult();
    const driverRules = onlyRun(sarifOf(result)).tool.driver.rules!;
    expect(driverRules.map((r) => r.id)).toEqual(result.rules.map((r) => r.code));
    expect(new Set(driverRules.map((r) => r.id)).size).toBe(driverRules.length);
    for (const descriptor of driverRules) {
      expect(descriptor.name!.length).toBeLessThanOrEqual(255);
      expect(descriptor.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(descriptor.shortDescription!.text).not.toBe("");
      expect(descriptor.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(descriptor.help!.text).not.toBe("");
      expect(descriptor.help!.markdown).toContain("```");
      expect(descriptor.helpUri).toBe(
        `https://github.com/mllint/mllint/blob/main/docs/rules.md#${descriptor.id.toLowerCase()}`,
      );
      expect(["note", "warning", "error"]).toContain(descriptor.defaultConfiguration!.level);
      expect(descriptor.properties!.tags!.length).toBeLessThanOrEqual(20);
      expect(descriptor.properties!.precision).toBe("high");
    }
    const latest = driverRules.find((r) => r.id === "DF002")!;
    expect(latest).toMatchObject({
      name: "NoLatestTag",
      shortDescription: { text: "Summary of no-latest-tag." },
      fullDescription: {
        text: "Summary of no-latest-tag. Why no-latest-tag matters: the symptom users see.",
      },
      defaultConfiguration: { level: "warning" },
      properties: { tags: ["reproducibility", "ml"], aliases: ["hadolint:DL3007", "checkov:CKV_DOCKER_7"] },
    });
    expect(latest.help!.markdown).toContain("```dockerfile\nFROM python:latest\n```");
    expect(latest.help!.markdown).toContain("```dockerfile\nFROM python:3.12-slim\n```");
  });

  it("fences multi-file examples so their backticks cannot close the block", () => {
    const gpu = onlyRun(sarifOf(sampleResult())).tool.driver.rules!.find((r) => r.id === "XP001")!;
    expect(gpu.help!.markdown).toContain("`compose.yaml`:\n\n````yaml\n```\nservices: {}\n````");
    expect(gpu.properties!.tags).toEqual(["correctness", "ml", "gpu"]);
  });

  it("keeps descriptions within GitHub's limits", () => {
    const verbose = rule("DF900", "x".repeat(300), "style", "info");
    verbose.docs = { ...verbose.docs, why: "w".repeat(2000) };
    const log = sarifOf({ ...emptyResult(), rules: [verbose] });
    const [descriptor] = onlyRun(log).tool.driver.rules!;
    expect(descriptor!.name!.length).toBe(255);
    expect(descriptor!.fullDescription!.text.length).toBe(1024);
    expect(validateSchema(log)).toBe(true);
  });

  it("gives security-severity to security rules only, as a string inside a band", () => {
    const driverRules = onlyRun(sarifOf(sampleResult())).tool.driver.rules!;
    const scores = Object.fromEntries(driverRules.map((r) => [r.id, r.properties!["security-severity"]]));
    expect(scores).toEqual({
      DF001: "8.1",
      DF002: undefined,
      DF003: "5.3",
      DF004: undefined,
      DF005: "2.1",
      XP001: undefined,
    });
    for (const descriptor of driverRules) {
      expect(descriptor.properties!.tags!.includes("security")).toBe(scores[descriptor.id] !== undefined);
    }
  });

  it("points every result at its rule by a consistent ruleIndex", () => {
    const run = onlyRun(sarifOf(sampleResult()));
    expect(run.results).toHaveLength(5);
    for (const result of run.results!) {
      expect(run.tool.driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.message.text).not.toBe("");
      expect(result.partialFingerprints).toBeUndefined();
    }
  });

  it("adds a finding's rule missing from the run's rule list, so its ruleIndex still resolves", () => {
    const stray = rule("DF999", "internal-error", "correctness", "error");
    const run = onlyRun(
      sarifOf(lintResult([finding(stray, source("Dockerfile", "FROM x\n"), span(0, 4), "boom")], [])),
    );
    const [result] = run.results!;
    expect(run.tool.driver.rules![result!.ruleIndex!]!.id).toBe("DF999");
  });

  it("maps severities to levels", () => {
    const run = onlyRun(sarifOf(sampleResult()));
    expect(resultFor(run, "DF001").level).toBe("error");
    expect(resultFor(run, "DF002").level).toBe("warning");
    expect(resultFor(run, "DF004").level).toBe("note");
  });

  it("counts columns in UTF-16 code units with an exclusive end", () => {
    const location = firstLocation(resultFor(onlyRun(sarifOf(sampleResult())), "DF003"));
    expect(location.region).toEqual({ startLine: 2, startColumn: 19, endLine: 2, endColumn: 34 });
  });

  it("percent-encodes root-relative URIs under %SRCROOT%", () => {
    const location = firstLocation(resultFor(onlyRun(sarifOf(sampleResult())), "DF003"));
    expect(location.artifactLocation).toEqual({ uri: "My%20Dockerfile", uriBaseId: "%SRCROOT%" });
  });

  it("makes URIs relative to the root, not the working directory", () => {
    const run = onlyRun(sarifOf(sampleResult(), { cwd: `${root}/deploy/gpu` }));
    expect(firstLocation(resultFor(run, "DF003")).artifactLocation!.uri).toBe("deploy/gpu/My%20Dockerfile");
  });

  it("falls back to an absolute file URI for a file outside the root", () => {
    const outside = source("../shared/Dockerfile", "FROM python:latest\n");
    const result = lintResult(
      [finding(rules.latestTag, outside, spanOf(outside, "latest"), "Pin it.")],
      [outside],
    );
    const location = firstLocation(
      onlyRun(sarifOf(result, { root: `${root}/app`, cwd: `${root}/app` })).results![0]!,
    );
    expect(location.artifactLocation).toEqual({ uri: "file:///home/dev/project/shared/Dockerfile" });
  });

  it("widens a zero-length span to one character", () => {
    const location = firstLocation(resultFor(onlyRun(sarifOf(sampleResult())), "DF004"));
    expect(location.region).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 });
  });

  it("lists related locations in other files with ids and messages", () => {
    const gpu = resultFor(onlyRun(sarifOf(sampleResult())), "XP001");
    expect(gpu.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: "compose.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 13 },
        },
        message: { text: "built here without a GPU reservation" },
      },
    ]);
  });

  it("is byte-identical across runs", () => {
    expect(formatSarif(sampleResult(), options)).toBe(formatSarif(sampleResult(), options));
  });
});

describe("sarif from the CLI on the example project", () => {
  const cwd = path.join(import.meta.dirname, "../..");
  const run = spawnSync(
    process.execPath,
    ["dist/cli.js", "fixtures/projects/seed-ml-api", "--format", "sarif"],
    {
      cwd,
      encoding: "utf8",
    },
  );
  const log: Sarif.Log = JSON.parse(run.stdout);

  it("is valid against the SARIF 2.1.0 schema", () => {
    expect(validateSchema(log), JSON.stringify(validateSchema.errors?.slice(0, 5), null, 2)).toBe(true);
  });

  // The multitool takes tens of seconds on a log with every rule's help text on this shared machine.
  it("passes Microsoft's SARIF multitool without errors", { timeout: 180_000 }, () => {
    const errors = multitoolResults("example-project", run.stdout).filter((r) => r.level === "error");
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it("describes every rule of the registry and points each result at a repository-relative file", () => {
    const sarifRun = onlyRun(log);
    expect(sarifRun.tool.driver.rules!.length).toBeGreaterThan(100);
    expect(sarifRun.results!.length).toBeGreaterThan(20);
    for (const result of sarifRun.results!) {
      const location = firstLocation(result);
      expect(location.artifactLocation!.uri).toMatch(/^fixtures\/projects\/seed-ml-api\/[^/]/);
      expect(location.artifactLocation!.uriBaseId).toBe("%SRCROOT%");
      expect(sarifRun.tool.driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
    }
  });
});
