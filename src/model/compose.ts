/**
 * The compose model every compose rule reads: one YAML document, its services with typed accessors (each value
 * with the span of the text that wrote it), the top-level named objects, and the problems found on the way —
 * YAML syntax, stream shape and Compose-schema errors — as data, never exceptions.
 *
 * Values are read through aliases and `<<` merge keys, so a service sees what `docker compose` sees; spans point at
 * the text that wrote each value (inside the anchor for an inherited one; see src/parse/yaml.ts). String values
 * are interpolated with the `.env` beside the file (see compose-env.ts); `unresolved` lists what stayed as written.
 */
import {
  type CollectionTag,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Scalar,
  type ScalarTag,
  type Tags,
  YAMLMap,
  YAMLSeq,
} from "yaml";
import { parseShell } from "../parse/shell.js";
import {
  type MapEntry,
  mapEntries,
  mapEntry,
  nodeSpan,
  parseYaml,
  resolveAlias,
  scalarText,
  verbatimStart,
  type YamlDocument,
  yamlData,
} from "../parse/yaml.js";
import type { SourceFile, Span } from "../source.js";
import { dotEnvBeside, interpolate, type Variables } from "./compose-env.js";
import { schemaProblems } from "./compose-schema.js";
import type { Word } from "./dockerfile.js";

/** A problem that keeps Compose from reading the file as written: DC000 reports `syntax`, DC001 `schema`. */
export interface ComposeProblem {
  kind: "syntax" | "schema";
  message: string;
  span: Span;
}

/** A scalar value as Compose reads it: interpolated, with the span of the text that wrote it. */
export interface Value extends Word {
  /** The value before interpolation (YAML quotes and escapes already read): tells `${VAR}` from a literal. */
  written: string;
  /** Variables `.env` does not set and that have no default; they stay as written in `value`. */
  unresolved: string[];
}

/** A named entry of a mapping: a service, a top-level volume, network, secret or model. */
export interface Named {
  name: string;
  /** The key. */
  nameSpan: Span;
  /** The value, aliases resolved; null when empty (`redis_data:`). */
  node: Node | null;
}

/** An `environment`, `labels` or `build.args` entry, from either the `KEY=value` list or the mapping form. */
export interface KeyValueEntry {
  name: string;
  nameSpan: Span;
  /** Absent for `- KEY` or `KEY:` (taken from the shell when Compose runs). */
  value?: Value;
  /** The whole entry: the list item, or `KEY: value`. */
  span: Span;
}

export interface Port {
  syntax: "short" | "long";
  hostIp?: string;
  /** A port or range (`8000-8010`); absent when Docker picks one. */
  hostPort?: string;
  containerPort: string;
  protocol: string;
  /** The list item. */
  span: Span;
}

export interface Mount {
  syntax: "short" | "long";
  type: string;
  /** A host path (bind) or volume name; absent for an anonymous volume or tmpfs. */
  source?: string;
  target?: string;
  readOnly: boolean;
  /** Short-syntax options after the second `:` (`ro`, `rw,z`...). */
  mode?: string;
  span: Span;
}

/** A duration such as `1m30s`; `ms` is undefined when the text is not a valid Go duration. */
export interface Duration extends Value {
  ms: number | undefined;
}

/** A byte size such as `1g`; `bytes` is undefined when the text is not a valid size. */
export interface ByteSize extends Value {
  bytes: number | undefined;
}

export interface Healthcheck {
  span: Span;
  /** `test` as a list (`["CMD", "curl", ...]`) or a string (run by the shell). */
  test?: CommandValue;
  interval?: Duration;
  timeout?: Duration;
  startPeriod?: Duration;
  startInterval?: Duration;
  retries?: Value;
  disable?: Value;
}

/** `command`, `entrypoint` or a healthcheck `test`: a list of words, or a string split as Compose splits it. */
export interface CommandValue {
  form: "list" | "string";
  words: Value[];
  span: Span;
}

/** A device request: an item of `deploy.resources.reservations.devices` or of `gpus`. */
export interface DeviceRequest {
  span: Span;
  capabilities: Value[];
  count?: Value;
  deviceIds: Value[];
  driver?: Value;
}

export interface ResourceSet {
  span: Span;
  cpus?: Value;
  memory?: ByteSize;
  pids?: Value;
  devices: DeviceRequest[];
}

