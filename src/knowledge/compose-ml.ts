/**
 * A compose service read as an ML workload: the image it runs (from the catalogue in ml-images.ts), the program
 * it starts with its flags, the GPUs it is granted, and whether /dev/shm is enlarged. Shared by the ML compose
 * rules so they agree on what a service asks for.
 */
import type { ComposeFile, ComposeService, DeviceRequest, KeyValueEntry, Value } from "../model/compose.js";
import { parseImageRef } from "../model/image.js";
import { commandName, flagValue, parseShell, type ShellCommand, type ShellWord } from "../parse/shell.js";
import type { Span } from "../source.js";
import { type MlImage, mlImage } from "./ml-images.js";
import { isModelServerCommand } from "./servers.js";

/** The catalogue entry of the service's `image`, when it names one the catalogue knows. */
export function serviceMlImage(service: ComposeService): MlImage | undefined {
  if (!service.image || service.image.unresolved.length > 0) return undefined;
  return mlImage(parseImageRef(service.image, new Map()));
}

/** The last `environment` entry named `name` (a later one wins, as in Compose). */
export function envEntry(service: ComposeService, name: string): KeyValueEntry | undefined {
  return service.environment.findLast((entry) => entry.name === name);
}

/** A variable's value in the container: `environment:` first, then the service's `env_file:` files. */
export function envValue(service: ComposeService, name: string): string | undefined {
  return envEntry(service, name)?.value?.value ?? service.envFileVariables.get(name);
}

const word = (value: Value): ShellWord => ({ ...value, quoted: false, dynamic: false });

function commandOf(words: ShellWord[], span: Span): ShellCommand {
  const [name, ...args] = words;
  return { assignments: [], name, args, redirects: [], span, pipedOut: false, depth: 0 };
}

/** The words at the start of `command` that repeat one of the image's entrypoints (`vllm serve` on vLLM). */
export function repeatedEntrypoint(image: MlImage, words: readonly Value[]): Value[] | undefined {
  const basename = (text: string) => text.slice(text.lastIndexOf("/") + 1);
  const prefix = image.entrypoints.find(
    (entry) => entry.length <= words.length && entry.every((w, i) => basename(words[i]!.value) === w),
  );
  return prefix && words.slice(0, prefix.length);
}

/**
 * What the container runs, as far as the file tells: the entrypoint (the service's, else the catalogued image's)
 * with the command as one program, then the commands of a `sh -c` script it runs. The image's own entrypoint
 * words carry the span of `image:`; a command that repeats them (DC115) is read as meant, without the repeat.
 */
export function serviceCommands(service: ComposeService, source: string): ShellCommand[] {
  const image = serviceMlImage(service);
  const command = service.command?.words ?? [];
  const repeats = image && repeatedEntrypoint(image, command);
  const imageEntrypoint = repeats
    ? []
    : (image?.entrypoints[0] ?? []).map((value) => ({
        value,
        written: value,
        span: service.image!.span,
        unresolved: [],
      }));
  const head = service.entrypoint?.words ?? imageEntrypoint;
  const words = [...head, ...command].map(word);
  if (words.length === 0) return [];
  const main = commandOf(words, service.command?.span ?? service.entrypoint?.span ?? service.nameSpan);
  return [main, ...scriptCommands(main, source)];
}

/** The commands of the script a shell runs with `-c`. */
function scriptCommands(command: ShellCommand, source: string): ShellCommand[] {
  if (!/^(sh|bash|ash|dash|zsh)$/.test(commandName(command) ?? "")) return [];
  const flag = command.args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value));
  const script = command.args[flag + 1];
  if (flag === -1 || !script) return [];
  const written = source.slice(script.span.start, script.span.end);
  const quote = /^["']/.test(written) ? 1 : 0;
  // Offsets hold only when the script is written as-is (no escapes, not a folded block): else use the word's span.
  const verbatim = written.slice(quote, written.length - quote) === script.value;
  return parseShell(script.value, script.span.start + quote).commands.map((inner) =>
    verbatim ? inner : relocate(inner, script.span),
  );
}

function relocate(command: ShellCommand, span: Span): ShellCommand {
  const at = (w: ShellWord) => ({ ...w, span });
  return { ...command, name: command.name && at(command.name), args: command.args.map(at), span };
}

/** The first value of `flags` in any of the commands, as a word. */
export function findFlag(commands: readonly ShellCommand[], ...flags: string[]): ShellWord | undefined {
  for (const command of commands) {
    const value = flagValue(command, ...flags);
    if (value) return value;
  }
  return undefined;
}

