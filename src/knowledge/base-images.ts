/**
 * What popular base images ship for health checks: whether curl and wget are on the PATH and whether there is a
 * `/bin/sh` for a shell-form HEALTHCHECK. Only images whose contents are documented or widely reported are listed;
 * for any other image the answer is "unknown" and rules stay silent.
 *
 * Also which images run as an unprivileged user by default.
 *
 * Reviewed on 2026-11-26 against the images' published Dockerfiles and the reports cited beside each entry.
 */
import { type ImageRef, isImage } from "../model/image.js";
import { isCudaBaseImage } from "./cuda.js";

/** The HEALTHCHECK-relevant contents of a base image. */
export interface BaseImageTools {
  /** Which of the probe tools mllint asks about (`curl`, `wget`) the image has. */
  tools: readonly string[];
  /** Whether `/bin/sh` exists, which a shell-form HEALTHCHECK needs. */
  shell: boolean;
}

interface CatalogueEntry extends BaseImageTools {
  matches(image: ImageRef): boolean;
}

const variant = (image: ImageRef, name: string) => new RegExp(`(^|-)${name}(\\d|-|$)`).test(image.tag ?? "");

const catalogue: CatalogueEntry[] = [
  // docker-library python: `-slim` is debian-slim plus Python, no download tool (CFSync#11, pypowerwall-server#15).
  { matches: (i) => isImage(i, "python") && variant(i, "slim"), tools: [], shell: true },
  // `-alpine` variants and alpine itself: BusyBox provides `wget`, not `curl`.
  { matches: (i) => isImage(i, "python") && variant(i, "alpine"), tools: ["wget"], shell: true },
  { matches: (i) => isImage(i, "alpine"), tools: ["wget"], shell: true },
  // The distribution images are minimal root filesystems without curl or wget.
  { matches: (i) => isImage(i, "debian") || isImage(i, "ubuntu"), tools: [], shell: true },
  // NVIDIA's base Dockerfile installs curl to fetch the repository key, then purges it.
  { matches: isCudaBaseImage, tools: [], shell: true },
  // ollama/ollama#1379 and google/langextract#361: no curl, so `depends_on: service_healthy` never resolves.
  { matches: (i) => isImage(i, "ollama/ollama"), tools: [], shell: true },
  // BerriAI/litellm#9295 and #9479: the image has wget but no curl.
  { matches: (i) => isImage(i, "berriai/litellm", "ghcr.io"), tools: ["wget"], shell: true },
  // Distroless has no shell and no tools; the `:debug` tags add a BusyBox shell (with its wget).
  { matches: (i) => isDistroless(i) && variant(i, "debug"), tools: ["wget"], shell: true },
  { matches: isDistroless, tools: [], shell: false },
  { matches: (i) => i.scratch, tools: [], shell: false },
];

function isDistroless(image: ImageRef): boolean {
  return image.registry === "gcr.io" && image.repository.startsWith("distroless/");
}

/** What the image ships for health checks, when the catalogue knows it. */
export function baseImageTools(image: ImageRef): BaseImageTools | undefined {
  if (image.unresolved) return undefined;
  return catalogue.find((entry) => entry.matches(image));
}

// Images whose last USER is not root, so a Dockerfile built on them runs unprivileged without a USER of its own.
const nonRootUsers: { matches(image: ImageRef): boolean; user: string }[] = [
  // jupyter/docker-stacks: docker-stacks-foundation ends with `USER ${NB_UID}` (jovyan), on Docker Hub and Quay.
  {
    matches: (i) => /^jupyter\//.test(i.repository) && (!i.registry || i.registry === "quay.io"),
    user: "jovyan",
  },
  // ray-project/ray docker/base-deps ends with `USER $RAY_UID`; ray-deps, ray and ray-ml build on it.
  {
    matches: (i) => !i.registry && /^rayproject\/(base-deps|ray-deps|ray|ray-ml|ray-llm)$/.test(i.repository),
    user: "ray",
  },
  // Distroless `:nonroot` and `:<variant>-nonroot` tags run as uid 65532.
  { matches: (i) => isDistroless(i) && /(^|-)nonroot$/.test(i.tag ?? ""), user: "nonroot" },
  // Chainguard images run as their `nonroot` user.
  { matches: (i) => i.registry === "cgr.dev" && i.repository.startsWith("chainguard/"), user: "nonroot" },
];

/** The unprivileged user the image runs as by default, when the catalogue knows one. */
export function nonRootDefaultUser(image: ImageRef): string | undefined {
  if (image.unresolved) return undefined;
  return nonRootUsers.find((entry) => entry.matches(image))?.user;
}

// Images that set their own WORKDIR, so a relative COPY destination in a Dockerfile built on them is deliberate.
const workdirs: { matches(image: ImageRef): boolean; workdir: string }[] = [
  // jupyter/docker-stacks: docker-stacks-foundation sets `WORKDIR "${HOME}"` (/home/jovyan).
  {
    matches: (i) => /^jupyter\//.test(i.repository) && (!i.registry || i.registry === "quay.io"),
    workdir: "/home/jovyan",
  },
  // ray-project/ray docker/base-deps sets `WORKDIR $HOME` (/home/ray).
  { matches: (i) => !i.registry && /^rayproject\//.test(i.repository), workdir: "/home/ray" },
  // pytorch/pytorch and NGC's framework containers work in /workspace.
  { matches: (i) => !i.registry && i.repository === "pytorch/pytorch", workdir: "/workspace" },
  {
    matches: (i) => i.registry === "nvcr.io" && /^nvidia\/(pytorch|tensorflow|jax)$/.test(i.repository),
    workdir: "/workspace",
  },
];

/** The working directory the image itself sets, when the catalogue knows one. */
export function defaultWorkdir(image: ImageRef): string | undefined {
  if (image.unresolved) return undefined;
  return workdirs.find((entry) => entry.matches(image))?.workdir;
}
