import { type ImageRef, isImage } from "../model/image.js";
import { flagValue, type ShellWord } from "../parse/shell.js";
import { isInstall, type PackageCommand, packageName } from "./packages.js";

/** The repositories where NVIDIA publishes the CUDA base images under one naming scheme. */
export function isCudaBaseImage(image: ImageRef): boolean {
  return isImage(image, "nvidia/cuda") || isImage(image, "nvidia/cuda", "nvcr.io");
}

// NVIDIA's scheme: <major>.<minor>.<patch>[-cudnn[N]]-<base|runtime|devel>-<distro><version>.
const tagPattern =
  /^(\d+)\.(\d+)\.(\d+)(-cudnn\d*)?-(base|runtime|devel)-(ubuntu\d{2}\.\d{2}|ubi\d+|rockylinux\d+|centos\d+|oraclelinux\d+|amzn\d+)$/;

/** Why a nvidia/cuda tag cannot exist, or undefined when it follows the naming scheme. */
export function cudaTagProblem(tag: string | undefined): string | undefined {
  if (!tag) return "has no tag, and NVIDIA publishes no `latest`";
  if (tag === "latest") return "uses `latest`, which NVIDIA no longer publishes";
  const match = tagPattern.exec(tag);
  if (match) return undefined;
  const twoPart = /^((\d+)\.\d+)(-.*)$/.exec(tag);
  // Up to 10.2 the two-part tags were the real names; NVIDIA deleted them with the end-of-life 10.x images.
  if (twoPart && Number(twoPart[2]) <= 10)
    return "names a CUDA 10 image, which NVIDIA deleted with its end-of-life images: move to a supported CUDA release";
  if (twoPart)
    return `uses a two-part version; tags spell major.minor.patch, e.g. ${twoPart[1]}.0${twoPart[3]}`;
  if (/^\d+\.\d+\.\d+$/.test(tag))
    return "has no flavour and distribution: add -base-, -runtime- or -devel- and an OS, e.g. -runtime-ubuntu22.04";
  if (!/-(base|runtime|devel)-/.test(tag)) return "has no -base-, -runtime- or -devel- flavour";
  return "does not follow NVIDIA's <version>-[cudnn-]<flavour>-<os> naming";
}

/** The CUDA major.minor a base image ships, when its name tells (nvidia/cuda, pytorch/pytorch). */
export function cudaVersionOf(image: ImageRef): string | undefined {
  if (isCudaBaseImage(image)) return /^(\d+\.\d+)/.exec(image.tag ?? "")?.[1];
  return /-cuda(\d+\.\d+)/.exec(image.tag ?? "")?.[1];
}

/** Base images that come with the NVIDIA container runtime variables set, so GPUs reach the process. */
export function setsNvidiaRuntimeEnv(image: ImageRef): boolean {
  return (
    isCudaBaseImage(image) ||
    image.registry === "nvcr.io" ||
    isImage(image, "pytorch/pytorch") ||
    /gpu|cuda/i.test(image.tag ?? "") ||
    /^(vllm\/|lmsysorg\/sglang|huggingface\/text-generation-inference|nvidia\/)/.test(image.repository)
  );
}

// Packages that only make sense with a GPU: the CUDA toolkit and libraries from NVIDIA's apt/yum repositories
// or conda channels, and the CUDA wheels pip pulls in (`nvidia-cudnn-cu12`, `torch==2.3.1+cu121`).
const cudaSystemPackage = /^(cuda|cuda-.+|cudatoolkit|pytorch-cuda|libcudnn.*|libnccl.*)$/;
const cudaWheel = /^nvidia-[a-z0-9-]+-cu\d+$/;
const cudaLocalVersion = /\+cu\d+/;
const cudaWheelIndex = /\/whl\/cu\d+/;
const pipIndexFlags = ["--index-url", "-i", "--extra-index-url", "--find-links", "-f"];

/** The word of an install command that asks for CUDA builds or libraries, if one does. */
export function cudaInstallWord(install: PackageCommand): ShellWord | undefined {
  if (!isInstall(install)) return undefined;
  if (install.manager !== "pip" && install.manager !== "uv")
    return install.packages.find((word) => cudaSystemPackage.test(packageName(word)));
  const wheel = install.packages.find(
    (word) => cudaLocalVersion.test(word.value) || cudaWheel.test(packageName(word)),
  );
  if (wheel) return wheel;
  return pipIndexFlags
    .map((flag) => flagValue(install.command, flag))
    .find((value) => value !== undefined && cudaWheelIndex.test(value.value));
}
