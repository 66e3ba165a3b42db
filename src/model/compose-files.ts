/**
 * Files a compose file refers to and Compose reads at `up`: the `env_file:` of each service. Their variables are
 * attached to the service so rules that ask "is OMP_NUM_THREADS / HF_HOME / NVIDIA_VISIBLE_DEVICES set?" see them.
 * A file that is missing (optional env files are common) or unreadable just sets nothing.
 */
import path from "node:path";
import { readReferenced } from "../engine/discover.js";
import type { ComposeFile } from "./compose.js";
import { parseDotEnv } from "./compose-env.js";

export function withEnvFiles(compose: ComposeFile): ComposeFile {
  const dir = path.dirname(compose.file.absolutePath);
  const cache = new Map<string, Map<string, string> | undefined>();
  for (const service of compose.services) {
    for (const written of service.envFiles) {
      if (written.unresolved.length > 0) continue;
      const absolute = path.resolve(dir, written.value);
      if (!cache.has(absolute)) {
        const read = readReferenced(absolute, absolute, "dotenv", dir);
        cache.set(absolute, read && parseDotEnv(read.text));
      }
      for (const [name, value] of cache.get(absolute) ?? []) service.envFileVariables.set(name, value);
    }
  }
  return compose;
}
