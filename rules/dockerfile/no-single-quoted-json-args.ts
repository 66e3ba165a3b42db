import type { Instruction } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

export default defineRule({
  code: "DF067",
  name: "no-single-quoted-json-args",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  fixable: true,
  docs: {
    summary: "Write exec-form arrays with double quotes: single quotes make them shell form.",
    why: "JSON only knows double quotes, so `CMD ['python', 'serve.py']` is not exec form: Docker runs the text through `/bin/sh -c`, where the shell sees a command named `[python,` and the container exits with `[python,: not found`. In SHELL it fails the build. dockerfile-utils reports it as JSON_IN_SINGLE_QUOTES.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nCMD ['python', 'serve.py']\n" },
      {
        kind: "valid",
        files: 'FROM python:3.12-slim\nCMD ["python", "serve.py"]\nRUN echo \'[1, 2]\' > /tmp/list.json\n',
      },
    ],
    fix: "Use double quotes. The autofix swaps the quotes (unsafe: the instruction changes from shell form to the exec form that was meant).",
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const target = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      const span = target && arraySpan(target);
      if (!span || !isSingleQuotedArray(file.slice(span))) continue;
      report({
        message: `${target!.keyword} uses single quotes: this is shell form, not a JSON array`,
        at: span,
        fix: {
          title: "Use double quotes",
          safety: "unsafe",
          edits: [{ span, text: file.slice(span).replaceAll("'", '"') }],
        },
      });
    }
  },
});

/** Where an instruction that takes an exec-form array has its arguments, when it was not read as exec form. */
function arraySpan(instruction: Instruction): Span | undefined {
  switch (instruction.kind) {
    case "cmd":
    case "entrypoint":
    case "run":
      return instruction.form === "shell" && instruction.args[0]
        ? { start: instruction.args[0].span.start, end: instruction.span.end }
        : undefined;
    case "healthcheck":
      return instruction.command?.form === "shell" ? instruction.command.span : undefined;
    case "shell":
      return instruction.exec ? undefined : instruction.argumentsSpan;
    default:
      return undefined;
  }
}

function isSingleQuotedArray(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith("[") || !trimmed.endsWith("]") || trimmed.includes('"') || !trimmed.includes("'"))
    return false;
  try {
    const parsed: unknown = JSON.parse(trimmed.replaceAll("'", '"'));
    return Array.isArray(parsed) && parsed.every((v) => typeof v === "string");
  } catch {
    return false;
  }
}
