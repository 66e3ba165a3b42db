/**
 * What `pip install -r requirements.txt` installs is only known from the file in the build context: the ML rules
 * need it (a torch server whose Dockerfile never names torch). Read with discovery's limits, never outside the
 * repository, never required: a file that cannot be found or read just adds nothing.
 */
import * as path from "node:path";
import { readReferenced } from "../engine/discover.js";
import { packageCommand } from "../knowledge/packages.js";
import { requirementNames } from "../parse/requirements.js";
import { flagValue } from "../parse/shell.js";
import type { Dockerfile } from "./dockerfile.js";

/** Attaches to each RUN the package names of the requirements files it installs. */
export function withRequirements(doc: Dockerfile): Dockerfile {
  const dir = path.dirname(doc.file.absolutePath);
  const cache = new Map<string, string[] | undefined>();
  for (const instruction of doc.instructions) {
    const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
    if (run?.kind !== "run") continue;
    for (const command of run.commands) {
      const install = packageCommand(command);
      if (install?.manager !== "pip" && install?.manager !== "uv") continue;
      const file = flagValue(install.command, "-r", "--requirement")?.value;
      if (!file || file.includes("$")) continue;
      if (!cache.has(file)) cache.set(file, readNames(dir, file));
      const names = cache.get(file);
      if (!names) continue;
      run.requirements ??= new Map();
      run.requirements.set(file, names);
    }
  }
  return doc;
}

/** The file as written (relative to the context, the Dockerfile's directory), else by its name there. */
function readNames(dir: string, written: string): string[] | undefined {
  for (const candidate of [
    path.resolve(dir, written.replace(/^\/+/, "")),
    path.join(dir, path.basename(written)),
  ]) {
    const read = readReferenced(candidate, candidate, "requirements", dir);
    if (read) return requirementNames(read.text);
  }
  return undefined;
}
