/**
 * Back-end services that ML stacks run beside the model server — databases, caches, vector stores, brokers,
 * dashboards and control planes — with the container ports their images listen on by default and whether
 * anyone who reaches those ports can run code. Shared by every rule that asks "is this port something that must
 * not face the network?" (compose `ports:`, Kubernetes Services).
 *
 * Sources: each image's documentation on Docker Hub / the vendor's docs for default ports and default
 * authentication; the control planes are those of research/ml-pitfalls.md item 9 (ShadowRay CVE-2023-48022 on the
 * Ray dashboard and client, ShellTorch CVE-2023-43654 on the TorchServe management API, Ollama's API without
 * authentication, the Docker Engine API on 2375 without TLS).
 */

export interface ServicePort {
  port: number;
  /** What listens there, for the message: "Redis", "the Ray dashboard and Jobs API". */
  what: string;
  /** True when the port alone names the service, whatever the image (6379 is Redis; 8080 is anything). */
  distinctive: boolean;
  /** True when the port serves an API that runs code or loads models for anyone who reaches it. */
  controlPlane: boolean;
  /** How the image authenticates clients by default, for the message. */
  auth: string;
  /**
   * How it authenticates instead once the environment sets every one of `variables` (or its `_FILE` form), or
   * the command passes one of `flags`.
   */
  authWhenSet?: { variables: readonly string[]; flags?: readonly string[]; auth: string };
}

interface NetworkService {
  /** Repository basenames of the images (`redis` matches `redis`, `bitnami/redis`, `docker.io/library/redis`). */
  images: readonly string[];
  ports: readonly ServicePort[];
}

const port = (
  port: number,
  what: string,
  auth: string,
  options: Partial<Pick<ServicePort, "distinctive" | "controlPlane" | "authWhenSet">> = {},
): ServicePort => ({ port, what, auth, distinctive: false, controlPlane: false, ...options });

const noAuth = "it has no authentication by default";
const password = "it is only as safe as its password";

