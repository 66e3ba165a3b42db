import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// End to end through the committed bundle, as users run it (`npm test` rebuilds it first).
const cli = join(import.meta.dirname, "../../dist/cli.js");

function mllint(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "mllint-cli-"));
  mkdirSync(join(dir, ".git"));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

const clean = 'FROM python:3.12-slim\nRUN useradd -u 10001 app\nUSER 10001\nCMD ["python", "-m", "job"]\n';
const shellCmd = "FROM python:3.12-slim\nUSER 10001\nCMD python -m job\n";

describe("exit codes", () => {
  it("is 0 on a clean project", () => {
    const r = mllint(["."], { cwd: project({ Dockerfile: clean }) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No problems in 1 file");
  });

  it("is 0 on warnings with the default fail level, 1 with --fail-on warning", () => {
    const dir = project({ Dockerfile: shellCmd });
    expect(mllint(["."], { cwd: dir }).code).toBe(0);
    expect(mllint([".", "--fail-on", "warning"], { cwd: dir }).code).toBe(1);
    expect(mllint([".", "--fail-on", "none"], { cwd: dir }).code).toBe(0);
  });

  it("takes the fail level from .mllint.yaml", () => {
    const dir = project({ Dockerfile: shellCmd, ".mllint.yaml": "failOn: warning\n" });
    expect(mllint(["."], { cwd: dir }).code).toBe(1);
  });

  it("ignores config files with --no-config and uses the one named by --config", () => {
    const dir = project({
      Dockerfile: shellCmd,
      ".mllint.yaml": "failOn: warning\n",
      "strict.yaml": "failOn: info\n",
    });
    expect(mllint([".", "--no-config"], { cwd: dir }).code).toBe(0);
    expect(mllint([".", "--config", "strict.yaml"], { cwd: dir }).code).toBe(1);
    expect(mllint([".", "--config", "missing.yaml"], { cwd: dir }).code).toBe(2);
  });

  it("fails on more warnings than --max-warnings allows, whatever the fail level", () => {
    const dir = project({ Dockerfile: shellCmd });
    expect(mllint([".", "--max-warnings", "0"], { cwd: dir }).code).toBe(1);
    expect(mllint([".", "--max-warnings", "1"], { cwd: dir }).code).toBe(0);
    expect(mllint([".", "--max-warnings", "-1"], { cwd: dir }).code).toBe(2);
  });

  it("prints the configuration that applies with --print-config", () => {
    const dir = project({
      Dockerfile: clean,
      ".mllint.yaml": "failOn: warning\nrules:\n  DF001: off\n  DC020: info\n",
    });
    const r = mllint([".", "--print-config"], { cwd: dir });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.failOn).toBe("warning");
    expect(printed.files).toEqual([join(dir, ".mllint.yaml")]);
    expect(printed.rules.DF001).toBe("off");
    expect(printed.rules.DC020).toEqual({ severity: "info", options: {} });
    expect(printed.rules.DC021).toBe("off");
  });

  it("is 2 on an invalid config, naming the file, line and key", () => {
    const dir = project({ Dockerfile: clean, ".mllint.yaml": "rules:\n  DF001: loud\n" });
    const r = mllint(["."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.mllint\.yaml:2:\d+: rules\.DF001/);
  });

  it("is 2 on an unknown option, a missing path and an unknown rule to explain", () => {
    expect(mllint(["--nope"]).code).toBe(2);
    const missing = mllint(["does-not-exist"], { cwd: project({}) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("does-not-exist");
    expect(mllint(["explain", "no-such-rule"]).code).toBe(2);
  });
});

describe("outputs", () => {
  it("prints the JSON contract", () => {
    const r = mllint([".", "--format", "json"], { cwd: project({ Dockerfile: shellCmd }) });
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(["version", "tool", "findings", "files", "summary"]);
    expect(report.files).toEqual([{ path: "Dockerfile", kind: "dockerfile" }]);
    expect(report.findings.map((f: { rule: string; line: number }) => `${f.rule}@${f.line}`)).toEqual([
      "DF011@3",
    ]);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 1, infos: 0 });
  });

  it("writes no ANSI colour when piped or with NO_COLOR, and colour with --color", () => {
    const dir = project({ Dockerfile: shellCmd });
    expect(mllint(["."], { cwd: dir }).stdout).not.toContain("\u001b[");
    expect(mllint([".", "--color"], { cwd: dir, env: { NO_COLOR: "" } }).stdout).toContain("\u001b[");
    expect(mllint([".", "--color", "--no-color"], { cwd: dir }).stdout).not.toContain("\u001b[");
  });

  it("never lets file text inject a workflow command through --format github", () => {
    const hostile = [
      "# ::error::pwned",
      "# ##[group]hidden",
      "FROM python:3.12-slim",
      "ENV X='::add-mask::secret' Y=##[endgroup]",
      "CMD echo ::stop-commands::z && echo '::warning file=x::fake'",
      "",
    ].join("\n");
    const r = mllint([".", "--format", "github"], { cwd: project({ Dockerfile: hostile }) });
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    const stop = lines.findIndex((l) => l.startsWith("::stop-commands::"));
    expect(stop).toBeGreaterThan(0);
    const token = lines[stop]!.slice("::stop-commands::".length);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    for (const line of lines.slice(0, stop)) {
      expect(line).toMatch(/^::(error|warning|notice) /);
      expect(line.slice(line.indexOf("::", 2) + 2)).not.toMatch(/::|##\[/);
    }
    expect(lines.at(-1)).toBe(`::${token}::`);
    expect(lines.slice(stop + 1, -1).join("\n")).not.toContain(`::${token}::`);
  });

  it("lints standard input under the given name", () => {
    const r = mllint(["--stdin", "--stdin-filename", "deploy/Dockerfile", "--format", "json"], {
      input: shellCmd,
    });
    const report = JSON.parse(r.stdout);
    expect(report.findings[0].file).toBe("deploy/Dockerfile");
    expect(mllint(["--stdin"], { input: shellCmd }).code).toBe(2);
  });

  it("lists rules with the rules --format json contract", () => {
    const list = JSON.parse(mllint(["rules", "--format", "json"]).stdout);
    expect(list.length).toBeGreaterThan(5);
    for (const rule of list) {
      expect(Object.keys(rule)).toEqual([
        "code",
        "name",
        "target",
        "category",
        "severity",
        "status",
        "tags",
        "aliases",
        "summary",
        "fixable",
        "enabledByDefault",
      ]);
    }
  });

  it("explains a rule by a peer id", () => {
    const r = mllint(["explain", "hadolint:DL3025"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("# DF011 require-exec-form-cmd");
    expect(r.stdout).toContain("## Why is this bad?");
  });
});

describe("--fix", () => {
  it("applies safe fixes, writes the file, and reports what is left", () => {
    const dir = project({ Dockerfile: shellCmd });
    const r = mllint([".", "--fix", "--fail-on", "warning"], { cwd: dir });
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe(
      'FROM python:3.12-slim\nUSER 10001\nCMD ["python", "-m", "job"]\n',
    );
    expect(r.stderr).toContain("applied 1 fix");
    expect(r.code).toBe(0);
  });

  it("leaves files alone without --fix", () => {
    const dir = project({ Dockerfile: shellCmd });
    mllint(["."], { cwd: dir });
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe(shellCmd);
  });
});

describe("suppressions", () => {
  it("honours mllint and hadolint comments and reports unused ones", () => {
    const text = [
      "FROM python:3.12-slim",
      "USER 10001",
      "# hadolint ignore=DL3025",
      "CMD python -m job",
      "# mllint ignore=DF012 -- nothing to suppress here",
      'ENTRYPOINT ["python"]',
      "",
    ].join("\n");
    const r = mllint([".", "--format", "json"], { cwd: project({ Dockerfile: text }) });
    const found = JSON.parse(r.stdout).findings.map(
      (f: { rule: string; line: number }) => `${f.rule}@${f.line}`,
    );
    expect(found).toEqual(["ML001@5"]);
  });
});
