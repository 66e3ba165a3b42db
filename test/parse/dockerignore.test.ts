import { describe, expect, it } from "vitest";
import { cleanPath, excludingPattern, isExcluded, parseDockerignore } from "../../src/parse/dockerignore.js";
import { SourceFile } from "../../src/source.js";

const ignore = (text: string) => parseDockerignore(new SourceFile(".dockerignore", text, "dockerignore"));

describe(".dockerignore", () => {
  it("reads patterns, comments, blank lines and exceptions with their spans", () => {
    const parsed = ignore("# weights\n  models/*.pt  \n\n!models/keep.pt\n./data/\n");
    expect(parsed.patterns.map((p) => [p.pattern, p.exception, parsed.file.slice(p.span)])).toEqual([
      ["models/*.pt", false, "models/*.pt"],
      ["models/keep.pt", true, "!models/keep.pt"],
      ["data", false, "./data/"],
    ]);
  });

  it("matches like the builder: single star stays in a directory, double star crosses them", () => {
    const parsed = ignore("*.log\n**/__pycache__\ncheckpoints/**/*.safetensors\n");
    expect(isExcluded(parsed, "train.log")).toBe(true);
    expect(isExcluded(parsed, "logs/train.log")).toBe(false);
    expect(isExcluded(parsed, "__pycache__/a.pyc")).toBe(true);
    expect(isExcluded(parsed, "src/pkg/__pycache__/a.pyc")).toBe(true);
    expect(isExcluded(parsed, "checkpoints/model.safetensors")).toBe(true);
    expect(isExcluded(parsed, "checkpoints/run1/step9/model.safetensors")).toBe(true);
  });

  it("excludes everything below an excluded directory", () => {
    const parsed = ignore(".git\nmodels\n");
    expect(isExcluded(parsed, ".git/objects/ab/cdef")).toBe(true);
    expect(isExcluded(parsed, "models/llama/weights.bin")).toBe(true);
    expect(isExcluded(parsed, "src/models.py")).toBe(false);
  });

  it("lets the last matching line win, so exceptions re-include", () => {
    const parsed = ignore("models/\n!models/config.json\n");
    expect(isExcluded(parsed, "models/weights.bin")).toBe(true);
    expect(isExcluded(parsed, "models/config.json")).toBe(false);
    expect(excludingPattern(parsed, "models/weights.bin")?.pattern).toBe("models");
  });

  it("supports ? and character classes, and reports malformed ones", () => {
    const parsed = ignore("data?.csv\nshard-[0-9].bin\nbad[\n");
    expect(isExcluded(parsed, "data1.csv")).toBe(true);
    expect(isExcluded(parsed, "data10.csv")).toBe(false);
    expect(isExcluded(parsed, "shard-3.bin")).toBe(true);
    expect(parsed.problems.map((p) => parsed.file.slice(p.span))).toEqual(["bad["]);
  });

  it("cleans paths as Go's filepath.Clean does", () => {
    expect(cleanPath("./a//b/../c/")).toBe("a/c");
    expect(cleanPath("/abs/path")).toBe("abs/path");
  });
});
