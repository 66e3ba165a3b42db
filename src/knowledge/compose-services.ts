/**
 * What a compose service is for, as far as its file tells: whether it runs a server (and how we know), whether it
 * is a one-shot job, whether it serves a model, what its healthcheck state is, and the keys the compose model
 * does not type (`mem_limit`, `deploy.restart_policy`, ...). Shared by the compose rules so they agree on what a
 * long-running service is.
 */
import { isMap, type Node } from "yaml";
import {
  type ComposeFile,
  type ComposeService,
  parseByteSize,
  parseDuration,
  type Value,
} from "../model/compose.js";
import { interpolate } from "../model/compose-env.js";
import { type ImageRef, isImage, parseImageRef } from "../model/image.js";
import { commandName } from "../parse/shell.js";
import { mapEntry, nodeSpan, resolveAlias, scalarText } from "../parse/yaml.js";
import type { Span } from "../source.js";
import { gpuGrants, serviceCommands, serviceMlImage } from "./compose-ml.js";
import { isModelImage } from "./ml.js";
import { isModelServerCommand, isServerCommand } from "./servers.js";

/** The image a service runs, parsed; undefined without `image:` or while a variable in it is unresolved. */
export function serviceImage(service: ComposeService): ImageRef | undefined {
  if (!service.image || service.image.unresolved.length > 0) return undefined;
  return parseImageRef(service.image, new Map());
}

/**
 * Images whose default command is a long-running server: web servers, databases, monitoring, LLM front-ends. Model
 * servers are in ml-images.ts (an entry with a `port`). `registry` is undefined for Docker Hub.
 */
const serverImages: { repository: string; registry?: string }[] = [
  ...[
    "nginx",
    "httpd",
    "caddy",
    "traefik",
    "haproxy",
    "envoyproxy/envoy",
    "redis",
    "valkey/valkey",
    "postgres",
    "pgvector/pgvector",
    "mysql",
    "mariadb",
    "mongo",
    "memcached",
    "rabbitmq",
    "elasticsearch",
    "clickhouse/clickhouse-server",
    "qdrant/qdrant",
    "semitechnologies/weaviate",
    "milvusdb/milvus",
    "chromadb/chroma",
    "minio/minio",
    "prom/prometheus",
    "prom/alertmanager",
    "grafana/grafana",
    "jaegertracing/all-in-one",
  ].map((repository) => ({ repository })),
  { repository: "elasticsearch/elasticsearch", registry: "docker.elastic.co" },
  { repository: "open-webui/open-webui", registry: "ghcr.io" },
  { repository: "berriai/litellm", registry: "ghcr.io" },
];

/** A server image of this list or a model server of the ML catalogue, by the name messages use. */
function serverImageLabel(service: ComposeService): string | undefined {
  const image = serviceImage(service);
  if (!image) return undefined;
  const ml = serviceMlImage(service);
  if (ml?.port !== undefined) return ml.label;
  return serverImages.some(({ repository, registry }) => isImage(image, repository, registry))
    ? image.repository
    : undefined;
}

/**
 * Images whose Dockerfile declares a HEALTHCHECK, so a service needs none of its own. Most images declare none
 * (Docker's official images never do: nginx, redis and postgres have none).
 */
const imagesWithHealthcheck: { repository: string; registry?: string }[] = [
  // open-webui's Dockerfile probes /health with curl.
  { repository: "open-webui/open-webui", registry: "ghcr.io" },
  // GitLab's omnibus image runs gitlab-healthcheck.
  { repository: "gitlab/gitlab-ce" },
  { repository: "gitlab/gitlab-ee" },
];

/** True when the service's image is known to define a HEALTHCHECK, or it is built here (the Dockerfile decides). */
export function mayInheritHealthcheck(service: ComposeService): boolean {
  if (service.build) return true;
  const image = serviceImage(service);
  return (
    image !== undefined &&
    imagesWithHealthcheck.some(({ repository, registry }) => isImage(image, repository, registry))
  );
}

/** Why a service looks like a long-running server (published ports, a server command or image), as a phrase. */
export function serverEvidence(model: ComposeFile, service: ComposeService): string | undefined {
  const port = service.ports[0];
  if (port) return `publishes port ${port.hostPort ? `${port.hostPort}:` : ""}${port.containerPort}`;
  const server = serviceCommands(service, model.file.text).find(isServerCommand);
  if (server) return `runs the server \`${commandName(server)}\``;
  const label = serverImageLabel(service);
  return label && `runs the server image \`${label}\``;
}

