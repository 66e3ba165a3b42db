import { isInstall, packageCommand, packageName } from "../../src/knowledge/packages.js";
import { finalStage, lineage, runCommands } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF225",
  name: "no-nvidia-driver-in-image",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml", "gpu"],
  docs: {
    summary:
      "Do not install NVIDIA driver packages in an image; the host's driver is mounted in at run time.",
    why: "The NVIDIA container toolkit mounts the host's user-space driver libraries (`libcuda.so`, `libnvidia-ml.so`, ...) into the container so that they match the host's kernel module. A driver installed in the image (`nvidia-driver-*`, `libnvidia-compute-*`, `nvidia-utils-*`, `cuda-drivers`, or the `cuda`/`cuda-X-Y`/`cuda-runtime-X-Y` meta-packages that depend on it) shadows or conflicts with them: `nvidia-smi` fails with `Failed to initialize NVML: Driver/library version mismatch` and CUDA reports no device as soon as the host driver differs from the one baked in. It also adds hundreds of megabytes. Install only the toolkit pieces the image needs (`cuda-toolkit-X-Y`, `cuda-libraries-X-Y`, `libcudnn*`), or start from an nvidia/cuda image.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends nvidia-driver-535 && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        kind: "invalid",
        files:
          "FROM nvidia/cuda:12.4.1-base-ubuntu22.04\nRUN apt-get update && apt-get install -y cuda-12-4 libnvidia-compute-550\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM nvidia/cuda:12.4.1-base-ubuntu22.04\nRUN apt-get update && apt-get install -y --no-install-recommends cuda-toolkit-12-4 libnvidia-container-tools && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    fix: "Remove the driver packages; replace `cuda`/`cuda-X-Y` with `cuda-toolkit-X-Y` (or `cuda-libraries-X-Y` for run time only). Run the container with `--gpus all` (or the Compose/Kubernetes GPU request) so the toolkit mounts the host's driver.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const { command } of lineage(stage).flatMap(runCommands)) {
      const install = packageCommand(command);
      if (!install || install.manager === "pip" || install.manager === "uv" || !isInstall(install)) continue;
      for (const word of install.packages) {
        if (driverPackage.test(packageName(word)))
          report({ message: `${word.value} installs the NVIDIA driver into the image`, at: word.span });
      }
    }
  },
});

// Driver user-space and kernel packages (Debian/Ubuntu and RHEL names), and CUDA meta-packages that pull them in.
// The container toolkit (`libnvidia-container*`) is not a driver.
const driverPackage =
  /^(nvidia-driver|nvidia-utils-|nvidia-headless-|nvidia-kernel|kmod-nvidia|xserver-xorg-video-nvidia|cuda-drivers|libnvidia-(compute|gl|encode|decode|fbc|cfg|ifr|extra))|^cuda(-\d+-\d+)?$|^cuda-runtime-\d+-\d+$/;
