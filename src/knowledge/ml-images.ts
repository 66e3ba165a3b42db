/**
 * The images that serve or train models, and what each one does when it starts: the entrypoint a `command` only
 * adds arguments to, where it keeps downloaded weights, whether it needs a GPU, more than 64 MB of /dev/shm, or
 * minutes before it answers. Compose and Kubernetes rules read an image reference through `mlImage`.
 */
import { type ImageRef, isImage } from "../model/image.js";
import { isCudaBaseImage } from "./cuda.js";

export interface MlImage {
  /** The name messages use: `vLLM`, `TGI`, `Triton`. */
  label: string;
  /**
   * Command prefixes the image already runs as its entrypoint (each one a list of words); a `command` that starts
   * with one of them passes it twice. Empty when the entrypoint only runs `$@`.
   */
  entrypoints: string[][];
  /** Where the server keeps the weights it downloads, as the image's user sees it. */
  cacheDir?: string;
  /** Variables that move `cacheDir`. */
  cacheEnv: string[];
  /** Where the server listens; absent for images that are not model servers (CUDA, PyTorch, Ray). */
  port?: number;
  /** Answers before any model is loaded (Ollama loads one on the first request), so start-up is quick. */
  lazyLoad: boolean;
  /** Loads a large language model before it answers: minutes, not seconds. */
  loadsLlm: boolean;
  /** Needs a GPU to start at all. */
  needsGpu: boolean;
  /** Its worker processes share tensors through /dev/shm (NCCL, Ray's object store, Triton's Python backend). */
  needsSharedMemory: boolean;
  /** Sizes CPU thread pools from `OMP_NUM_THREADS`/`MKL_NUM_THREADS` (llama.cpp-based Ollama does not). */
  readsThreadEnv: boolean;
}

interface Entry extends Omit<MlImage, "needsGpu" | "loadsLlm"> {
  registry?: string;
  repositories: string[];
  /** From the tag, since several images publish CPU and GPU builds side by side. */
  needsGpu(tag: string): boolean;
  loadsLlm(tag: string): boolean;
}

const hfHome = "/root/.cache/huggingface";
const hfEnv = ["HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE"];
/** `-cpu`, `cpu-1.5`, `latest-intel-cpu`: a build without CUDA. */
const cpuTag = (tag: string) => /(^|[-_.])cpu([-_.]|$)/i.test(tag);
const gpuTag = (tag: string) => /(^|[-_.])(gpu|cuda[\d.]*|cu\d+)([-_.]|$)/i.test(tag);
const always = () => true;
const never = () => false;
const vllmModule = "vllm.entrypoints.openai.api_server";

