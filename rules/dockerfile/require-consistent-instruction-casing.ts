import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF302",
  name: "require-consistent-instruction-casing",
  target: "dockerfile",
  category: "style",
  severity: "info",
  fixable: true,
  aliases: ["buildkit:ConsistentInstructionCasing"],
  docs: {
    summary: "Instruction keywords should all be upper case or all lower case, like most of the file.",
    why: "Keywords are case-insensitive, but `Run` or a lone `copy` among upper-case instructions makes the file harder to scan and to grep, and BuildKit warns about each one on every build. The file's majority casing wins (upper case on a tie), so a consistently lower-case file is fine.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRun pip install --no-cache-dir torch\nCOPY . /app\n",
      },
      {
        kind: "invalid",
        files: "from python:3.12-slim\nrun pip install --no-cache-dir torch\nCOPY . /app\n",
      },
      {
        kind: "valid",
        files: "from python:3.12-slim as build\nrun pip install --no-cache-dir torch\ncopy . /app\n",
      },
    ],
    fix: "Recase the keyword. The autofix rewrites it in the majority casing (safe).",
  },
  check({ model, file, report }) {
    const written = model.instructions.map((i) => file.slice(i.keywordSpan));
    // Mixed-case keywords (`Run`) count for neither side, as in BuildKit.
    const lower = written.filter((k) => k === k.toLowerCase()).length;
    const upper = written.filter((k) => k === k.toUpperCase()).length;
    const majority = lower > upper ? "lowercase" : "uppercase";
    for (const instruction of model.instructions) {
      const keyword = file.slice(instruction.keywordSpan);
      const expected = majority === "lowercase" ? keyword.toLowerCase() : keyword.toUpperCase();
      if (keyword === expected) continue;
      report({
        message: casingMessage(keyword, expected, majority),
        at: instruction.keywordSpan,
        fix: {
          title: `Write ${expected}`,
          safety: "safe",
          edits: [{ span: instruction.keywordSpan, text: expected }],
        },
      });
    }
  },
});

function casingMessage(keyword: string, expected: string, majority: string): string {
  const mixed = keyword !== keyword.toLowerCase() && keyword !== keyword.toUpperCase();
  return mixed
    ? `${keyword} mixes upper and lower case; write ${expected}`
    : `${keyword} should be ${majority} like most instructions in the file`;
}
