/**
 * The services `docker compose` runs when an override file (`compose.override.yaml`) sits beside the base file:
 * the override merged onto the base with Compose's merge rules, for the keys the model reads. Mappings merge key
 * by key; `ports` and list options append without duplicates; `environment`, `labels`, `build.args`,
 * `depends_on` and `volumes` merge by name (or mount target); `command`, `entrypoint`, `healthcheck.test`,
 * `gpus` and device lists are replaced; any other value is replaced by the override's.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { readReferenced } from "../engine/discover.js";
import type { SourceFile } from "../source.js";
import type {
  Build,
  ComposeFile,
  ComposeService,
  Dependency,
  KeyValueEntry,
  Mount,
  Port,
  ResourceSet,
  Value,
} from "./compose.js";

/** compose-go's default file names, each list in its order of preference. */
const BASE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
const OVERRIDE_NAMES = [
  "compose.override.yml",
  "compose.override.yaml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
];

/**
 * The override file `docker compose` merges onto `file` when run in its directory without `-f`: `file` must be
 * the base file it picks there (the first of BASE_NAMES present), and the override is the first of
 * OVERRIDE_NAMES present, whichever prefix either has. Read within discovery's limits (size, binary, special
 * files) and only when it resolves inside the repository (or the directory); undefined otherwise, never a throw.
 */
export function overrideBeside(file: SourceFile): SourceFile | undefined {
  const dir = path.dirname(file.absolutePath);
  const rank = BASE_NAMES.indexOf(path.basename(file.absolutePath));
  if (rank === -1 || BASE_NAMES.slice(0, rank).some((name) => existsSync(path.join(dir, name))))
    return undefined;
  const name = OVERRIDE_NAMES.find((candidate) => existsSync(path.join(dir, candidate)));
  if (!name) return undefined;
  return readReferenced(
    path.join(dir, name),
    path.posix.join(path.posix.dirname(file.path), name),
    "compose",
    dir,
  );
}

export interface EffectiveService {
  service: ComposeService;
  /** The file that wrote a part of the merged service (a value, port, mount...): the override or the base. */
  fileOf(part: object): SourceFile;
}

/** Every service of either file, merged where both define it; base order, then services only the override adds. */
export function effectiveServices(base: ComposeFile, override: ComposeFile): EffectiveService[] {
  const overrideParts = new WeakSet<object>();
  for (const service of override.services) collectParts(service, overrideParts);
  const fileOf = (part: object) => (overrideParts.has(part) ? override.file : base.file);
  const overrides = new Map(override.services.map((service) => [service.name, service]));
  const merged = base.services.map((service) => {
    const over = overrides.get(service.name);
    overrides.delete(service.name);
    return over ? mergeService(service, over) : service;
  });
  return [...merged, ...overrides.values()].map((service) => ({ service, fileOf }));
}

/** Every object of a service's typed model (not the YAML nodes it keeps), to tell which file wrote a part. */
function collectParts(value: unknown, parts: WeakSet<object>): void {
  if (typeof value !== "object" || value === null || parts.has(value)) return;
  parts.add(value);
  for (const [key, child] of Object.entries(value)) {
    if (key !== "node" && key !== "entries") collectParts(child, parts);
  }
}

/**
 * `extends:` within the same file, as Compose resolves it: the child starts from its parent (itself resolved
 * first) and its own keys win. `depends_on` is not inherited. A chain that loops, or a parent in another file,
 * leaves the child as written.
 */
export function withExtends(services: readonly ComposeService[]): ComposeService[] {
  const byName = new Map(services.map((service) => [service.name, service]));
  const resolved = new Map<string, ComposeService>();
  const resolve = (service: ComposeService, seen: Set<string>): ComposeService => {
    const cached = resolved.get(service.name);
    if (cached) return cached;
    const parentName = service.extends && !service.extends.file ? service.extends.service.value : undefined;
    const parent = parentName === undefined || seen.has(parentName) ? undefined : byName.get(parentName);
    const result = parent
      ? {
          ...mergeService(resolve(parent, new Set([...seen, service.name])), service),
          name: service.name,
          nameSpan: service.nameSpan,
          node: service.node,
          dependsOn: service.dependsOn,
        }
      : service;
    resolved.set(service.name, result);
    return result;
  };
  return services.map((service) => resolve(service, new Set([service.name])));
}

function mergeService(base: ComposeService, over: ComposeService): ComposeService {
  const entries = new Map(base.entries.map((entry) => [entry.key, entry]));
  for (const entry of over.entries) entries.set(entry.key, entry);
  return {
    ...base,
    ...definedOnly(over),
    name: base.name,
    nameSpan: base.nameSpan,
    node: base.node,
    entries: [...entries.values()],
    build: mergeBuild(base.build, over.build),
    ports: appendUnique(base.ports, over.ports, portKey),
    environment: mergeByName(base.environment, over.environment),
    labels: mergeByName(base.labels, over.labels),
    volumes: mergeBy(base.volumes, over.volumes, (mount: Mount) => mount.target ?? ""),
    healthcheck: mergeFields(base.healthcheck, over.healthcheck),
    limits: mergeResources(base.limits, over.limits),
    reservations: mergeResources(base.reservations, over.reservations),
    capAdd: appendUnique(base.capAdd, over.capAdd, valueKey),
    securityOpt: appendUnique(base.securityOpt, over.securityOpt, valueKey),
    profiles: appendUnique(base.profiles, over.profiles, valueKey),
    dependsOn: mergeBy(base.dependsOn, over.dependsOn, (dependency: Dependency) => dependency.name),
  };
}

/** The fields an object sets (not undefined), so that spreading it replaces only those. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function mergeFields<T extends object>(base: T | undefined, over: T | undefined): T | undefined {
  if (!base || !over) return over ?? base;
  return { ...base, ...definedOnly(over) };
}

function mergeBuild(base: Build | undefined, over: Build | undefined): Build | undefined {
  const merged = mergeFields(base, over);
  return merged && { ...merged, args: mergeByName(base?.args ?? [], over?.args ?? []) };
}

function mergeResources(
  base: ResourceSet | undefined,
  over: ResourceSet | undefined,
): ResourceSet | undefined {
  const merged = mergeFields(base, over);
  return merged && { ...merged, devices: over?.devices.length ? over.devices : (base?.devices ?? []) };
}

/** Base items, then the override's items not already there. */
function appendUnique<T>(base: readonly T[], over: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(base.map(key));
  return [...base, ...over.filter((item) => !seen.has(key(item)))];
}

/** Base items with same-keyed override items in their place, then the override's new items. */
function mergeBy<T>(base: readonly T[], over: readonly T[], key: (item: T) => string): T[] {
  const replacements = new Map(over.map((item) => [key(item), item]));
  const merged = base.map((item) => replacements.get(key(item)) ?? item);
  const present = new Set(base.map(key));
  return [...merged, ...over.filter((item) => !present.has(key(item)))];
}

function mergeByName(base: readonly KeyValueEntry[], over: readonly KeyValueEntry[]): KeyValueEntry[] {
  return mergeBy(base, over, (entry) => entry.name);
}

function portKey(port: Port): string {
  return [port.hostIp ?? "", port.hostPort ?? "", port.containerPort, port.protocol].join("|");
}

function valueKey(value: Value): string {
  return value.value;
}
