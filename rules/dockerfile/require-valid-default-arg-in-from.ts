import { escapeCharacter, variableReferences } from "../../src/knowledge/variables.js";
import { findStage, globalArgDefaults, type PairsInstruction } from "../../src/model/dockerfile.js";
import { predefinedArgs, substitute } from "../../src/model/image.js";
import { defineRule, type RelatedLocation } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

export default defineRule({
  code: "DF306",
  name: "require-valid-default-arg-in-from",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  tags: ["ml"],
  aliases: ["buildkit:InvalidDefaultArgInFrom"],
  docs: {
    summary: "With the default values of its ARGs, a FROM line must name a valid image.",
    why: "`ARG CUDA_VERSION` with no default and `FROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04` builds only when every caller remembers `--build-arg CUDA_VERSION=...`; a plain `docker build`, a CI job or a teammate gets `invalid reference format` or pulls a tag that does not exist. A default makes the file build as it is and documents the tested version.",
    examples: [
      { kind: "invalid", files: "ARG TAG\nFROM python:${TAG}\n" },
      { kind: "invalid", files: "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n" },
      {
        kind: "valid",
        files:
          "ARG CUDA_VERSION=12.4.1\nARG VARIANT\nFROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04${VARIANT}\nARG TAG\nFROM python:${TAG:-3.12-slim}\n",
      },
    ],
    fix: "Give the ARG a default (`ARG TAG=3.12-slim`), or a fallback in the reference (`${TAG:-3.12-slim}`).",
  },
  check({ model, file, report }) {
    const defaults = globalDefaults(model.globalArgs);
    for (const stage of model.stages) {
      const image = stage.from.args[0];
      if (!image) continue;
      const refs = variableReferences(file.slice(image.span), image.span.start, escapeCharacter(model));
      // An undeclared name is no-undeclared-arg-in-from's finding.
      if (refs.length === 0 || refs.some((r) => !defaults.has(r.name))) continue;
      const resolved = substitute(image.value, defaults).text;
      if (isValidReference(resolved) || findStage(model.stages.slice(0, stage.index), resolved)) continue;
      report({
        message: resolved
          ? `With the default ARG values, FROM resolves to ${resolved}, which is not a valid image name`
          : "With the default ARG values, FROM resolves to an empty image name",
        at: image.span,
        related: withoutDefault(
          file,
          model.globalArgs,
          refs.map((r) => r.name),
        ),
      });
    }
  },
});

/** What each global ARG expands to in FROM when no `--build-arg` is given; builder-provided ones included. */
function globalDefaults(globalArgs: PairsInstruction[]): Map<string, string> {
  const declared = globalArgs
    .flatMap((arg) => arg.pairs)
    .map((pair): [string, string] => [pair.key.value, ""]);
  return new Map([...predefinedArgs, ...declared, ...globalArgDefaults(globalArgs)]);
}

function withoutDefault(
  file: SourceFile,
  globalArgs: PairsInstruction[],
  names: string[],
): RelatedLocation[] {
  return globalArgs
    .flatMap((arg) => arg.pairs)
    .filter((pair) => !pair.value && names.includes(pair.key.value))
    .map((pair) => ({ file, span: pair.key.span, message: `ARG ${pair.key.value} has no default` }));
}

// Docker's reference grammar: [domain[:port]/]path[:tag][@algorithm:hex], path components in lower case.
const domain = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?/)?`;
const component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const tag = String.raw`(?::[\w][\w.-]{0,127})?`;
const digest = "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?";
const referencePattern = new RegExp(`^${domain}${component}(?:/${component})*${tag}${digest}$`);

function isValidReference(reference: string): boolean {
  return referencePattern.test(reference);
}