export interface Build {
  span: Span;
  context?: Value;
  dockerfile?: Value;
  target?: Value;
  args: KeyValueEntry[];
  /** /dev/shm of the build's RUN steps, not of the container. */
  shmSize?: ByteSize;
}

/** `deploy.restart_policy`. */
export interface RestartPolicy {
  span: Span;
  condition?: Value;
  delay?: Duration;
  window?: Duration;
}

/** `deploy.update_config` or `deploy.rollback_config`. */
export interface UpdateConfig {
  span: Span;
  delay?: Duration;
  monitor?: Duration;
}

export interface Dependency {
  name: string;
  nameSpan: Span;
  /** `service_started` unless the long syntax says otherwise. */
  condition: string;
  conditionSpan?: Span;
  required: boolean;
}

export interface ComposeService extends Named {
  node: YAMLMap;
  /** The service's keys after `<<` merges. */
  entries: MapEntry[];
  image?: Value;
  build?: Build;
  ports: Port[];
  environment: KeyValueEntry[];
  /** The `env_file:` paths as written (string, list, or `- path:` long syntax). */
  envFiles: Value[];
  /**
   * Variables the env files set, when they exist beside the compose file (read at build time, see
   * model/compose-files.ts); `environment:` wins over them, as in Compose.
   */
  envFileVariables: Map<string, string>;
  volumes: Mount[];
  healthcheck?: Healthcheck;
  limits?: ResourceSet;
  reservations?: ResourceSet;
  /** `gpus: all` gives one request with `count` "all". */
  gpus?: { span: Span; devices: DeviceRequest[] };
  runtime?: Value;
  shmSize?: ByteSize;
  memLimit?: ByteSize;
  memReservation?: ByteSize;
  memswapLimit?: ByteSize;
  cpus?: Value;
  /** Short-syntax device mappings (`/dev/nvidia0`, `nvidia.com/gpu=all`). */
  devices: Value[];
  tmpfs: Value[];
  expose: Value[];
  stopGracePeriod?: Duration;
  replicas?: Value;
  restartPolicy?: RestartPolicy;
  updateConfig?: UpdateConfig;
  rollbackConfig?: UpdateConfig;
  pullPolicy?: Value;
  usernsMode?: Value;
  ipc?: Value;
  networkMode?: Value;
  pid?: Value;
  privileged?: Value;
  readOnly?: Value;
  capAdd: Value[];
  securityOpt: Value[];
  user?: Value;
  restart?: Value;
  command?: CommandValue;
  entrypoint?: CommandValue;
  dependsOn: Dependency[];
  /** `extends: base` or `extends: { service: base, file: other.yaml }`: the service it starts from. */
  extends?: { service: Value; file?: Value };
  containerName?: Value;
  labels: KeyValueEntry[];
  profiles: Value[];
}

export interface ComposeFile {
  file: SourceFile;
  /** The one document, when the stream has exactly one. */
  document?: YamlDocument;
  /** The top-level mapping, when the document is one. */
  root?: YAMLMap;
  version?: Value;
  name?: Value;
  services: ComposeService[];
  volumes: Named[];
  networks: Named[];
  secrets: Named[];
  models: Named[];
  variables: Variables;
  problems: ComposeProblem[];
  /** The override file `docker compose` merges onto this one by default (see compose-merge.ts), when there is one. */
  override?: ComposeFile;
}

/**
 * Compose's merge tags for override files: `!reset` drops the base file's value (read here as empty), `!override`
 * replaces it instead of merging; either way the node keeps its own kind.
 */
const COMPOSE_TAGS: Tags = ["!reset", "!override"].flatMap((tag): (ScalarTag | CollectionTag)[] => [
  { tag, identify: () => false, resolve: (text) => (tag === "!reset" ? null : text) },
  { tag, collection: "map", nodeClass: YAMLMap, identify: () => false, resolve: (map) => map },
  { tag, collection: "seq", nodeClass: YAMLSeq, identify: () => false, resolve: (seq) => seq },
]);

