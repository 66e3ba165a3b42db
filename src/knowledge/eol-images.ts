/**
 * Base-image releases past their end of life: no more security fixes, and for CUDA the tags are deleted. One table,
 * reviewed on the date below; a release enters it only once its end-of-life date has passed, so the answer never
 * depends on the day mllint runs. Dates are upstream's: YYYY-MM-DD, or YYYY-MM where only the month is announced.
 */
import { type ImageRef, isImage } from "../model/image.js";

/** The day the table was last checked against the sources named in each product. */
export const reviewedOn = "2026-11-26";

export interface EolRelease {
  /** As tags spell it: `3.9`, `20`, `20.04`, `11`. */
  version: string;
  /** The release's name, as tags spell it: `buster`, `focal`, `hydrogen`. */
  codename?: string;
  /** When upstream support ended. */
  eol: string;
}

export interface EolProduct {
  /** What users call it, for messages: `Python`, `Debian`. */
  product: string;
  /** Repositories whose tag starts with the product's version (`python:3.9-slim`), `[registry/]repository`. */
  images: string[];
  /** How many dot-separated numbers name a release: 1 for Node.js (`20`), 2 for Python (`3.9`). */
  precision: number;
  /** Prefixes that name the product's version inside any image's tag: `ubuntu20.04`, `alpine3.18`, `cuda11.3`. */
  prefixes: string[];
  /** Whether codenames mark the product in any image's tag (distributions), not only in its own images. */
  codenamesAnywhere: boolean;
  /** Every release before this one has reached end of life, listed or not. */
  allBefore: string;
  /** Releases past end of life, newest first; the ones before `allBefore` are listed to give messages a date. */
  releases: EolRelease[];
}

export const eolTable: EolProduct[] = [
  {
    // https://devguide.python.org/versions/ (3.8: 2024-10, 3.9: 2025-10, 3.10: 2026-10).
    product: "Python",
    images: ["python"],
    precision: 2,
    prefixes: ["python", "py"],
    codenamesAnywhere: false,
    allBefore: "3.11",
    releases: [
      { version: "3.10", eol: "2026-10" },
      { version: "3.9", eol: "2025-10" },
      { version: "3.8", eol: "2024-10" },
      { version: "3.7", eol: "2023-06-27" },
      { version: "3.6", eol: "2021-12-23" },
    ],
  },
  {
    // https://github.com/nodejs/Release: odd majors end two months after the next even one becomes LTS.
    product: "Node.js",
    images: ["node"],
    precision: 1,
    prefixes: ["node"],
    codenamesAnywhere: false,
    allBefore: "22",
    releases: [
      { version: "25", eol: "2026-06-01" },
      { version: "23", eol: "2025-06-01" },
      { version: "21", eol: "2024-06-01" },
      { version: "20", codename: "iron", eol: "2026-04-30" },
      { version: "19", eol: "2023-06-01" },
      { version: "18", codename: "hydrogen", eol: "2025-04-30" },
      { version: "16", codename: "gallium", eol: "2023-09-11" },
      { version: "14", codename: "fermium", eol: "2023-04-30" },
    ],
  },
  {
    // https://wiki.ubuntu.com/Releases, end of standard support (ESM needs Ubuntu Pro, which images do not have).
    product: "Ubuntu",
    images: ["ubuntu"],
    precision: 2,
    prefixes: ["ubuntu"],
    codenamesAnywhere: true,
    allBefore: "22.04",
    releases: [
      { version: "25.10", codename: "questing", eol: "2026-07" },
      { version: "25.04", codename: "plucky", eol: "2026-01" },
      { version: "24.10", codename: "oracular", eol: "2025-07" },
      { version: "23.10", codename: "mantic", eol: "2024-07" },
      { version: "23.04", codename: "lunar", eol: "2024-01" },
      { version: "22.10", codename: "kinetic", eol: "2023-07" },
      { version: "20.04", codename: "focal", eol: "2025-05-31" },
      { version: "18.04", codename: "bionic", eol: "2023-05-31" },
      { version: "16.04", codename: "xenial", eol: "2021-04" },
      { version: "14.04", codename: "trusty", eol: "2019-04" },
    ],
  },
  {
    // https://wiki.debian.org/LTS: the end of LTS, after which the images get no security updates.
    product: "Debian",
    images: ["debian"],
    precision: 1,
    prefixes: ["debian"],
    codenamesAnywhere: true,
    allBefore: "12",
    releases: [
      { version: "11", codename: "bullseye", eol: "2026-08-31" },
      { version: "10", codename: "buster", eol: "2024-06-30" },
      { version: "9", codename: "stretch", eol: "2022-06-30" },
      { version: "8", codename: "jessie", eol: "2020-06-30" },
    ],
  },
  {
    // https://alpinelinux.org/releases/: each branch gets two years of security fixes.
    product: "Alpine",
    images: ["alpine"],
    precision: 2,
    prefixes: ["alpine"],
    codenamesAnywhere: false,
    allBefore: "3.22",
    releases: [
      { version: "3.21", eol: "2026-11-01" },
      { version: "3.20", eol: "2026-04-01" },
      { version: "3.19", eol: "2025-11-01" },
      { version: "3.18", eol: "2025-05-09" },
      { version: "3.17", eol: "2024-11-22" },
      { version: "3.16", eol: "2024-05-23" },
      { version: "3.15", eol: "2023-11-01" },
    ],
  },
  {
    // https://www.centos.org/centos-linux-eol/; the Docker Hub image is deprecated as a whole.
    product: "CentOS",
    images: ["centos"],
    precision: 1,
    prefixes: ["centos"],
    codenamesAnywhere: false,
    allBefore: "9",
    releases: [
      { version: "8", eol: "2021-12-31" },
      { version: "7", eol: "2024-06-30" },
      { version: "6", eol: "2020-11-30" },
    ],
  },
  {
    // NVIDIA deletes nvidia/cuda tags six months after their driver branch ends
    // (gitlab.com/nvidia/container-images/cuda doc/support-policy.md). Tags up to 11.7 were deleted in 2023
    // (NVIDIA/cudf-spark-examples#311 lists them, cupy/cupy#7548 dates the last of 11.7 to 2023-11); 12.0 and
    // 12.1 carried the deletion banner by 2024-12 (alicevision/AliceVision#1792). 11.8, the last 11.x, is kept.
    product: "CUDA",
    images: ["nvidia/cuda", "nvcr.io/nvidia/cuda"],
    precision: 2,
    prefixes: ["cuda"],
    codenamesAnywhere: false,
    allBefore: "11.8",
    releases: [
      { version: "12.1", eol: "2024-12" },
      { version: "12.0", eol: "2024-12" },
      { version: "11.7", eol: "2023-11" },
    ],
  },
];

