import type { CommandValue, Value } from "../../src/model/compose.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

/** `--dtype auto`, `-p 8000`: a flag, blanks, then a value in one word. */
const flagWithValue = /^(--?[A-Za-z][\w.-]*)(\s+)(\S.*)$/s;

/** The items of a list-form command that are not shell scripts (`sh -c "..."` takes a whole script as one item). */
function argumentItems(command: CommandValue | undefined): Value[] {
  if (command?.form !== "list" || command.words[0]?.value === "CMD-SHELL") return [];
  const script = command.words.findIndex((w) => /^-[a-z]*c$/.test(w.value));
  return command.words.filter((_, i) => i !== script + 1 || script === -1);
}

/** `--flag=value` for a long flag with one value, written as-is in the file. */
function equalsFix(file: SourceFile, word: Value): Fix | undefined {
  const match = flagWithValue.exec(word.value);
  if (!match || !match[1]!.startsWith("--") || /\s/.test(match[3]!)) return undefined;
  const start = file.text.indexOf(word.value, word.span.start);
  if (start === -1 || start + word.value.length > word.span.end) return undefined;
  const blank = { start: start + match[1]!.length, end: start + match[1]!.length + match[2]!.length };
  return {
    title: `Write it as \`${match[1]}=${match[3]}\``,
    safety: "unsafe",
    edits: [{ span: blank, text: "=" }],
  };
}

export default defineRule({
  code: "DC116",
  name: "no-flag-and-value-in-one-list-item",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  fixable: true,
  docs: {
    summary:
      "In the list form of `command`, `entrypoint` and healthcheck `test`, a flag and its value are separate items.",
    why: "The list form is passed to the program as-is, without a shell to split words: `- --dtype auto` arrives as the single argument `\"--dtype auto\"`, which no parser knows. vLLM stops with `unrecognized arguments: --dtype auto`, TGI with `unexpected argument '--num-shard 2' found`, and some servers ignore it and run with the default. The item after `sh -c` is a whole script and is left alone.",
    examples: [
      {
        kind: "invalid",
        count: 2,
        files:
          "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command:\n      - --model Qwen/Qwen2.5-7B-Instruct\n      - --dtype auto\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command:\n      - --model\n      - Qwen/Qwen2.5-7B-Instruct\n      - --dtype=auto\n  job:\n    image: python:3.12-slim\n    command: ["sh", "-c", "python -m pip list && python job.py --n 2"]\n',
      },
    ],
    fix: "Split the item in two (`- --dtype` then `- auto`), or join them with `=` (`- --dtype=auto`). The autofix writes `--flag=value` for a long flag with a single value; it is unsafe because it changes the arguments the program receives.",
  },
  check({ file, model, report }) {
    for (const service of model.services) {
      const lists = [service.command, service.entrypoint, service.healthcheck?.test];
      for (const word of lists.flatMap(argumentItems)) {
        const match = flagWithValue.exec(word.value);
        if (!match) continue;
        report({
          message: `\`${word.value}\` is one argument in the list form: the program receives flag and value as a single word and rejects it; split it into \`${match[1]}\` and \`${match[3]}\``,
          at: word.span,
          fix: equalsFix(file, word),
        });
      }
    }
  },
});