const services: readonly NetworkService[] = [
  {
    images: ["redis", "redis-stack", "redis-stack-server", "valkey", "keydb"],
    ports: [
      port(6379, "Redis", "the official image turns protected mode off and sets no password", {
        distinctive: true,
        // `redis-server --requirepass`, or Bitnami's REDIS_PASSWORD.
        authWhenSet: { variables: ["REDIS_PASSWORD"], flags: ["--requirepass"], auth: password },
      }),
    ],
  },
  {
    images: ["postgres", "postgresql", "pgvector", "timescaledb", "timescaledb-ha", "postgis"],
    ports: [port(5432, "PostgreSQL", password, { distinctive: true })],
  },
  {
    images: ["mysql", "mariadb", "percona-server"],
    ports: [port(3306, "MySQL/MariaDB", password, { distinctive: true })],
  },
  {
    images: ["mongo", "mongodb", "mongodb-community-server"],
    ports: [
      port(27017, "MongoDB", "it has no authentication unless a root user is created", {
        distinctive: true,
        authWhenSet: {
          variables: ["MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"],
          auth: "it is only as safe as its root password",
        },
      }),
    ],
  },
  { images: ["memcached"], ports: [port(11211, "Memcached", noAuth, { distinctive: true })] },
  {
    images: ["elasticsearch", "opensearch"],
    ports: [
      port(9200, "Elasticsearch/OpenSearch", password, { distinctive: true }),
      port(9300, "the Elasticsearch/OpenSearch transport port", password, { distinctive: true }),
    ],
  },
  {
    images: ["qdrant"],
    ports: [
      port(6333, "Qdrant", "it has no API key unless one is configured", { distinctive: true }),
      port(6334, "Qdrant's gRPC API", "it has no API key unless one is configured", { distinctive: true }),
    ],
  },
  {
    images: ["milvus"],
    ports: [
      port(19530, "Milvus", "its authentication is off by default", { distinctive: true }),
      port(9091, "Milvus's metrics and health endpoint", noAuth),
    ],
  },
  { images: ["weaviate"], ports: [port(8080, "Weaviate", "anonymous access is on by default")] },
  { images: ["chroma"], ports: [port(8000, "Chroma", noAuth)] },
  {
    images: ["rabbitmq"],
    ports: [
      port(5672, "RabbitMQ", password, { distinctive: true }),
      port(15672, "the RabbitMQ management UI", password, { distinctive: true }),
    ],
  },
  {
    images: ["kafka", "cp-kafka", "cp-server"],
    ports: [
      port(9092, "Kafka", "its default PLAINTEXT listener has no authentication", { distinctive: true }),
    ],
  },
  {
    images: ["minio"],
    ports: [port(9000, "the MinIO S3 API", password), port(9001, "the MinIO console", password)],
  },
  {
    images: ["ray", "ray-ml", "ray-llm"],
    ports: [
      port(8265, "the Ray dashboard and Jobs API", noAuth, { distinctive: true, controlPlane: true }),
      port(10001, "the Ray client server", noAuth, { distinctive: true, controlPlane: true }),
      port(6379, "the Ray GCS server", noAuth, { controlPlane: true }),
    ],
  },
  {
    images: ["ollama"],
    ports: [port(11434, "the Ollama API", noAuth, { distinctive: true, controlPlane: true })],
  },
  {
    images: ["torchserve"],
    ports: [
      port(8081, "the TorchServe management API", "it loads models from any URL it is given", {
        controlPlane: true,
      }),
      port(8082, "TorchServe's metrics", noAuth),
    ],
  },
  {
    images: ["tritonserver"],
    ports: [
      port(8001, "Triton's gRPC API (with model control)", noAuth),
      port(8002, "Triton's metrics", noAuth),
    ],
  },
  {
    images: [
      "base-notebook",
      "minimal-notebook",
      "scipy-notebook",
      "datascience-notebook",
      "pytorch-notebook",
      "tensorflow-notebook",
      "pyspark-notebook",
      "all-spark-notebook",
      "r-notebook",
      "julia-notebook",
      "jupyterlab",
    ],
    ports: [port(8888, "Jupyter", "it runs code for anyone holding its token", { distinctive: true })],
  },
  { images: ["mlflow"], ports: [port(5000, "the MLflow tracking server", noAuth)] },
  { images: ["tensorboard"], ports: [port(6006, "TensorBoard", noAuth, { distinctive: true })] },
  {
    images: ["grafana", "grafana-oss", "grafana-enterprise"],
    ports: [port(3000, "Grafana", "its default login is admin/admin")],
  },
  { images: ["prometheus"], ports: [port(9090, "Prometheus", noAuth, { distinctive: true })] },
  {
    images: ["docker"],
    ports: [
      port(2375, "the Docker Engine API without TLS", "it gives root on the host to anyone", {
        distinctive: true,
        controlPlane: true,
      }),
    ],
  },
];

const byImage = new Map(services.flatMap((service) => service.images.map((image) => [image, service])));
const distinctivePorts = services.flatMap((service) => service.ports.filter((p) => p.distinctive));

/** The basename of an image repository, lowercased: `bitnami/redis` -> `redis`. */
function imageBasename(repository: string): string {
  return repository.slice(repository.lastIndexOf("/") + 1).toLowerCase();
}

/**
 * How the back-end on `port` authenticates clients, given which environment variables the container sets and
 * whether its command passes a flag.
 */
export function authenticationOf(
  port: ServicePort,
  isSet: (name: string) => boolean,
  passes: (flag: string) => boolean,
): string {
  const configured = port.authWhenSet;
  if (!configured) return port.auth;
  const byEnvironment = configured.variables.every((name) => isSet(name) || isSet(`${name}_FILE`));
  return byEnvironment || (configured.flags ?? []).some(passes) ? configured.auth : port.auth;
}

/** A catalogued port and whether the image named it (else the port alone did). */
export interface Listener {
  port: ServicePort;
  byImage: boolean;
}

/**
 * What listens on the container ports `from`..`to`: for a catalogued image, one of the image's own ports; for any
 * other image (or a `build:`), a port that names one service by itself.
 */
export function listenerIn(repository: string | undefined, from: number, to: number): Listener | undefined {
  const inRange = (p: ServicePort) => from <= p.port && p.port <= to;
  const service = repository === undefined ? undefined : byImage.get(imageBasename(repository));
  if (service) {
    const port = service.ports.find(inRange);
    return port && { port, byImage: true };
  }
  const port = distinctivePorts.find(inRange);
  return port && { port, byImage: false };
}
