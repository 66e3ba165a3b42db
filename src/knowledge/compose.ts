/**
 * What the compose rules share about the Compose file format: floating image tags, published host ports and their
 * ranges, the key orders dclint's style rules use, and the entries a rule walks that the model does not type
 * (`expose`, the fields of a long-syntax mount).
 */
import { isMap, isSeq, type Node, type Scalar } from "yaml";
import type { ComposeFile, ComposeService, Port } from "../model/compose.js";
import { mapEntry, resolveAlias, scalarText } from "../parse/yaml.js";
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

/** The node a service key holds (through `<<` merges and aliases); undefined when the key is absent. */
export function serviceValue(
  model: ComposeFile,
  service: ComposeService,
  key: string,
): Node | null | undefined {
  if (!model.document) return undefined;
  const entry = mapEntry(model.document, service.node, key);
  return entry && resolveAlias(model.document, entry.pair.value);
}

/** The scalar items of a list-valued service key (`expose`, `volumes`), aliases resolved. */
export function scalarItems(model: ComposeFile, service: ComposeService, key: string): Scalar[] {
  const node = serviceValue(model, service, key);
  if (!isSeq(node) || !model.document) return [];
  const document = model.document;
  return (node.items as Node[]).flatMap((item) => {
    const resolved = resolveAlias(document, item);
    return resolved && scalarText(resolved) !== undefined ? [resolved as Scalar] : [];
  });
}

/** The scalar values of the given fields in each long-syntax item (a mapping) of a list-valued service key. */
export function longSyntaxFields(
  model: ComposeFile,
  service: ComposeService,
  key: string,
  fields: readonly string[],
): Scalar[] {
  const node = serviceValue(model, service, key);
  if (!isSeq(node) || !model.document) return [];
  const document = model.document;
  return (node.items as Node[]).flatMap((item) => {
    const map = resolveAlias(document, item);
    if (!isMap(map)) return [];
    return fields.flatMap((field) => {
      const entry = mapEntry(document, map, field);
      const value = entry && resolveAlias(document, entry.pair.value);
      return value && scalarText(value) !== undefined ? [value as Scalar] : [];
    });
  });
}

/** The quote a scalar is written in; undefined for a plain or block scalar. */
export function quoteOf(file: SourceFile, span: Span): '"' | "'" | undefined {
  const first = file.text[span.start];
  return first === '"' || first === "'" ? first : undefined;
}
