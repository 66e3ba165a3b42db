import type { ImageRef } from "../model/image.js";

// Names under which Docker Hub is reached; an image without a registry host comes from Docker Hub.
const dockerHubNames = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"]);

function normalizeRegistry(host: string): string {
  const lower = host.toLowerCase();
  return dockerHubNames.has(lower) ? "docker.io" : lower;
}

/** The registry an image is pulled from, with Docker Hub's aliases folded into `docker.io`. */
export function registryOf(image: ImageRef): string {
  return normalizeRegistry(image.registry ?? "docker.io");
}

/** True when `registry` matches one of `patterns`, where `*` stands for one DNS label (`*.gcr.io`). */
export function isTrustedRegistry(registry: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => registryPattern(pattern).test(registry));
}

function registryPattern(pattern: string): RegExp {
  const escaped = normalizeRegistry(pattern)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^.]+");
  return new RegExp(`^${escaped}$`);
}