/** Parses a compose file into the model; never throws on bad input. */
export function buildCompose(file: SourceFile, variables: Variables = dotEnvBeside(file)): ComposeFile {
  const empty: ComposeFile = {
    file,
    services: [],
    volumes: [],
    networks: [],
    secrets: [],
    models: [],
    variables,
    problems: [],
  };
  const stream = parseYaml(file, COMPOSE_TAGS);
  const problems: ComposeProblem[] = stream.problems.map((problem) => ({
    kind: "syntax",
    message:
      problem.code === "DUPLICATE_KEY"
        ? `duplicate key \`${file.slice(problem.span)}\`: \`docker compose\` rejects a key defined twice in one mapping`
        : problem.message,
    span: problem.span,
  }));
  const [document, ...extra] = stream.documents;
  if (extra.length > 0) {
    const [start, end] = extra[0]!.range;
    const message = `${stream.documents.length} YAML documents in one file; Compose reads only one per file, so split them into separate files`;
    return { ...empty, problems: [...problems, { kind: "syntax", message, span: { start, end } }] };
  }
  const root = document ? resolveAlias(document, document.contents as Node | null) : null;
  if (!document || root === null || (isScalar(root) && root.value === null)) {
    const message = "empty compose file: `docker compose` refuses it; define at least one service";
    return { ...empty, problems: [...problems, { kind: "syntax", message, span: { start: 0, end: 0 } }] };
  }
  if (!isMap(root)) {
    const message = "the top level of a compose file must be a mapping (`services:` ...)";
    return { ...empty, document, problems: [...problems, { kind: "syntax", message, span: nodeSpan(root) }] };
  }
  const read = new Reader(document, variables, file.text);
  const data = yamlData(document);
  if ("problem" in data)
    problems.push({ kind: "syntax", message: data.problem.message, span: data.problem.span });
  else if (problems.length === 0) problems.push(...schemaProblems(document, data.data));
  return {
    ...empty,
    document,
    root,
    version: read.value(root, "version"),
    name: read.value(root, "name"),
    services: read.named(root, "services").flatMap((named) => {
      const service = isMap(named.node) ? read.service(named as Named & { node: YAMLMap }) : undefined;
      return service ? [service] : [];
    }),
    volumes: read.named(root, "volumes"),
    networks: read.named(root, "networks"),
    secrets: read.named(root, "secrets"),
    models: read.named(root, "models"),
    problems,
  };
}

/** Reads typed values out of one document, through aliases and merge keys. */
class Reader {
  constructor(
    private readonly document: YamlDocument,
    private readonly variables: Variables,
    private readonly source: string,
  ) {}

  service(named: Named & { node: YAMLMap }): ComposeService {
    const map = named.node;
    const deploy = this.map(map, "deploy");
    const resources = this.map(deploy, "resources");
    return {
      ...named,
      entries: mapEntries(this.document, map),
      image: this.value(map, "image"),
      build: this.build(map),
      ports: this.items(map, "ports").flatMap((item) => this.port(item) ?? []),
      environment: this.keyValues(map, "environment"),
      envFiles: this.envFiles(map),
      envFileVariables: new Map(),
      volumes: this.items(map, "volumes").flatMap((item) => this.mount(item) ?? []),
      healthcheck: this.healthcheck(map),
      limits: this.resourceSet(resources, "limits"),
      reservations: this.resourceSet(resources, "reservations"),
      gpus: this.gpus(map),
      runtime: this.value(map, "runtime"),
      shmSize: this.byteSize(map, "shm_size"),
      memLimit: this.byteSize(map, "mem_limit"),
      memReservation: this.byteSize(map, "mem_reservation"),
      memswapLimit: this.byteSize(map, "memswap_limit"),
      cpus: this.value(map, "cpus"),
      devices: this.values(map, "devices"),
      tmpfs: this.values(map, "tmpfs"),
      expose: this.values(map, "expose"),
      stopGracePeriod: this.duration(map, "stop_grace_period"),
      replicas: this.value(deploy, "replicas"),
      restartPolicy: this.restartPolicy(deploy),
      updateConfig: this.updateConfig(deploy, "update_config"),
      rollbackConfig: this.updateConfig(deploy, "rollback_config"),
      pullPolicy: this.value(map, "pull_policy"),
      usernsMode: this.value(map, "userns_mode"),
      ipc: this.value(map, "ipc"),
      networkMode: this.value(map, "network_mode"),
      pid: this.value(map, "pid"),
      privileged: this.value(map, "privileged"),
      readOnly: this.value(map, "read_only"),
      capAdd: this.values(map, "cap_add"),
      securityOpt: this.values(map, "security_opt"),
      user: this.value(map, "user"),
      restart: this.value(map, "restart"),
      command: this.command(map, "command"),
      entrypoint: this.command(map, "entrypoint"),
      dependsOn: this.dependsOn(map),
      extends: this.extendsOf(map),
      containerName: this.value(map, "container_name"),
      labels: this.keyValues(map, "labels"),
      profiles: this.values(map, "profiles"),
    };
  }