/** One end-of-life component found in an image reference. */
export interface EolMatch {
  product: EolProduct;
  /** The version the tag names, e.g. `3.9`. */
  version: string;
  /** The table entry: the release itself, or for an unlisted older one the oldest listed release after it. */
  release: EolRelease;
  /** True when the tag names a release older than `release`, which is the nearest listed one. */
  older: boolean;
}

/** Every end-of-life component the image's tag names: its own version, and the OS or CUDA it says it is built on. */
export function endOfLifeIn(image: ImageRef): EolMatch[] {
  if (image.unresolved || image.scratch || image.stage || !image.tag) return [];
  const tokens = image.tag.toLowerCase().split("-");
  return eolTable.flatMap((product) => {
    const own = product.images.some((name) => isNamed(image, name));
    const found = tokens
      .map((token, i) => releaseToken(product, token, own, i === 0))
      .find((version) => version !== undefined);
    const match = found === undefined ? undefined : lookUp(product, found);
    return match ? [match] : [];
  });
}

/** The version a tag token names for the product, if it names one. */
function releaseToken(product: EolProduct, token: string, own: boolean, first: boolean): string | undefined {
  if (own || product.codenamesAnywhere) {
    const named = product.releases.find((r) => r.codename === token);
    if (named) return named.version;
  }
  const prefix = product.prefixes.find((p) => token.startsWith(p) && /^\d/.test(token.slice(p.length)));
  const numbers = prefix !== undefined ? token.slice(prefix.length) : own && first ? token : undefined;
  if (numbers === undefined || !/^\d+(\.\d+)*$/.test(numbers)) return undefined;
  return numbers.split(".").slice(0, product.precision).join(".");
}

function lookUp(product: EolProduct, version: string): EolMatch | undefined {
  const listed = product.releases.find((r) => r.version === version);
  if (listed) return { product, version, release: listed, older: false };
  if (compareVersions(version, product.allBefore) !== "lower") return undefined;
  const after = product.releases
    .filter((r) => compareVersions(version, r.version) === "lower")
    .sort((a, b) => (compareVersions(a.version, b.version) === "lower" ? -1 : 1))[0];
  return after ? { product, version, release: after, older: true } : undefined;
}

/**
 * How `a` compares with `b` number by number; `undecided` when one is a prefix of the other (`3` against `3.9`:
 * a floating tag that may or may not be end of life).
 */
function compareVersions(a: string, b: string): "lower" | "higher" | "equal" | "undecided" {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? "lower" : "higher";
  }
  return x.length === y.length ? "equal" : "undecided";
}

/** True when the image is `[registry/]repository` as the table writes it. */
function isNamed(image: ImageRef, name: string): boolean {
  const slash = name.indexOf("/");
  const head = name.slice(0, slash);
  return slash > 0 && head.includes(".") ? isImage(image, name.slice(slash + 1), head) : isImage(image, name);
}
