/**
 * What the compose rules share about the Compose file format: floating image tags, published host ports and their
 * ranges, the key orders dclint's style rules use, and the nodes of what the model does not type.
 */
import { isMap, type Node } from "yaml";
import type { ComposeFile, ComposeService, Port } from "../model/compose.js";
import { mapEntry, resolveAlias } from "../parse/yaml.js";
import type { SourceFile, Span } from "../source.js";

/** Tags that name a moving target rather than a version (dclint's default `prohibitedTags`). */
export const floatingTags: readonly string[] = [
  "latest",
  "stable",
  "edge",
  "test",
  "nightly",
  "dev",
  "beta",
  "canary",
  "lts",
];

/** A host port or range (`8000`, `8000-8010`) as numbers; undefined for a variable or anything else. */
export function portRange(text: string | undefined): { from: number; to: number } | undefined {
  const match = text === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Number(match[2]) };
}

/** No host IP, `0.0.0.0` or `::`: the port is bound on every interface. */
export function isAllInterfaces(hostIp: string | undefined): boolean {
  return hostIp === undefined || hostIp === "" || hostIp === "0.0.0.0" || hostIp === "::";
}

/** Whether two published ports claim the same host socket: same protocol, overlapping ports, addresses that meet. */
export function portsClash(a: Port, b: Port): boolean {
  const ra = portRange(a.hostPort);
  const rb = portRange(b.hostPort);
  if (!ra || !rb || a.protocol.toLowerCase() !== b.protocol.toLowerCase()) return false;
  if (ra.from > rb.to || rb.from > ra.to) return false;
  return isAllInterfaces(a.hostIp) || isAllInterfaces(b.hostIp) || a.hostIp === b.hostIp;
}

/**
 * Whether two services can run at the same time: a service without `profiles` always starts, and two services whose
 * profile sets are disjoint never start together (`--profile cpu` or `--profile gpu`).
 */
export function mayRunTogether(a: ComposeService, b: ComposeService): boolean {
  if (a.profiles.length === 0 || b.profiles.length === 0) return true;
  return a.profiles.some((p) => b.profiles.some((q) => p.value === q.value));
}

/**
 * dclint's default order of service keys, group by group: what the service is (image, build, container_name), what it
 * waits for, its data, its environment, its network, how it runs, its metadata, its security context. Keys not
 * listed go after them.
 */
export const serviceKeyOrder: readonly string[] = [
  "image",
  "build",
  "container_name",
  "depends_on",
  "volumes",
  "volumes_from",
  "configs",
  "secrets",
  "environment",
  "env_file",
  "ports",
  "networks",
  "network_mode",
  "extra_hosts",
  "command",
  "entrypoint",
  "working_dir",
  "restart",
  "healthcheck",
  "logging",
  "labels",
  "user",
  "isolation",
];

/** dclint's default order of top-level keys; `x-*` stands for every extension field, sorted by name. */
export const topLevelOrder: readonly string[] = [
  "x-*",
  "version",
  "name",
  "include",
  "services",
  "networks",
  "volumes",
  "secrets",
  "configs",
];

/**
 * The node at a path of keys under the service, through `<<` merges and aliases; undefined when a key is missing.
 * For what the model does not type: the order and quoting rules look at the YAML nodes themselves.
 */
export function serviceNode(
  model: ComposeFile,
  service: ComposeService,
  path: readonly string[],
): Node | null | undefined {
  const document = model.document;
  let node: Node | null = service.node;
  for (const key of path) {
    const entry = isMap(node) && document ? mapEntry(document, node, key) : undefined;
    if (!entry) return undefined;
    node = resolveAlias(document!, entry.pair.value);
  }
  return node;
}

/** The quote a scalar is written in; undefined for a plain or block scalar. */
export function quoteOf(file: SourceFile, span: Span): '"' | "'" | undefined {
  const first = file.text[span.start];
  return first === '"' || first === "'" ? first : undefined;
}
