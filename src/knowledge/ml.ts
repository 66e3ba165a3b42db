/**
 * What makes a Dockerfile an ML image: the Python libraries it installs, the base images it starts from, the
 * model weights it bakes in. Shared by the rules about model-serving images so they agree on what counts.
 */

import { type CopyInstruction, lineage, type Stage } from "../model/dockerfile.js";
import { type ImageRef, isImage } from "../model/image.js";
import { commandName, flagValue, positionalArgs, type ShellCommand, type ShellWord } from "../parse/shell.js";
import { isCudaBaseImage } from "./cuda.js";
import { isInstall, type PackageCommand, packageCommand, packageName } from "./packages.js";
import { isModelServerCommand, serverName } from "./servers.js";

/** Python distributions that load a deep-learning model: frameworks, runtimes and model libraries. */
const modelPackages = new Set([
  "torch",
  "tensorflow",
  "tensorflow-cpu",
  "tensorflow-gpu",
  "tf-keras",
  "keras",
  "jax",
  "jaxlib",
  "transformers",
  "sentence-transformers",
  "diffusers",
  "accelerate",
  "vllm",
  "sglang",
  "onnxruntime",
  "onnxruntime-gpu",
  "ctranslate2",
  "faster-whisper",
  "openai-whisper",
  "llama-cpp-python",
  "ultralytics",
  "timm",
  "paddlepaddle",
  "paddlepaddle-gpu",
  "mxnet",
]);

export function isModelPackage(name: string): boolean {
  return modelPackages.has(name);
}

/** One package word of a pip, uv or conda install. */
export interface PythonInstall {
  name: string;
  word: ShellWord;
  install: PackageCommand;
}

const pythonManagers = new Set(["pip", "uv", "conda"]);

/**
 * Every package a pip/uv/conda install names in the given stages, in file order — including the packages of a
 * `-r requirements.txt` found in the build context, located at the file's name in the command.
 */
export function pythonInstalls(stages: readonly Stage[]): PythonInstall[] {
  const out: PythonInstall[] = [];
  for (const stage of [...stages].reverse()) {
    for (const instruction of stage.instructions) {
      if (instruction.kind !== "run") continue;
      for (const command of instruction.commands) {
        const install = packageCommand(command);
        if (!install || !pythonManagers.has(install.manager) || !isInstall(install)) continue;
        for (const word of install.packages) out.push({ name: packageName(word), word, install });
        const file = flagValue(install.command, "-r", "--requirement");
        for (const name of (file && instruction.requirements?.get(file.value)) || []) {
          out.push({ name, word: file!, install });
        }
      }
    }
  }
  return out;
}

/** The external image a stage finally builds on (through `FROM <stage>` chains). */
export function rootImage(stage: Stage): ImageRef | undefined {
  return lineage(stage).at(-1)?.image;
}

/** Alpine itself, its `-alpine` variants, and the tool images of Docker Hub's `alpine/` organisation (`alpine/git`). */
export function isAlpineImage(image: ImageRef): boolean {
  const alpineOrg = !image.registry && image.repository.startsWith("alpine/");
  return isImage(image, "alpine") || alpineOrg || /(^|-)alpine/.test(image.tag ?? "");
}

/** Images built to run or serve models: CUDA and framework bases, NGC containers, model servers. */
export function isModelImage(image: ImageRef): boolean {
  if (isCudaBaseImage(image) || image.registry === "nvcr.io") return true;
  if (image.registry === "ghcr.io" && image.repository.startsWith("huggingface/")) return true;
  return (
    !image.registry &&
    /^(pytorch\/|tensorflow\/|vllm\/|lmsysorg\/sglang|huggingface\/|ollama\/ollama|rayproject\/ray-ml|nvidia\/)/.test(
      image.repository,
    )
  );
}

/** File names that hold model weights or serialised models. */
const weightFilePattern =
  /\.(safetensors|bin|pt|pth|ckpt|gguf|ggml|onnx|h5|keras|pb|tflite|pkl|joblib|mar|engine|plan|msgpack)$/i;
/** Directory names that by convention hold weights. */
const weightDirPattern = /^(\.\/)?(models?|weights|checkpoints?|ckpts?|artifacts)\/?$/i;

// Python one-liners that fetch from the Hugging Face Hub.
const hubDownloadCall = /\b(snapshot_download|hf_hub_download|from_pretrained|SentenceTransformer)\s*\(/;
const weightUrl =
  /^https?:\/\/\S*(huggingface\.co\/\S+\/resolve\/|\.(safetensors|bin|pt|pth|ckpt|gguf|onnx|h5)$)/i;

// Object-store paths to weights: `s3://bucket/models/`, `gs://b/x/model.safetensors`.
const bucketWeights =
  /^(s3|gs):\/\/\S*(model|weight|checkpoint|\.(safetensors|bin|pt|pth|ckpt|gguf|onnx|pkl))/i;

/** True for a COPY/ADD source that is model weights: weight files, a models directory, a weight URL. */
export function isWeightSource(source: string): boolean {
  return weightFilePattern.test(source) || weightDirPattern.test(source) || weightUrl.test(source);
}

/** True when the command fetches model weights: a Hub or Ollama download, or a weight file by URL. */
export function downloadsWeights(command: ShellCommand): boolean {
  const name = commandName(command) ?? "";
  const first = positionalArgs(command)[0]?.value;
  if ((name === "huggingface-cli" || name === "hf") && first === "download") return true;
  if (name === "ollama" && first === "pull") return true;
  if (name === "wget" || name === "curl") return command.args.some((a) => weightUrl.test(a.value));
  if (name === "aws" || name === "gsutil") return command.args.some((a) => bucketWeights.test(a.value));
  if (name === "git" && first === "clone")
    return command.args.some((a) => /^https:\/\/huggingface\.co\//.test(a.value));
  if (/^python[\d.]*$/.test(name)) return command.args.some((a) => hubDownloadCall.test(a.value));
  return false;
}

/**
 * Why the image looks like it serves a model, as a phrase that completes "the image ...", or undefined.
 * `stages` is a lineage, nearest stage first.
 */
export function modelServingEvidence(stages: readonly Stage[]): string | undefined {
  const instructions = [...stages].reverse().flatMap((stage) => stage.instructions);
  for (const instruction of instructions) {
    if (instruction.kind !== "cmd" && instruction.kind !== "entrypoint") continue;
    const server = instruction.commands.find(isModelServerCommand);
    if (server) return `runs the model server \`${serverName(server)}\``;
  }
  const model = pythonInstalls(stages).find((p) => isModelPackage(p.name));
  if (model) return `installs ${model.name}`;
  const root = stages.at(-1)?.image;
  if (root && isModelImage(root)) return `starts from ${root.repository}`;
  for (const instruction of instructions) {
    if ((instruction.kind === "copy" || instruction.kind === "add") && copiesWeights(instruction))
      return "copies model weights";
    if (instruction.kind === "run" && instruction.commands.some(downloadsWeights))
      return "downloads model weights";
  }
  return undefined;
}

/** True for a COPY/ADD that brings weights into the image. */
function copiesWeights(copy: CopyInstruction): boolean {
  return copy.sources.some((source) => isWeightSource(source.value));
}
