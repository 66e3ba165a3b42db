import {
  baseImageEnv,
  escapeCharacter,
  type VariableReference,
  variableReferences,
} from "../../src/knowledge/variables.js";
import { type Instruction, lineage, type Stage } from "../../src/model/dockerfile.js";
import { predefinedArgs } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";
import { closest } from "../../src/suggest.js";

export default defineRule({
  code: "DF307",
  name: "no-undefined-variable",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  tags: ["ml"],
  aliases: ["buildkit:UndefinedVar"],
  docs: {
    summary: "A variable used in an instruction must be defined by an ARG or ENV of the stage first.",
    why: "The builder expands `$VAR` in COPY, ENV, LABEL, WORKDIR, USER, EXPOSE and VOLUME itself, and an undefined variable becomes an empty string without an error: `COPY $MODEL_DRI /models` copies the whole build context, `ENV PATH=/opt/venv/bin:$PAHT` leaves the image without a working PATH. Global ARGs (declared before the first FROM) are not visible inside a stage until it declares them again. RUN, CMD and ENTRYPOINT are left to the shell. Variables the base image is known to set (PATH, HOME, PYTHON_VERSION, CUDA_VERSION...) and the builder's predefined ARGs count as defined; for a base image mllint does not know, only names close to a defined one are reported, since the image may set others.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nARG MODEL_DIR=/models\nCOPY weights/ $MODEL_DRI/\n" },
      { kind: "invalid", files: "ARG MODEL_DIR=/models\nFROM python:3.12-slim\nWORKDIR $MODEL_DIR\n" },
      {
        kind: "valid",
        files:
          "ARG MODEL_DIR=/models\nFROM python:3.12-slim\nARG MODEL_DIR\nENV PATH=/opt/venv/bin:$PATH HF_HOME=${HF_HOME:-/cache}\nWORKDIR $MODEL_DIR\nRUN echo $UNSET_IN_SHELL\n",
      },
    ],
    fix: "Declare the variable with `ARG NAME[=default]` or `ENV NAME=value` in the stage before it is used (redeclare a global ARG with `ARG NAME`), or correct the name; the message suggests a close one.",
  },
  check({ model, file, report }) {
    const escapeChar = escapeCharacter(model);
    const comments = model.comments.map((c) => c.span);
    const scan = (span: Span) => variableReferences(blanked(file, span, comments), span.start, escapeChar);
    const globals = model.globalArgs.flatMap((arg) => arg.pairs.map((p) => p.key.value));
    for (const stage of model.stages) {
      const { names, complete } = inheritedEnv(stage);
      const defined = new Set([...names, ...predefinedArgs.keys()]);
      for (const instruction of stage.instructions) {
        for (const ref of expandedReferences(instruction, scan)) {
          if (ref.hasFallback || defined.has(ref.name)) continue;
          const suggestion = closest(ref.name, [...defined]);
          const global = globals.includes(ref.name);
          if (!complete && !suggestion && !global) continue;
          report({ message: undefinedMessage(ref.name, suggestion, global), at: ref.span });
        }
        for (const name of definedNames(instruction)) defined.add(name);
      }
    }
  },
});

/** What a stage starts with: its base image's known variables and the ENVs of the stages it builds on. */
function inheritedEnv(stage: Stage): { names: string[]; complete: boolean } {
  const chain = lineage(stage);
  const base = baseImageEnv(chain.at(-1)!.image);
  // Only ENV reaches a child stage (ARGs do not); instructionsOf cannot type the "env" kind, hence definedNames.
  const env = chain
    .slice(1)
    .flatMap((s) => s.instructions.filter((i) => i.kind === "env").flatMap(definedNames));
  return { names: [...base.names, ...env], complete: base.complete };
}

/** The references the builder expands in an instruction; shell-run instructions and FROM are not among them. */
function expandedReferences(
  instruction: Instruction,
  inSpan: (span: Span) => VariableReference[],
): VariableReference[] {
  switch (instruction.kind) {
    case "env":
    case "arg":
    case "label":
      return instruction.pairs.flatMap((pair) => (pair.value ? inSpan(pair.value.span) : []));
    case "copy":
    case "add": {
      // From the keyword on: argumentsSpan leaves out the flags, and `--chown=$UID` is expanded too.
      const end = instruction.heredocs[0]?.bodySpan.start ?? instruction.span.end;
      return inSpan({ start: instruction.keywordSpan.end, end });
    }
    case "workdir":
    case "user":
      return inSpan(instruction.argumentsSpan);
    case "other":
      return ["EXPOSE", "VOLUME", "STOPSIGNAL"].includes(instruction.keyword)
        ? inSpan(instruction.argumentsSpan)
        : [];
    default:
      return [];
  }
}

function definedNames(instruction: Instruction): string[] {
  return instruction.kind === "env" || instruction.kind === "arg"
    ? instruction.pairs.map((p) => p.key.value)
    : [];
}

/** The text of `span` with the comment lines inside it (continuation comments) blanked out, offsets kept. */
function blanked(file: SourceFile, span: Span, comments: Span[]): string {
  let text = file.slice(span);
  for (const comment of comments) {
    if (comment.end <= span.start || comment.start >= span.end) continue;
    const start = Math.max(comment.start, span.start) - span.start;
    const end = Math.min(comment.end, span.end) - span.start;
    text = text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
  }
  return text;
}

function undefinedMessage(name: string, suggestion: string | undefined, global: boolean): string {
  if (global) return `$${name} is a global ARG, not visible in this stage: add ARG ${name} after the FROM`;
  return `$${name} is not defined in this stage${suggestion ? ` (did you mean $${suggestion}?)` : ""}`;
}
