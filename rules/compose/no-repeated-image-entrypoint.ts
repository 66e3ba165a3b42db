import { repeatedEntrypoint, serviceMlImage } from "../../src/knowledge/compose-ml.js";
import type { Value } from "../../src/model/compose.js";
import { defineRule, type Fix } from "../../src/rule.js";

/** Deletes the repeated words up to the next one, when one is left to run. */
function removal(words: Value[], count: number): Fix | undefined {
  const next = words[count];
  // Words of a block scalar all carry the scalar's span: no edit can tell them apart.
  if (!next || next.span.start <= words[count - 1]!.span.end) return undefined;
  return {
    title: "Remove the repeated entrypoint",
    safety: "unsafe",
    edits: [{ span: { start: words[0]!.span.start, end: next.span.start }, text: "" }],
  };
}

export default defineRule({
  code: "DC115",
  name: "no-repeated-image-entrypoint",
  target: "compose",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  fixable: true,
  docs: {
    summary: "`command` must not repeat the program the serving image already runs as its entrypoint.",
    why: "`command` only supplies arguments to the image's ENTRYPOINT. The vLLM image's entrypoint is `vllm serve` (the `vllm.entrypoints.openai.api_server` module in older tags), TGI's is `text-generation-launcher`, TEI's `text-embeddings-router`, Ollama's `ollama`. Writing the program again passes its name as an argument: `vllm serve vllm serve ...` fails with `unrecognized arguments`, TGI with `unexpected argument 'text-generation-launcher' found`, or the server silently serves its default model. Services that set `entrypoint:` themselves are not checked.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  llm:\n    image: vllm/vllm-openai:v0.8.5\n    command: vllm serve Qwen/Qwen2.5-7B-Instruct --max-model-len 8192\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    command:\n      - text-generation-launcher\n      - --model-id\n      - mistralai/Mistral-7B-Instruct-v0.3\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.8.5\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n  custom:\n    image: vllm/vllm-openai:v0.8.5\n    entrypoint: ["python3", "-m", "vllm.entrypoints.openai.api_server"]\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n  ollama:\n    image: ollama/ollama:0.3.12\n    command: serve\n',
      },
    ],
    fix: "Keep only the arguments in `command`, or set `entrypoint:` explicitly when you want to spell out the whole command line. The autofix deletes the repeated words; it is unsafe because older vLLM tags, whose entrypoint is the api_server module, need the model as `--model` rather than positional.",
  },
  check({ model, report }) {
    for (const service of model.services) {
      const image = serviceMlImage(service);
      const words = service.command?.words ?? [];
      if (!image || service.entrypoint || words.length === 0) continue;
      const prefix = repeatedEntrypoint(image, words);
      if (!prefix) continue;
      const written = prefix.map((w) => w.value).join(" ");
      report({
        message: `the ${image.label} image already runs \`${written}\` as its entrypoint: \`command\` passes it again as arguments and the server refuses them; keep only the arguments`,
        at: { start: prefix[0]!.span.start, end: prefix.at(-1)!.span.end },
        fix: removal(words, prefix.length),
      });
    }
  },
});
