/**
 * Whether the image a stage builds can run a health check's probe tool: what the base image ships (see
 * base-images.ts), plus what the stage and the stages it builds on install or copy in. Shared by the Dockerfile
 * HEALTHCHECK rule and the compose `healthcheck:` rule so both agree on what an image has.
 */
import { type Instruction, lineage, runCommands, type Stage } from "../model/dockerfile.js";
import type { ImageRef } from "../model/image.js";
import { baseImageTools } from "./base-images.js";
import { rootImage } from "./ml.js";
import { installedOsPackages } from "./packages.js";

/** The download tools health checks call and the catalogue knows about. */
export const probeTools: readonly string[] = ["curl", "wget"];

export interface ImageProbeTools {
  base: ImageRef;
  /** Whether `/bin/sh` exists, which a shell-form check needs. */
  shell: boolean;
  /** True for a probe tool the base lacks and the image never installs or copies in. */
  lacks(tool: string): boolean;
}

/** What the stage's image has for health checks; undefined when its base image is not in the catalogue. */
export function imageProbeTools(stage: Stage): ImageProbeTools | undefined {
  const base = rootImage(stage);
  const known = base && baseImageTools(base);
  if (!base || !known) return undefined;
  const chain = [...lineage(stage)].reverse();
  const instructions = chain.flatMap((s) => s.instructions);
  const commands = chain.flatMap((s) => runCommands(s).map((c) => c.command));
  const installed = new Set(installedOsPackages(commands).map((p) => p.name));
  return {
    base,
    shell: known.shell,
    lacks: (tool) =>
      probeTools.includes(tool) &&
      !known.tools.includes(tool) &&
      !installed.has(tool) &&
      !copiesBinary(instructions, tool),
  };
}

/** True when a COPY or ADD brings in a file named `tool` (`COPY --from=build /usr/bin/curl /usr/local/bin/`). */
function copiesBinary(instructions: Instruction[], tool: string): boolean {
  const baseName = (path: string) => path.replace(/\/+$/, "").split("/").at(-1);
  return instructions.some(
    (i) =>
      (i.kind === "copy" || i.kind === "add") &&
      [...i.sources, ...(i.destination ? [i.destination] : [])].some((w) => baseName(w.value) === tool),
  );
}
