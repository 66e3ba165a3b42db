import {
  modelCacheDirs,
  pathsOverlap,
  serviceCommands,
  serviceMlImage,
} from "../../src/knowledge/compose-ml.js";
import { isServerCommand } from "../../src/knowledge/servers.js";
import type { ComposeService, Mount } from "../../src/model/compose.js";
import { commandName, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

/** Directory names that by convention hold weights a server only reads. */
const weightDir = /^(models?|weights|checkpoints?|ckpts?)$/i;
/** Servers that write where they keep models: notebooks, experiment trackers. */
const writers = /^(jupyter|jupyter-lab|mlflow)$/;

function serves(service: ComposeService, commands: ShellCommand[]): boolean {
  if (serviceMlImage(service)?.port !== undefined) return true;
  return commands.some((c) => isServerCommand(c) && !writers.test(commandName(c) ?? ""));
}

/** Appends `:ro` to a short-syntax mount without a mode, inside its quotes. */
function readOnlyFix(file: SourceFile, mount: Mount): Fix | undefined {
  if (mount.syntax !== "short" || mount.mode !== undefined) return undefined;
  const quoted = /["']/.test(file.text[mount.span.end - 1] ?? "");
  const at = mount.span.end - (quoted ? 1 : 0);
  return {
    title: "Mount it read-only (`:ro`)",
    safety: "unsafe",
    edits: [{ span: { start: at, end: at }, text: ":ro" }],
  };
}

export default defineRule({
  code: "DC109",
  name: "require-read-only-model-mount",
  target: "compose",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  fixable: true,
  docs: {
    summary: "Mount model weights into a serving container read-only.",
    why: "A server only reads its weights. Mounted read-write, a compromised or buggy server can overwrite or poison the model every other replica loads (a swapped `.safetensors` or a pickle that runs code), and a stray write corrupts the files on the host. `:ro` (or `read_only: true`) costs nothing. Mounts whose target is a `models`, `weights`, `checkpoints` or `ckpt` directory of a model server (catalogued serving image or server command) are checked. Download caches are left alone, since the server writes there: the Hugging Face cache (`HF_HOME`, `HF_HUB_CACHE`, `--download-dir`, `/root/.cache/huggingface`), TGI and TEI's `/data`, Ollama's `/root/.ollama` or `OLLAMA_MODELS`. Notebooks and MLflow, which write models, are not servers here.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  triton:\n    image: nvcr.io/nvidia/tritonserver:24.08-py3\n    command: tritonserver --model-repository=/models\n    volumes:\n      - "./models:/models"\n',
      },
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    build: .\n    command: uvicorn app:app --host 0.0.0.0\n    volumes:\n      - type: bind\n        source: ./weights\n        target: /app/weights\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    build: .\n    command: uvicorn app:app --host 0.0.0.0\n    volumes:\n      - ./models:/app/models:ro\n      - ./logs:/app/logs\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: --model Qwen/Qwen2.5-7B-Instruct --download-dir /models\n    volumes:\n      - ./models:/models\n",
      },
    ],
    fix: "Add `:ro` to the short syntax or `read_only: true` to the long syntax. The autofix appends `:ro` to a short-syntax mount without options; it is unsafe because a server that does write there (a cache not recognised here) then fails.",
  },
  check({ file, model, report }) {
    for (const service of model.services) {
      const commands = serviceCommands(service, model.file.text);
      if (!serves(service, commands)) continue;
      const caches = modelCacheDirs(service, commands);
      for (const mount of service.volumes) {
        const target = mount.target ?? "";
        const name = target.replace(/\/+$/, "").split("/").pop() ?? "";
        if (mount.readOnly || !mount.source || mount.type === "tmpfs" || !weightDir.test(name)) continue;
        if (caches.some((dir) => pathsOverlap(dir, target))) continue;
        report({
          message: `model directory \`${target}\` of server \`${service.name}\` is mounted read-write: the server only reads it; mount it \`:ro\` so nothing in the container can overwrite the weights`,
          at: mount.span,
          fix: readOnlyFix(file, mount),
        });
      }
    }
  },
});
