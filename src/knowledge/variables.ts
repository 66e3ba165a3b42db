/**
 * Dockerfile variables: where `$VAR` and `${VAR}` appear in instruction text, which build arguments the builder
 * predefines, and which environment variables well-known base images set. Shared by the rules about undeclared
 * ARGs in FROM, ARG defaults and undefined variables, so they agree on what counts as defined.
 */
import type { Dockerfile } from "../model/dockerfile.js";
import { type ImageRef, isImage } from "../model/image.js";
import type { Span } from "../source.js";

export interface VariableReference {
  name: string;
  /** `$NAME` or `${NAME...}` as written. */
  span: Span;
  /** True for `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}`, `${NAME+x}`: the text already handles NAME being unset. */
  hasFallback: boolean;
}

const referencePattern = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/y;

/**
 * The variable references in `text` (which starts at file offset `offset`) as the builder expands them: not after
 * the escape character, not inside single quotes.
 */
export function variableReferences(text: string, offset: number, escapeChar = "\\"): VariableReference[] {
  const found: VariableReference[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === escapeChar) {
      i++;
    } else if (char === "'" || char === '"') {
      if (quote === undefined) quote = char;
      else if (quote === char) quote = undefined;
    } else if (char === "$" && quote !== "'") {
      referencePattern.lastIndex = i;
      const match = referencePattern.exec(text);
      if (!match) continue;
      found.push({
        name: match[1] ?? match[3]!,
        span: { start: offset + i, end: offset + i + match[0].length },
        hasFallback: match[2] !== undefined && match[2] !== "?" && match[2] !== ":?",
      });
      i += match[0].length - 1;
    }
  }
  return found;
}

// Every stage has PATH (the builder sets a default); these are set by most Linux base images as well.
const commonEnv = ["PATH", "HOME", "HOSTNAME", "TERM", "LANG", "LC_ALL", "LANGUAGE", "TZ", "LD_LIBRARY_PATH"];
const distributions = [
  "alpine",
  "debian",
  "ubuntu",
  "busybox",
  "fedora",
  "centos",
  "rockylinux",
  "almalinux",
  "amazonlinux",
  "archlinux",
  "opensuse/leap",
];

const cudaEnv = [
  "CUDA_VERSION",
  "CUDA_HOME",
  "NVIDIA_VISIBLE_DEVICES",
  "NVIDIA_DRIVER_CAPABILITIES",
  "NVIDIA_REQUIRE_CUDA",
  "NV_CUDA_LIB_VERSION",
  "NV_CUDA_CUDART_VERSION",
  "NV_CUDNN_VERSION",
  "NV_NVTX_VERSION",
  "LIBRARY_PATH",
];

/** Official images and the variables their Dockerfiles set with ENV. */
const imageEnv: { matches: (image: ImageRef) => boolean; names: string[] }[] = [
  { matches: (i) => distributions.some((d) => isImage(i, d)) || i.scratch, names: [] },
  { matches: (i) => isImage(i, "python"), names: ["PYTHON_VERSION", "PYTHON_SHA256", "GPG_KEY"] },
  {
    matches: (i) => isImage(i, "nvidia/cuda") || isImage(i, "nvidia/cuda", "nvcr.io"),
    names: cudaEnv,
  },
  {
    matches: (i) => isImage(i, "pytorch/pytorch"),
    names: [...cudaEnv, "PYTORCH_VERSION", "CONDA_PREFIX"],
  },
  { matches: (i) => isImage(i, "continuumio/miniconda3"), names: ["CONDA_DIR"] },
  { matches: (i) => isImage(i, "node"), names: ["NODE_VERSION", "YARN_VERSION"] },
  { matches: (i) => isImage(i, "golang"), names: ["GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"] },
  { matches: (i) => isImage(i, "eclipse-temurin"), names: ["JAVA_HOME", "JAVA_VERSION"] },
];

/**
 * The environment variables a base image is known to set; `complete` is false when mllint does not know the image,
 * which may then set others.
 */
export function baseImageEnv(image: ImageRef | undefined): { names: string[]; complete: boolean } {
  const known = image ? imageEnv.find((entry) => entry.matches(image)) : { names: [] };
  return { names: [...commonEnv, ...(known?.names ?? [])], complete: known !== undefined };
}

/** The file's escape character: `\` unless an `# escape=` directive changes it. */
export function escapeCharacter(doc: Pick<Dockerfile, "directives">): string {
  return doc.directives.find((d) => d.name.toLowerCase() === "escape")?.value || "\\";
}