  /** The node under `key`, aliases resolved. */
  node(map: YAMLMap | undefined, key: string): Node | null | undefined {
    if (!map) return undefined;
    const entry = mapEntry(this.document, map, key);
    return entry && resolveAlias(this.document, entry.pair.value);
  }

  map(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
    const node = this.node(map, key);
    return isMap(node) ? node : undefined;
  }

  /** The items of the sequence under `key`, aliases resolved. */
  items(map: YAMLMap | undefined, key: string): Node[] {
    const node = this.node(map, key);
    if (!isSeq(node)) return [];
    return (node.items as Node[]).flatMap((item) => resolveAlias(this.document, item) ?? []);
  }

  /** The scalar under `key`, interpolated; undefined when absent, empty or not a scalar. */
  value(map: YAMLMap | undefined, key: string): Value | undefined {
    return this.scalar(this.node(map, key));
  }

  scalar(node: Node | null | undefined): Value | undefined {
    const text = scalarText(node);
    if (text === undefined) return undefined;
    return { ...interpolate(text, this.variables), written: text, span: nodeSpan(node!) };
  }

  extendsOf(map: YAMLMap | undefined): ComposeService["extends"] {
    const node = this.node(map, "extends");
    if (!isMap(node)) {
      const service = this.scalar(node);
      return service && { service };
    }
    const service = this.scalar(this.node(node, "service"));
    return service && { service, file: this.scalar(this.node(node, "file")) };
  }

  /** `env_file: a.env`, `env_file: [a.env, b.env]` or `env_file: [{path: a.env, required: false}]`. */
  envFiles(map: YAMLMap | undefined): Value[] {
    const node = this.node(map, "env_file");
    const items = isSeq(node)
      ? (node.items as Node[]).map((item) => resolveAlias(this.document, item))
      : [node];
    return items.flatMap((item) => this.scalar(isMap(item) ? this.node(item, "path") : item) ?? []);
  }

  /** A list of scalars (or one scalar, as `cap_add: ALL` is sometimes written). */
  values(map: YAMLMap | undefined, key: string): Value[] {
    const node = this.node(map, key);
    const nodes = isSeq(node)
      ? (node.items as Node[]).map((item) => resolveAlias(this.document, item))
      : [node];
    return nodes.flatMap((item) => this.scalar(item) ?? []);
  }

  named(map: YAMLMap, key: string): Named[] {
    const section = this.map(map, key);
    if (!section) return [];
    return mapEntries(this.document, section).map(({ key: name, pair }) => ({
      name,
      nameSpan: nodeSpan(pair.key),
      node: resolveAlias(this.document, pair.value),
    }));
  }

  /** `KEY=value` items or a `KEY: value` mapping. */
  keyValues(map: YAMLMap | undefined, key: string): KeyValueEntry[] {
    const node = this.node(map, key);
    if (isMap(node)) {
      return mapEntries(this.document, node).map(({ key: name, pair }) => {
        const keySpan = nodeSpan(pair.key);
        const value = this.scalar(resolveAlias(this.document, pair.value));
        return {
          name,
          nameSpan: keySpan,
          value,
          span: { start: keySpan.start, end: value?.span.end ?? keySpan.end },
        };
      });
    }
    return this.items(map, key).flatMap((item) => {
      const text = scalarText(item);
      if (text === undefined) return [];
      const span = nodeSpan(item);
      const start = verbatimStart(this.source, item as Scalar);
      const part = (from: number, to: number) =>
        start === undefined ? span : { start: start + from, end: start + to };
      const equals = text.indexOf("=");
      const name = equals === -1 ? text : text.slice(0, equals);
      if (equals === -1) return [{ name, nameSpan: part(0, name.length), span }];
      const written = text.slice(equals + 1);
      const value = { ...interpolate(written, this.variables), written, span: part(equals + 1, text.length) };
      return [{ name, nameSpan: part(0, name.length), value, span }];
    });
  }

  build(map: YAMLMap): Build | undefined {
    const node = this.node(map, "build");
    const context = this.scalar(node);
    if (context) return { span: context.span, context, args: [] };
    if (!isMap(node)) return undefined;
    return {
      span: nodeSpan(node),
      context: this.value(node, "context"),
      dockerfile: this.value(node, "dockerfile"),
      target: this.value(node, "target"),
      args: this.keyValues(node, "args"),
      shmSize: this.byteSize(node, "shm_size"),
    };
  }

