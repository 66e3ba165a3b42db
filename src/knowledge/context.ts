/** What a build context holds that should rarely reach the builder, and the COPY forms that send all of it. */
import type { CopyInstruction, Dockerfile, Word } from "../model/dockerfile.js";

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
    what: "datasets",
    test: (p, dir) =>
      dir ? /^datasets?$/.test(baseName(p)) : /\.(parquet|arrow|tfrecords?|npy|feather|lmdb)$/i.test(p),
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
      i.sources.some(isWholeContext),
  );
}

/** A COPY/ADD source that names the whole context. */
export function isWholeContext(source: Word): boolean {
  return source.value === "." || source.value === "./" || source.value === "*";
}

/** Bytes as `docker build` prints the context it sends (decimal units): `4.2 GB`, `310 MB`, `12 kB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 || value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
