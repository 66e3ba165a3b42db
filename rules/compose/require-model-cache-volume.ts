import {
  envEntry,
  envValue,
  findFlag,
  modelCacheDirs,
  pathsOverlap,
  serviceCommands,
  serviceMlImage,
} from "../../src/knowledge/compose-ml.js";
import { effectiveViews } from "../../src/knowledge/compose-services.js";
import { isModelServerCommand } from "../../src/knowledge/servers.js";
import type { ComposeService, Mount } from "../../src/model/compose.js";
import { commandName, positionalArgs, type ShellCommand, subcommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

/** `org/name`, as the Hugging Face Hub names a repository; never a path. */
const hubId = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const offlineVariables = ["HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"];

/** The Hub repository the service downloads at start, and where the file names it. */
function hubModel(service: ComposeService, commands: ShellCommand[]): { id: string; at: Span } | undefined {
  const flagged = findFlag(commands, "--model", "--model-id", "--model-path");
  const vllm = commands.find((c) => commandName(c) === "vllm" && subcommand(c)?.value === "serve");
  const positional = vllm && positionalArgs(vllm)[1];
  const env = envEntry(service, "MODEL_ID")?.value;
  const word = [flagged, positional, env].find((w) => w && hubId.test(w.value));
  return word && { id: word.value, at: word.span };
}

/** Where the service keeps models, and what in the file makes it download one: a Hub id or Ollama. */
function download(service: ComposeService, commands: ShellCommand[]) {
  const image = serviceMlImage(service);
  const pull = commands.find(
    (c) => commandName(c) === "ollama" && /^(pull|run)$/.test(subcommand(c)?.value ?? ""),
  );
  if (image?.label === "Ollama" || pull) {
    const dir = envValue(service, "OLLAMA_MODELS") ?? "/root/.ollama";
    const at = pull ? pull.span : service.image!.span;
    return { what: "The Ollama model", dirs: [dir], at };
  }
  const hfServer = image?.cacheEnv.includes("HF_HUB_CACHE") || commands.some(isModelServerCommand);
  if (!hfServer || offlineVariables.some((name) => envValue(service, name) === "1")) return undefined;
  const model = hubModel(service, commands);
  return model && { what: `\`${model.id}\``, dirs: modelCacheDirs(service, commands), at: model.at };
}

/** A mount that outlives the container: a bind or a named volume. */
const persists = (mount: Mount) =>
  mount.type !== "tmpfs" && mount.source !== undefined && mount.source !== "";

export default defineRule({
  code: "DC110",
  name: "require-model-cache-volume",
  target: "compose",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "A service that downloads a model at start needs a volume at its model cache.",
    why: "vLLM, TGI, TEI and SGLang download `--model org/name` (`--model-id`, `MODEL_ID`, `vllm serve org/name`) from the Hugging Face Hub into their cache, and Ollama pulls into `/root/.ollama`. Without a volume there, the weights land in the container's writable layer and vanish with it: every `docker compose up --force-recreate`, image upgrade or host reboot downloads gigabytes again, start-up takes minutes, the Hub rate-limits you, and an outage of the Hub becomes an outage of your service. The cache is found from `HF_HOME`, `HF_HUB_CACHE`, `HUGGINGFACE_HUB_CACHE`, `TRANSFORMERS_CACHE`, `--download-dir`, `OLLAMA_MODELS`, or the image's default (`/root/.cache/huggingface`, `/data` for TGI and TEI); a named volume or bind mount at it, above it or inside it counts. Local paths (`--model /models/x`) and `HF_HUB_OFFLINE=1` are not downloads.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n    gpus: all\n',
      },
      {
        kind: "invalid",
        files:
          "services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    environment:\n      MODEL_ID: mistralai/Mistral-7B-Instruct-v0.3\n    volumes:\n      - ./models:/models:ro\n",
      },
      { kind: "invalid", files: "services:\n  ollama:\n    image: ollama/ollama:0.3.12\n" },
      {
        kind: "valid",
        files:
          "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: Qwen/Qwen2.5-7B-Instruct\n    volumes:\n      - hf_cache:/root/.cache/huggingface\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.4.0\n    command: --model-id /data/mistral\n  ollama:\n    image: ollama/ollama:0.3.12\n    volumes:\n      - ollama:/root/.ollama\nvolumes:\n  hf_cache:\n  ollama:\n",
      },
    ],
    fix: "Mount a named volume (or a host directory) at the cache: `hf_cache:/root/.cache/huggingface` for vLLM and SGLang, `./data:/data` for TGI and TEI, `ollama:/root/.ollama` for Ollama; or point `HF_HOME` at a mounted directory.",
  },
  check({ model, report }) {
    for (const { service, at } of effectiveViews(model)) {
      const commands = serviceCommands(service, model.file.text);
      const found = download(service, commands);
      if (!found) continue;
      const mounts = service.volumes.filter(persists).map((mount) => mount.target ?? "");
      const covered =
        found.dirs.length === 0
          ? mounts.some((target) => /huggingface|\.cache/.test(target))
          : mounts.some((target) => found.dirs.some((dir) => pathsOverlap(dir, target)));
      if (covered) continue;
      report({
        message: `${found.what} is downloaded at every start of \`${service.name}\`: nothing persistent is mounted at ${found.dirs.map((d) => `\`${d}\``).join(" or ") || "its cache"}, so the weights are lost with the container; mount a named volume there`,
        at: at(found.at),
      });
    }
  },
});