/** A whole number written literally; undefined for `${TP}`, `auto` or anything else. */
export function integerOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** One way the service asks for GPUs, with how many when the file says (`all` and unset mean every GPU). */
export interface GpuGrant {
  span: Span;
  count?: number;
  /** What grants it, for messages: `deploy.resources.reservations.devices`, `gpus`, `runtime: nvidia`, `devices`. */
  via: string;
}

const isGpuDevice = (device: DeviceRequest) =>
  device.capabilities.some((c) => c.value === "gpu") || /^(nvidia|amd)$/.test(device.driver?.value ?? "");

function deviceCount(device: DeviceRequest): number | undefined {
  if (device.deviceIds.length > 0) return device.deviceIds.length;
  return integerOf(device.count?.value);
}

/** `0,1` gives 2; `all`, unset or ids the file cannot count give undefined. */
function listedDevices(text: string | undefined): number | undefined {
  if (text === undefined || text === "all") return undefined;
  return text.split(",").filter((part) => part.trim() !== "").length;
}

// Device nodes and CDI names that hand a GPU to the container without a device request.
const gpuDeviceNode = /^(nvidia\.com\/gpu=|amd\.com\/gpu=|\/dev\/nvidia\d|\/dev\/kfd|\/dev\/dri)/;

/** Every GPU request of the service; empty when it asks for none. */
export function gpuGrants(service: ComposeService): GpuGrant[] {
  const reserved = (service.reservations?.devices ?? []).filter(isGpuDevice).map((device) => ({
    span: device.span,
    count: deviceCount(device),
    via: "deploy.resources.reservations.devices",
  }));
  const gpus = (service.gpus?.devices ?? []).map((device) => ({
    span: device.span,
    count: deviceCount(device),
    via: "gpus",
  }));
  const runtime =
    service.runtime?.value === "nvidia"
      ? [
          {
            span: service.runtime.span,
            count: listedDevices(envValue(service, "NVIDIA_VISIBLE_DEVICES")),
            via: "runtime: nvidia",
          },
        ]
      : [];
  const nodes = service.devices
    .filter((device) => gpuDeviceNode.test(device.value))
    .map((device) => ({
      span: device.span,
      count: /=all(:|$)|^\/dev\/(kfd|dri)/.test(device.value) ? undefined : 1,
      via: "devices",
    }));
  return [...reserved, ...gpus, ...runtime, ...nodes];
}

/**
 * Why the compose file says the service cannot run without a GPU (a GPU-only image, `--device cuda`), and where.
 * What the Dockerfile of a `build:` installs is XP011's evidence, used only when this gives none.
 */
export function gpuNeed(
  service: ComposeService,
  commands: readonly ShellCommand[],
): { why: string; at: Span } | undefined {
  const image = serviceMlImage(service);
  if (image?.needsGpu && service.image)
    return {
      why: `\`${service.image.value}\` is a ${image.label} image built for CUDA`,
      at: service.image.span,
    };
  const device = findFlag(commands, "--device");
  if (device?.value.startsWith("cuda"))
    return { why: `\`--device ${device.value}\` asks for CUDA`, at: device.span };
  return undefined;
}

/** How many GPUs the service is granted in all, or undefined when some request takes every GPU (or none asks). */
export function grantedGpuCount(grants: readonly GpuGrant[]): number | undefined {
  if (grants.length === 0 || grants.some((grant) => grant.count === undefined)) return undefined;
  return grants.reduce((sum, grant) => sum + grant.count!, 0);
}

/** The flags that split one model over several GPUs, by server. */
const parallelFlags = {
  tensor: ["--tensor-parallel-size", "-tp", "--tp", "--tp-size", "--num-shard"],
  pipeline: ["--pipeline-parallel-size", "-pp", "--pp", "--pp-size"],
  data: ["--data-parallel-size", "-dp", "--dp", "--dp-size"],
  processes: ["--nproc_per_node", "--nproc-per-node"],
};

/** How many GPU processes the service starts, and the words that say so; undefined when it says nothing. */
export interface Parallelism {
  gpus: number;
  words: ShellWord[];
}

/**
 * The GPUs the command line asks for: tensor × pipeline × data parallel (vLLM, SGLang, TGI's `--num-shard` or
 * `NUM_SHARD`), or torchrun's processes per node. Multi-node layouts (Ray executor, `--nnodes` > 1) spread over
 * several containers and are not counted.
 */
