import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDockerfile } from "../../src/model/dockerfile.js";
import { withRequirements } from "../../src/model/requirements.js";
import { requirementNames } from "../../src/parse/requirements.js";
import { SourceFile } from "../../src/source.js";

describe("requirements files", () => {
  it("reads project names, leaving versions, markers, options, URLs and paths aside", () => {
    const text = [
      "# serving",
      "torch==2.3.1 ; platform_machine == 'x86_64'",
      "Sentence_Transformers>=3  # embeddings",
      "-r base.txt",
      "--extra-index-url https://download.pytorch.org/whl/cu121",
      "-e .",
      "./wheels/custom-1.0-py3-none-any.whl",
      "git+https://github.com/org/repo.git@abc123",
      "uvicorn[standard]~=0.30",
      "",
    ].join("\n");
    expect(requirementNames(text)).toEqual(["torch", "sentence-transformers", "uvicorn"]);
  });

  it("attaches a RUN's requirements from the build context, and nothing from outside the repository", () => {
    const outside = mkdtempSync(join(tmpdir(), "mllint-outside-"));
    writeFileSync(join(outside, "secret.txt"), "torch\n");
    const repo = mkdtempSync(join(tmpdir(), "mllint-req-"));
    mkdirSync(join(repo, ".git"));
    writeFileSync(join(repo, "requirements.txt"), "torch==2.3.1\nfastapi\n");
    symlinkSync(join(outside, "secret.txt"), join(repo, "linked.txt"));
    const text =
      "FROM python:3.12-slim\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt && pip install -r linked.txt -r missing.txt\n";
    const path = join(repo, "Dockerfile");
    writeFileSync(path, text);
    const doc = withRequirements(buildDockerfile(new SourceFile("Dockerfile", text, "dockerfile", path)));
    const run = doc.instructions[2]!;
    if (run.kind !== "run") throw new Error("expected RUN");
    expect([...(run.requirements ?? new Map())]).toEqual([["/tmp/requirements.txt", ["torch", "fastapi"]]]);
  });
});
