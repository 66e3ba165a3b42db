/**
 * What a compose service is for, as far as its file tells: whether it runs a server (and how we know), whether it
 * is a one-shot job, whether it serves a model, and what its healthcheck state is. Shared by the compose rules so
 * they agree on what a long-running service is.
 */
import type { ByteSize, ComposeFile, ComposeService } from "../model/compose.js";
import { type EffectiveService, effectiveServices, withExtends } from "../model/compose-merge.js";
import { type ImageRef, isImage, parseImageRef } from "../model/image.js";
import type { Span } from "../source.js";
import { gpuGrants, serviceCommands, serviceMlImage } from "./compose-ml.js";
import { isModelImage } from "./ml.js";
import { isModelServerCommand, isServerCommand, serverName } from "./servers.js";

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
  if (server) return `runs the server \`${serverName(server)}\``;
  const label = serverImageLabel(service);
  return label && `runs the server image \`${label}\``;
}

/** Why a service looks like it loads and serves a model: a model-server command or image, or a GPU request. */
export function modelServiceEvidence(model: ComposeFile, service: ComposeService): string | undefined {
  const server = serviceCommands(service, model.file.text).find(isModelServerCommand);
  if (server) return `runs the model server \`${serverName(server)}\``;
  const ml = serviceMlImage(service);
  if (ml) return `runs the ${ml.label} image`;
  const image = serviceImage(service);
  if (image && isModelImage(image)) return `runs the model image \`${image.repository}\``;
  if (gpuGrants(service).length > 0) return "requests a GPU";
  return undefined;
}

/** Profiles that by convention hold tools and jobs run on demand, not services kept running. */
const toolProfiles =
  /^(tools?|cli|jobs?|batch|tasks?|scripts?|setup|init|migrat\w*|seed\w*|test\w*|debug|backup)$/i;

/**
 * True for a service that runs once and exits: `restart: "no"` with no published port, `restart_policy`
 * `condition: none`, only tool profiles, or another of `services` waits for it to complete successfully.
 */
export function isOneShot(services: readonly ComposeService[], service: ComposeService): boolean {
  const noRestart = service.restart?.value === "no" || service.restartPolicy?.condition?.value === "none";
  if (noRestart && service.ports.length === 0) return true;
  if (service.profiles.length > 0 && service.profiles.every((p) => toolProfiles.test(p.value))) return true;
  return services.some((other) =>
    other.dependsOn.some((d) => d.name === service.name && d.condition === "service_completed_successfully"),
  );
}

/** A service of the checked file as `docker compose` runs it, with what the override beside the file adds. */
export interface ServiceView {
  /** The merged service; its name span is the checked file's. */
  service: ComposeService;
  /** The service as the checked file writes it. */
  own: ComposeService;
  /** Where to report about a part: its span when the checked file wrote it, else the service's name. */
  at(span: Span): Span;
}

/** Every service `docker compose` runs from the file and its override (`model.override`), merged. */
function servicesAsRun(model: ComposeFile): EffectiveService[] {
  const merged = model.override
    ? effectiveServices(model, model.override)
    : model.services.map((service) => ({ service, fileOf: () => model.file }));
  const extended = withExtends(merged.map(({ service }) => service));
  return merged.map((entry, i) => ({ ...entry, service: extended[i]! }));
}

/**
 * The checked file's services as run, for the rules that report something missing: they decide on the merged
 * service and report in this file. None in an override file, since what it lacks the base file may set.
 */
export function effectiveViews(model: ComposeFile): ServiceView[] {
  if (isOverrideFile(model)) return [];
  // The base file's services come first, in its order; services only the override defines are its own.
  return servicesAsRun(model)
    .slice(0, model.services.length)
    .map(({ service, fileOf }, i) => ({
      service,
      own: model.services[i]!,
      at: (span) => (fileOf(span) === model.file ? span : service.nameSpan),
    }));
}

/**
 * The services kept running (as run: with the override merged in), each with why it looks like a server: what
 * restart, limit and healthcheck rules ask about. None in an override file, since what it lacks the base file may
 * set.
 */
export function longRunningServices(model: ComposeFile): { service: ComposeService; evidence: string }[] {
  const services = servicesAsRun(model).map(({ service }) => service);
  return effectiveViews(model).flatMap(({ service }) => {
    const evidence = serverEvidence(model, service);
    return evidence && !isOneShot(services, service) ? [{ service, evidence }] : [];
  });
}

/** The memory limit: `deploy.resources.limits.memory`, else the legacy `mem_limit`. */
export function memoryLimit(service: ComposeService): ByteSize | undefined {
  return service.limits?.memory ?? service.memLimit;
}

/** `defined` when a check runs, `disabled` for `disable: true` or `test: ["NONE"]`, `absent` without the key. */
export function healthcheckState(service: ComposeService): "defined" | "disabled" | "absent" {
  const healthcheck = service.healthcheck;
  if (!healthcheck) return "absent";
  if (healthcheck.disable?.value === "true" || healthcheck.test?.words[0]?.value === "NONE")
    return "disabled";
  return "defined";
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
