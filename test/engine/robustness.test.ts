import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import type { FileTarget } from "../../src/rule.js";
import { lintText } from "../harness.js";

// Bad input never crashes mllint: mangled versions of real files must give findings, never internal errors.
const example = join(import.meta.dirname, "../../fixtures/projects/seed-ml-api");
const samples = readdirSync(example)
  .filter((name) => /^(Dockerfile|docker-compose)/.test(name))
  .map((name) => ({ name, text: readFileSync(join(example, name), "utf8") }));

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabet = [
  '"',
  "'",
  "\\",
  "\n",
  "[",
  "]",
  "{",
  "}",
  ":",
  "-",
  "$",
  "(",
  ")",
  "`",
  "#",
  "<<",
  "&&",
  "|",
  " ",
  "\t",
  "*",
  "é",
  "😀",
  "\r\n",
  "- ",
  "&a",
  "*a",
];

function mangle(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else
      out =
        out.slice(0, at) +
        out.slice(Math.floor(next() * out.length), Math.floor(next() * out.length)) +
        out.slice(at);
  }
  return out;
}

// ShellCheck is left out only to keep this fast; it is exercised on real input elsewhere.
const inProcessRules = rules.filter((rule) => rule.code !== "DF090");

describe("mangled input", () => {
  it.each(samples.map((s) => [s.name, s] as const))(
    "%s: 150 mangled versions lint without an internal error",
    (_n, sample) => {
      const target: FileTarget = sample.name.startsWith("Dockerfile") ? "dockerfile" : "compose";
      const next = random(sample.name.length * 7919);
      for (let i = 0; i < 150; i++) {
        const text = mangle(sample.text, next);
        const crashes = lintText(
          text,
          inProcessRules.filter((r) => r.target === target),
          { target },
        )
          .filter((f) => f.rule.code === "ML000")
          .map((f) => `${f.message}\n--- input ---\n${text}`);
        expect(crashes).toEqual([]);
      }
    },
  );
});