  port(node: Node): Port | undefined {
    const span = nodeSpan(node);
    if (isMap(node)) {
      const target = this.value(node, "target");
      if (!target) return undefined;
      return {
        syntax: "long",
        hostIp: this.value(node, "host_ip")?.value,
        hostPort: this.value(node, "published")?.value,
        containerPort: target.value,
        protocol: this.value(node, "protocol")?.value ?? "tcp",
        span,
      };
    }
    const text = this.scalar(node)?.value;
    return text === undefined ? undefined : { ...parsePortSpec(text), syntax: "short", span };
  }

  mount(node: Node): Mount | undefined {
    const span = nodeSpan(node);
    if (isMap(node)) {
      const readOnly = this.value(node, "read_only")?.value === "true";
      return {
        syntax: "long",
        type: this.value(node, "type")?.value ?? "volume",
        source: this.value(node, "source")?.value,
        target: this.value(node, "target")?.value,
        readOnly,
        span,
      };
    }
    const text = this.scalar(node)?.value;
    return text === undefined ? undefined : { ...parseVolumeSpec(text), syntax: "short", span };
  }

  healthcheck(map: YAMLMap): Healthcheck | undefined {
    const node = this.map(map, "healthcheck");
    if (!node) return undefined;
    return {
      span: nodeSpan(node),
      test: this.command(node, "test"),
      interval: this.duration(node, "interval"),
      timeout: this.duration(node, "timeout"),
      startPeriod: this.duration(node, "start_period"),
      startInterval: this.duration(node, "start_interval"),
      retries: this.value(node, "retries"),
      disable: this.value(node, "disable"),
    };
  }

  restartPolicy(deploy: YAMLMap | undefined): RestartPolicy | undefined {
    const node = this.map(deploy, "restart_policy");
    if (!node) return undefined;
    return {
      span: nodeSpan(node),
      condition: this.value(node, "condition"),
      delay: this.duration(node, "delay"),
      window: this.duration(node, "window"),
    };
  }

  updateConfig(deploy: YAMLMap | undefined, key: string): UpdateConfig | undefined {
    const node = this.map(deploy, key);
    if (!node) return undefined;
    return {
      span: nodeSpan(node),
      delay: this.duration(node, "delay"),
      monitor: this.duration(node, "monitor"),
    };
  }

  duration(map: YAMLMap | undefined, key: string): Duration | undefined {
    const value = this.value(map, key);
    return value && { ...value, ms: parseDuration(value.value) };
  }

  byteSize(map: YAMLMap | undefined, key: string): ByteSize | undefined {
    const value = this.value(map, key);
    return value && { ...value, bytes: parseByteSize(value.value) };
  }

  command(map: YAMLMap, key: string): CommandValue | undefined {
    const node = this.node(map, key);
    if (isSeq(node)) return { form: "list", words: this.values(map, key), span: nodeSpan(node) };
    const text = scalarText(node);
    if (text === undefined) return undefined;
    return { form: "string", words: this.splitWords(node as Scalar, text), span: nodeSpan(node!) };
  }

  /**
   * Compose splits a string command into words as a shell would (quotes, escapes), without running a shell;
   * each word is then interpolated. Words of a scalar not written verbatim get the scalar's span.
   */
  splitWords(node: Scalar, text: string): Value[] {
    const start = verbatimStart(this.source, node);
    const script = parseShell(text, start ?? 0);
    return script.commands.flatMap((command) =>
      [...(command.name ? [command.name] : []), ...command.args].map((word) => ({
        ...interpolate(word.value, this.variables),
        written: word.value,
        span: start === undefined ? nodeSpan(node) : word.span,
      })),
    );
  }

  resourceSet(resources: YAMLMap | undefined, key: string): ResourceSet | undefined {
    const node = this.map(resources, key);
    if (!node) return undefined;
    return {
      span: nodeSpan(node),
      cpus: this.value(node, "cpus"),
      memory: this.byteSize(node, "memory"),
      pids: this.value(node, "pids"),
      devices: this.items(node, "devices").flatMap((item) => (isMap(item) ? [this.device(item)] : [])),
    };
  }

  device(node: YAMLMap): DeviceRequest {
    return {
      span: nodeSpan(node),
      capabilities: this.values(node, "capabilities"),
      count: this.value(node, "count"),
      deviceIds: this.values(node, "device_ids"),
      driver: this.value(node, "driver"),
    };
  }