const catalogue: Entry[] = [
  {
    label: "vLLM",
    repositories: ["vllm/vllm-openai"],
    // `vllm serve` in recent tags, the api_server module before: repeating either fails with "unrecognized arguments".
    entrypoints: [
      ["vllm", "serve"],
      ["python3", "-m", vllmModule],
      ["python", "-m", vllmModule],
    ],
    cacheDir: hfHome,
    cacheEnv: hfEnv,
    port: 8000,
    loadsLlm: always,
    lazyLoad: false,
    needsGpu: (tag) => !cpuTag(tag),
    needsSharedMemory: true,
    readsThreadEnv: true,
  },
  {
    label: "TGI",
    registry: "ghcr.io",
    repositories: ["huggingface/text-generation-inference"],
    entrypoints: [["text-generation-launcher"]],
    cacheDir: "/data",
    cacheEnv: ["HUGGINGFACE_HUB_CACHE", "HF_HUB_CACHE"],
    port: 80,
    loadsLlm: always,
    lazyLoad: false,
    needsGpu: (tag) => !cpuTag(tag),
    needsSharedMemory: false,
    readsThreadEnv: true,
  },
  {
    label: "TEI",
    registry: "ghcr.io",
    repositories: ["huggingface/text-embeddings-inference"],
    entrypoints: [["text-embeddings-router"]],
    cacheDir: "/data",
    cacheEnv: ["HUGGINGFACE_HUB_CACHE", "HF_HUB_CACHE"],
    port: 80,
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: (tag) => !cpuTag(tag),
    needsSharedMemory: false,
    readsThreadEnv: true,
  },
  {
    label: "SGLang",
    repositories: ["lmsysorg/sglang"],
    entrypoints: [],
    cacheDir: hfHome,
    cacheEnv: hfEnv,
    port: 30000,
    loadsLlm: always,
    lazyLoad: false,
    needsGpu: (tag) => !cpuTag(tag),
    needsSharedMemory: true,
    readsThreadEnv: true,
  },
  {
    label: "Ollama",
    repositories: ["ollama/ollama"],
    entrypoints: [["ollama"]],
    cacheDir: "/root/.ollama",
    cacheEnv: ["OLLAMA_MODELS"],
    port: 11434,
    loadsLlm: never,
    lazyLoad: true,
    needsGpu: never,
    needsSharedMemory: false,
    readsThreadEnv: false,
  },
  {
    label: "Triton",
    registry: "nvcr.io",
    repositories: ["nvidia/tritonserver"],
    entrypoints: [],
    cacheEnv: [],
    port: 8000,
    // Triton serves ONNX and Python models on CPU too; its TensorRT-LLM and vLLM builds need a GPU and load LLMs.
    loadsLlm: (tag) => /trtllm|vllm/.test(tag),
    lazyLoad: false,
    needsGpu: (tag) => /trtllm|vllm/.test(tag),
    needsSharedMemory: true,
    readsThreadEnv: true,
  },
  {
    label: "TorchServe",
    repositories: ["pytorch/torchserve"],
    entrypoints: [],
    cacheEnv: [],
    port: 8080,
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: gpuTag,
    needsSharedMemory: false,
    readsThreadEnv: true,
  },
  {
    label: "TensorFlow Serving",
    repositories: ["tensorflow/serving"],
    entrypoints: [],
    cacheEnv: [],
    port: 8501,
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: gpuTag,
    needsSharedMemory: false,
    readsThreadEnv: true,
  },
  {
    label: "Ray",
    repositories: ["rayproject/ray", "rayproject/ray-ml"],
    entrypoints: [],
    cacheDir: hfHome,
    cacheEnv: hfEnv,
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: gpuTag,
    needsSharedMemory: true,
    readsThreadEnv: true,
  },
  {
    label: "PyTorch",
    repositories: ["pytorch/pytorch"],
    entrypoints: [],
    cacheDir: hfHome,
    cacheEnv: hfEnv,
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: (tag) => !cpuTag(tag),
    needsSharedMemory: true,
    readsThreadEnv: true,
  },
  {
    label: "NGC PyTorch",
    registry: "nvcr.io",
    repositories: ["nvidia/pytorch"],
    entrypoints: [],
    cacheDir: hfHome,
    cacheEnv: hfEnv,
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: always,
    needsSharedMemory: true,
    readsThreadEnv: true,
  },
  {
    label: "TensorFlow",
    repositories: ["tensorflow/tensorflow"],
    entrypoints: [],
    cacheEnv: [],
    loadsLlm: never,
    lazyLoad: false,
    needsGpu: gpuTag,
    needsSharedMemory: false,
    readsThreadEnv: true,
  },
];

/** The CUDA base images themselves: they need a GPU and nothing else is known about what they run. */
const cudaBase: MlImage = {
  label: "CUDA",
  entrypoints: [],
  cacheEnv: [],
  loadsLlm: false,
  lazyLoad: false,
  needsGpu: true,
  needsSharedMemory: false,
  readsThreadEnv: true,
};

/** What the catalogue knows about the image, or undefined for an image it does not list. */
export function mlImage(ref: ImageRef): MlImage | undefined {
  if (ref.unresolved) return undefined;
  if (isCudaBaseImage(ref)) return cudaBase;
  const tag = ref.tag ?? "latest";
  const entry = catalogue.find((e) =>
    e.repositories.some((repository) => isImage(ref, repository, e.registry)),
  );
  return entry && { ...entry, needsGpu: entry.needsGpu(tag), loadsLlm: entry.loadsLlm(tag) };
}
