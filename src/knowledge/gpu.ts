/**
 * Whether the image a stage builds can use a GPU: CUDA userspace from the base image or from CUDA wheels, or CPU-only
 * builds installed on purpose. The compose side (what requests a GPU) is in compose-ml.ts.
 */
import { lineage, runCommands, type Stage, type Word } from "../model/dockerfile.js";
import { cudaInstallWord, setsNvidiaRuntimeEnv } from "./cuda.js";
import { rootImage } from "./ml.js";
import { isInstall, packageCommand, packageName } from "./packages.js";

/** What in the stage's image brings CUDA userspace: a CUDA-enabled base image, or CUDA wheels and libraries. */
export function cudaEvidence(stage: Stage): Word | undefined {
  const base = rootImage(stage);
  if (base && !base.unresolved && setsNvidiaRuntimeEnv(base)) return { value: base.text, span: base.span };
  return cudaInstall(stage);
}

/** The first install of CUDA wheels or libraries in the stage's image, earliest stage first. */
export function cudaInstall(stage: Stage): Word | undefined {
  for (const s of [...lineage(stage)].reverse()) {
    for (const { command } of runCommands(s)) {
      const install = packageCommand(command);
      const word = install && cudaInstallWord(install);
      if (word) return word;
    }
  }
  return undefined;
}

// CPU builds: the PyTorch CPU wheel index, `+cpu` local versions, and the CPU-only TensorFlow distribution.
const cpuWheelIndex = /\/whl\/cpu\/?$/;
const cpuLocalVersion = /\+cpu\b/;
const cpuOnlyPackages = new Set(["tensorflow-cpu"]);

/** The install word that pins the stage's image to CPU-only ML wheels, if one does. */
export function cpuOnlyInstall(stage: Stage): Word | undefined {
  for (const s of [...lineage(stage)].reverse()) {
    for (const { command } of runCommands(s)) {
      const install = packageCommand(command);
      if (!install || (install.manager !== "pip" && install.manager !== "uv") || !isInstall(install))
        continue;
      const word =
        install.packages.find((w) => cpuLocalVersion.test(w.value) || cpuOnlyPackages.has(packageName(w))) ??
        command.args.find((w) => cpuWheelIndex.test(w.value));
      if (word) return word;
    }
  }
  return undefined;
}