export function parallelism(
  service: ComposeService,
  commands: readonly ShellCommand[],
): Parallelism | undefined {
  if (findFlag(commands, "--distributed-executor-backend")?.value === "ray") return undefined;
  if ((integerOf(findFlag(commands, "--nnodes")?.value) ?? 1) > 1) return undefined;
  const numShard = envEntry(service, "NUM_SHARD")?.value;
  const words = [
    findFlag(commands, ...parallelFlags.tensor) ?? (numShard && word(numShard)),
    findFlag(commands, ...parallelFlags.pipeline),
    findFlag(commands, ...parallelFlags.data),
    findFlag(commands, ...parallelFlags.processes),
  ].filter((w): w is ShellWord => !!w && integerOf(w.value) !== undefined);
  if (words.length === 0) return undefined;
  return { gpus: words.reduce((product, w) => product * integerOf(w.value)!, 1), words };
}

/** True when the service runs on the CPU by choice: `--device cpu`, or no GPU visible to CUDA. */
export function runsOnCpu(service: ComposeService, commands: readonly ShellCommand[]): boolean {
  if (findFlag(commands, "--device")?.value === "cpu") return true;
  const visible = envValue(service, "CUDA_VISIBLE_DEVICES");
  const nvidia = envValue(service, "NVIDIA_VISIBLE_DEVICES");
  return visible === "" || visible === "-1" || nvidia === "none" || nvidia === "void";
}

/** Programs that run model code without being model servers. */
const mlPrograms = /^(torchrun|deepspeed|accelerate|ray)$/;

/**
 * What makes the service an ML workload, as a name for messages (`vLLM`, `vllm`, `torchrun`), or undefined: a
 * catalogued image, a model server or an ML launcher in its command.
 */
export function mlWorkload(service: ComposeService, commands: readonly ShellCommand[]): string | undefined {
  const image = serviceMlImage(service);
  if (image) return image.label;
  const command = commands.find((c) => isModelServerCommand(c) || mlPrograms.test(commandName(c) ?? ""));
  return command && commandName(command);
}

const GIB = 1024 ** 3;

/** Why /dev/shm is still small and where to say so; undefined when it is enlarged, shared or mounted over. */
export function smallSharedMemory(service: ComposeService): { at: Span; detail: string } | undefined {
  const ipc = service.ipc?.value ?? "";
  if (ipc === "host" || /^(service|container):/.test(ipc)) return undefined;
  if (service.volumes.some((mount) => mount.target === "/dev/shm")) return undefined;
  if (service.tmpfs.some((t) => t.value.split(":")[0] === "/dev/shm")) return undefined;
  const size = service.shmSize;
  if (size && (size.bytes === undefined || size.bytes >= GIB)) return undefined;
  if (size) return { at: size.span, detail: `\`shm_size: ${size.value}\` is below 1g` };
  const build = service.build?.shmSize;
  if (build)
    return {
      at: build.span,
      detail: "`build.shm_size` sizes /dev/shm for the build only; the container keeps 64 MB",
    };
  return { at: service.nameSpan, detail: "/dev/shm stays at Docker's 64 MB" };
}

/** How the service runs several GPU ranks, or undefined when it runs one. */
export function multiGpu(model: ComposeFile, service: ComposeService): string | undefined {
  const wanted = parallelism(service, serviceCommands(service, model.file.text));
  if (wanted) return wanted.gpus > 1 ? `runs ${wanted.gpus} GPU ranks` : undefined;
  // TGI shards over every GPU it sees unless told otherwise.
  const granted = grantedGpuCount(gpuGrants(service)) ?? 0;
  return serviceMlImage(service)?.label === "TGI" && granted > 1 ? `shards over ${granted} GPUs` : undefined;
}

/** True when the two absolute paths are the same directory or one contains the other. */
export function pathsOverlap(a: string, b: string): boolean {
  const [x, y] = [a, b].map((p) => `${p.replace(/\/+$/, "")}/`);
  return x!.startsWith(y!) || y!.startsWith(x!);
}

const hubCacheEnv = ["HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE"];
const cacheFlags = ["--download-dir", "--huggingface-hub-cache"];

/**
 * Where the service keeps downloaded weights: the directories the environment or flags name, else the image's
 * default, else `~/.cache/huggingface` of root. Empty when a non-root `user:` makes the home unknown.
 */
export function modelCacheDirs(service: ComposeService, commands: readonly ShellCommand[]): string[] {
  const image = serviceMlImage(service);
  const named = [...hubCacheEnv, ...(image?.cacheEnv ?? [])].flatMap((name) => envValue(service, name) ?? []);
  const flagged = cacheFlags.flatMap((flag) => findFlag(commands, flag)?.value ?? []);
  const explicit = [...named, ...flagged].filter((dir) => dir.startsWith("/"));
  if (explicit.length > 0) return explicit;
  if (image?.cacheDir) return [image.cacheDir];
  const user = service.user?.value;
  return user === undefined || /^(root|0)(:|$)/.test(user) ? ["/root/.cache/huggingface"] : [];
}
