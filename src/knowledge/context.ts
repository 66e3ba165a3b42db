/** What a build context holds that should rarely reach the builder, and the COPY forms that send all of it. */
import type { CopyInstruction, Dockerfile } from "../model/dockerfile.js";

export interface SensitivePath {
  what: string;
  test: (path: string, isDirectory: boolean) => boolean;
}

const weightExtensions =
  /\.(pt|pth|ckpt|safetensors|bin|gguf|ggml|onnx|h5|keras|pb|tflite|mlmodel|pkl|joblib|npz)$/i;
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** Paths that make an image large, slow to rebuild, or leak secrets, when a whole context is copied. */
export const sensitivePaths: SensitivePath[] = [
  { what: "the git history", test: (p, dir) => dir && baseName(p) === ".git" },
  {
    what: "an environment file with secrets",
    test: (p, dir) => !dir && /^\.env(\..+)?$/.test(baseName(p)) && !p.endsWith(".example"),
  },
  { what: "model weights", test: (p, dir) => !dir && weightExtensions.test(p) },
  { what: "a virtual environment", test: (p, dir) => dir && /^\.?venv$/.test(baseName(p)) },
  {
    what: "experiment tracking output",
    test: (p, dir) => dir && /^(wandb|mlruns|lightning_logs)$/.test(baseName(p)),
  },
  {
    what: "credentials",
    test: (p, dir) =>
      !dir && /^(id_rsa|id_ed25519|\.netrc|credentials\.json|.*\.pem|.*\.key)$/.test(baseName(p)),
  },
];

/** COPY/ADD instructions whose source is the whole context (`.`, `./`, `*`). */
export function wholeContextCopies(doc: Dockerfile): CopyInstruction[] {
  return doc.instructions.filter(
    (i): i is CopyInstruction =>
      (i.kind === "copy" || i.kind === "add") &&
      !i.flags.some((f) => f.name === "from") &&
      i.sources.some((s) => s.value === "." || s.value === "./" || s.value === "*"),
  );
}
