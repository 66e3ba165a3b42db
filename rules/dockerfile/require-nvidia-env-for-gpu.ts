import { setsNvidiaRuntimeEnv } from "../../src/knowledge/cuda.js";
import { cudaInstall } from "../../src/knowledge/gpu.js";
import { rootImage } from "../../src/knowledge/ml.js";
import { envValue, finalStage, type Stage } from "../../src/model/dockerfile.js";
import { defineRule, type Fix } from "../../src/rule.js";

// The values NVIDIA's runtime reads: unset, empty or `void` devices mean no GPU; capabilities need `compute`.
const noDevices = new Set(["", "void"]);
const defaults: Record<string, string> = {
  NVIDIA_VISIBLE_DEVICES: "all",
  NVIDIA_DRIVER_CAPABILITIES: "compute,utility",
};

export default defineRule({
  code: "DF019",
  name: "require-nvidia-env-for-gpu",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  tags: ["ml", "gpu"],
  fixable: true,
  docs: {
    summary: "An image that installs CUDA builds on a non-CUDA base must set NVIDIA_VISIBLE_DEVICES.",
    why: "NVIDIA's container runtime decides from the image's environment whether to mount GPUs: `nvidia/cuda`, `pytorch/pytorch` and NGC images set `NVIDIA_VISIBLE_DEVICES` and `NVIDIA_DRIVER_CAPABILITIES`, a `python:*` base does not. Install a CUDA torch wheel (`torch==2.3.1+cu121`, `--index-url .../whl/cu121`, `nvidia-*-cu12`) or CUDA apt packages (`cuda-*`, `libcudnn*`, `libnccl*`) on such a base and run it through the nvidia runtime without a device request — `--runtime=nvidia` or compose `runtime: nvidia` without `--gpus`, or a host whose Docker daemon has `default-runtime: nvidia`: no GPU is mounted, `torch.cuda.is_available()` is False, and the model silently runs on CPU, tens of times slower. `docker run --gpus`, compose `deploy.resources.reservations.devices` and the Kubernetes device plugin set the variable themselves, so the same image works there: that is why the image works on one host and not on another. It stays a warning, not info: nothing in the repository says how the image will be run, and the capability check below fails on every runtime. `NVIDIA_DRIVER_CAPABILITIES` left unset defaults to `compute,utility` on current toolkits and is not required, but set without `compute` (or `all`) it hides CUDA from the container whatever the base image: that is reported too. Only the final stage and the stages it builds on are checked.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.11-slim\nRUN pip install --no-cache-dir torch==2.3.1+cu121 --index-url https://download.pytorch.org/whl/cu121\n",
      },
      {
        kind: "invalid",
        files:
          "FROM ubuntu:22.04\nENV NVIDIA_VISIBLE_DEVICES=all\nENV NVIDIA_DRIVER_CAPABILITIES=utility\nRUN apt-get update && apt-get install -y --no-install-recommends libcudnn9-cuda-12\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.11-slim\nENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility\nRUN pip install --no-cache-dir torch==2.3.1+cu121 --index-url https://download.pytorch.org/whl/cu121\n",
      },
      {
        kind: "valid",
        files:
          "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cu124\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.11-slim\nRUN pip install --no-cache-dir torch==2.3.1+cpu --index-url https://download.pytorch.org/whl/cpu\n",
      },
    ],
    fix: "Start from a CUDA runtime image (`nvidia/cuda:12.4.1-runtime-ubuntu22.04`), or declare the variables in the final stage: `ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility`. The autofix inserts that ENV after the final FROM; it is unsafe because it changes which devices the container sees.",
  },
  check({ model, file, report }) {
    const stage = finalStage(model);
    const base = stage && rootImage(stage);
    if (!stage || !base || base.unresolved) return;
    const capabilities = envValue(stage, "NVIDIA_DRIVER_CAPABILITIES")?.value;
    if (capabilities && !capabilities.value.includes("$") && !grantsCompute(capabilities.value)) {
      report({
        message: `NVIDIA_DRIVER_CAPABILITIES=${capabilities.value} leaves out compute: CUDA cannot see the GPU; use compute,utility or all`,
        at: capabilities.span,
      });
    }
    if (setsNvidiaRuntimeEnv(base)) return;
    const devices = envValue(stage, "NVIDIA_VISIBLE_DEVICES")?.value;
    if (devices && !noDevices.has(devices.value)) return;
    const gpu = cudaInstall(stage);
    if (!gpu) return;
    report({
      message: `${gpu.value} needs a GPU, but neither ${base.text} nor this image sets NVIDIA_VISIBLE_DEVICES: under --runtime=nvidia without --gpus (or a compose device reservation, which set it) no GPU is mounted and the model runs on CPU`,
      at: gpu.span,
      fix: devices ? undefined : envFix(stage, file.text),
    });
  },
});

/** The capability list includes `compute` or `all`. */
function grantsCompute(capabilities: string): boolean {
  return capabilities.split(",").some((c) => c.trim() === "compute" || c.trim() === "all");
}

/** Inserts the missing variables right after the final stage's FROM line. */
function envFix(stage: Stage, text: string): Fix {
  const missing = Object.keys(defaults).filter((name) => !envValue(stage, name));
  const at = stage.from.span.end;
  const newline = text.slice(at).startsWith("\r\n") ? "\r\n" : "\n";
  const assignments = missing.map((name) => `${name}=${defaults[name]}`).join(" ");
  return {
    title: `Add ENV ${assignments}`,
    safety: "unsafe",
    edits: [{ span: { start: at, end: at }, text: `${newline}ENV ${assignments}` }],
  };
}