/** Why a service looks like it loads and serves a model: a model-server command or image, or a GPU request. */
export function modelServiceEvidence(model: ComposeFile, service: ComposeService): string | undefined {
  const server = serviceCommands(service, model.file.text).find(isModelServerCommand);
  if (server) return `runs the model server \`${commandName(server)}\``;
  const ml = serviceMlImage(service);
  if (ml) return `runs the ${ml.label} image`;
  const image = serviceImage(service);
  if (image && isModelImage(image)) return `runs the model image \`${image.repository}\``;
  if (gpuGrants(model, service).length > 0) return "requests a GPU";
  return undefined;
}

/** Profiles that by convention hold tools and jobs run on demand, not services kept running. */
const toolProfiles =
  /^(tools?|cli|jobs?|batch|tasks?|scripts?|setup|init|migrat\w*|seed\w*|test\w*|debug|backup)$/i;

/**
 * True for a service that runs once and exits: `restart: "no"` with no published port, `restart_policy`
 * `condition: none`, only tool profiles, or another service waits for it to complete successfully.
 */
export function isOneShot(model: ComposeFile, service: ComposeService): boolean {
  const noRestart =
    service.restart?.value === "no" ||
    serviceValue(model, service, ["deploy", "restart_policy", "condition"])?.value === "none";
  if (noRestart && service.ports.length === 0) return true;
  if (service.profiles.length > 0 && service.profiles.every((p) => toolProfiles.test(p.value))) return true;
  return model.services.some((other) =>
    other.dependsOn.some((d) => d.name === service.name && d.condition === "service_completed_successfully"),
  );
}

/** `defined` when a check runs, `disabled` for `disable: true` or `test: ["NONE"]`, `absent` without the key. */
export function healthcheckState(service: ComposeService): "defined" | "disabled" | "absent" {
  const healthcheck = service.healthcheck;
  if (!healthcheck) return "absent";
  if (healthcheck.disable?.value === "true" || healthcheck.test?.words[0]?.value === "NONE")
    return "disabled";
  return "defined";
}

/** The node at a path under the service (aliases and merges followed); undefined when a key is missing. */
export function serviceNode(
  model: ComposeFile,
  service: ComposeService,
  path: readonly string[],
): Node | null | undefined {
  let node: Node | null = service.node;
  for (const key of path) {
    const entry = isMap(node) && model.document ? mapEntry(model.document, node, key) : undefined;
    if (!entry || !model.document) return undefined;
    node = resolveAlias(model.document, entry.pair.value);
  }
  return node;
}

/** A scalar the compose model does not type, by its path under the service, interpolated like every value. */
export function serviceValue(
  model: ComposeFile,
  service: ComposeService,
  path: readonly string[],
): Value | undefined {
  const node = serviceNode(model, service, path);
  const text = scalarText(node);
  if (text === undefined || !node) return undefined;
  return { ...interpolate(text, model.variables), span: nodeSpan(node) };
}

/** True for an override file (`compose.override.yaml`): it completes another file, so what it lacks is not missing. */
export function isOverrideFile(model: ComposeFile): boolean {
  return /\.override\.ya?ml$/i.test(model.file.path);
}

/** True when a schema problem (DC001) already covers the span, so a value rule need not report it again. */
export function hasSchemaProblem(model: ComposeFile, span: Span): boolean {
  return model.problems.some(
    (p) => p.kind === "schema" && p.span.start < span.end && span.start < p.span.end,
  );
}

/**
 * Whether Compose reads the text as a duration. It uses str2duration: Go's units (`1m30s`, `500ms`) plus days and
 * weeks (`1d`, `2w`) and a sign, which the model's parseDuration does not take.
 */
export function isComposeDuration(text: string): boolean {
  const unsigned = text.replace(/^[+-]/, "");
  const days = /^(?:(?:\d+(?:\.\d*)?|\.\d+)[dw])*/.exec(unsigned)?.[0] ?? "";
  const rest = unsigned.slice(days.length);
  return rest === "" ? days !== "" : parseDuration(rest) !== undefined;
}

/**
 * Whether Docker reads the text as a byte size (go-units' RAMInBytes). It also takes `2Gi` without the `b`, as
 * Kubernetes writes it, which the model's parseByteSize does not.
 */
export function isDockerByteSize(text: string): boolean {
  return parseByteSize(text) !== undefined || /^\d+(\.\d+)? ?[kmgtp]i$/i.test(text);
}