  gpus(map: YAMLMap): ComposeService["gpus"] {
    const node = this.node(map, "gpus");
    const all = this.scalar(node);
    if (all)
      return { span: all.span, devices: [{ span: all.span, capabilities: [], count: all, deviceIds: [] }] };
    if (!isSeq(node)) return undefined;
    const devices = this.items(map, "gpus").flatMap((item) => (isMap(item) ? [this.device(item)] : []));
    return { span: nodeSpan(node), devices };
  }

  dependsOn(map: YAMLMap): Dependency[] {
    const node = this.node(map, "depends_on");
    if (isMap(node)) {
      return mapEntries(this.document, node).map(({ key: name, pair }) => {
        const options = resolveAlias(this.document, pair.value);
        const condition = isMap(options) ? this.value(options, "condition") : undefined;
        const required = isMap(options) ? this.value(options, "required")?.value !== "false" : true;
        return {
          name,
          nameSpan: nodeSpan(pair.key),
          condition: condition?.value ?? "service_started",
          conditionSpan: condition?.span,
          required,
        };
      });
    }
    return this.values(map, "depends_on").map((value) => ({
      name: value.value,
      nameSpan: value.span,
      condition: "service_started",
      required: true,
    }));
  }
}

/**
 * `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, ports or ranges; IPv6 host addresses bare (`::1:80:80`) or
 * bracketed (`[::1]:80:80`). An empty host port (`127.0.0.1::80`) lets Docker pick one.
 */
export function parsePortSpec(text: string): Omit<Port, "syntax" | "span"> {
  const slash = text.lastIndexOf("/");
  const protocol = slash === -1 ? "tcp" : text.slice(slash + 1);
  const address = slash === -1 ? text : text.slice(0, slash);
  const lastColon = address.lastIndexOf(":");
  const containerPort = address.slice(lastColon + 1);
  if (lastColon === -1) return { containerPort, protocol };
  const host = address.slice(0, lastColon);
  const hostColon = host.lastIndexOf(":");
  const hostPort = host.slice(hostColon + 1) || undefined;
  if (hostColon === -1) return { hostPort, containerPort, protocol };
  const hostIp = host.slice(0, hostColon).replace(/^\[(.*)\]$/, "$1");
  return { hostIp, hostPort, containerPort, protocol };
}

/**
 * `[SOURCE:]TARGET[:MODE]`: a source that is a path (`/`, `.`, `~`) makes a bind mount, a name a named volume,
 * no source an anonymous volume; MODE is a comma list in which `ro` makes the mount read-only.
 */
export function parseVolumeSpec(text: string): Omit<Mount, "syntax" | "span"> {
  const parts = text.split(":");
  if (parts.length === 1) return { type: "volume", target: text, readOnly: false };
  const [source, target, mode] = parts as [string, string, string | undefined];
  const type = /^[./~]/.test(source) ? "bind" : "volume";
  const readOnly = mode?.split(",").includes("ro") ?? false;
  return { type, source, target, readOnly, mode };
}

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "\u00b5s": 1e-3,
  "\u03bcs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * A duration as Compose reads it (str2duration: Go's `1m30s`, `500ms`, `1.5h`, plus days and weeks, `1d`, `2w`, and
 * a leading sign) in milliseconds; undefined when it is not one.
 */
export function parseDuration(text: string): number | undefined {
  const sign = /^[-+]/.exec(text)?.[0];
  const unsigned = sign ? text.slice(1) : text;
  if (unsigned === "0") return 0;
  const parts = [...unsigned.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h|d|w)/gy)];
  if (parts.length === 0 || parts.reduce((length, part) => length + part[0].length, 0) !== unsigned.length) {
    return undefined;
  }
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS_MS[unit!]!, 0);
  return sign === "-" ? -ms : ms;
}

/**
 * A size as Docker reads it (go-units' RAMInBytes): a number, at most one space, then optionally `k`, `m`, `g`, `t`
 * or `p` (powers of 1024), `i` and `b` in any case — `512m`, `2Gi`, `512MB`, `0.5g`, `1048576`. In bytes, truncated
 * as Docker truncates; undefined otherwise (surrounding whitespace included, which Docker rejects).
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(text);
  if (!match) return undefined;
  const power = match[2] ? "kmgtp".indexOf(match[2].toLowerCase()) + 1 : 0;
  return Math.trunc(Number(match[1]) * 1024 ** power);
}
