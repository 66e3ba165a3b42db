import {
  authenticationOff,
  reportOpenPorts,
  serviceAuthentication,
} from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC053",
  name: "no-backend-port-on-all-interfaces",
  target: "compose",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  fixable: true,
  aliases: ["kics:451d79dc-0588-476a-ad03-3c7f0320abb3"],
  docs: {
    summary:
      "Databases, caches, vector stores, brokers and dashboards must not be published on every host interface.",
    why: "`\"6379:6379\"` (or `0.0.0.0:`/`[::]:`) binds the port on every interface of the host, and Docker's own iptables rules let it through ufw and firewalld: the Redis, Postgres, Qdrant or Grafana behind the model server is on the internet, usually with no password or a default one. Other services in the file reach a back-end by its service name over the compose network, so it needs no `ports:` at all; a port for local debugging belongs on 127.0.0.1. Services are recognised by their image (redis, postgres, qdrant, milvus, grafana, minio, mlflow, ...) or, for other images, by a port that only one of them uses (6379, 5432, 27017, 6333, 9200...). dclint and KICS flag every unbound port alike and accept an explicit `0.0.0.0`; this rule flags the dangerous ones, including `0.0.0.0`. Control planes that run code without authentication are DC054's.",
    examples: [
      {
        kind: "invalid",
        files: 'services:\n  redis:\n    image: redis:7-alpine\n    ports:\n      - "6379:6379"\n',
      },
      {
        kind: "invalid",
        files:
          "services:\n  qdrant:\n    image: qdrant/qdrant:v1.12.1\n    ports:\n      - target: 6333\n        published: 6333\n        host_ip: 0.0.0.0\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  redis:\n    image: redis:7-alpine\n    ports:\n      - "127.0.0.1:6379:6379"\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - "8000:8000"\n    environment:\n      REDIS_URL: redis://redis:6379\n',
      },
    ],
    fix: "Remove the `ports:` entry (services talk over the compose network by service name), or bind it to loopback: `127.0.0.1:6379:6379`, `host_ip: 127.0.0.1`. The unsafe autofix adds `127.0.0.1:` to short-syntax ports (replacing `0.0.0.0`/`::`); clients on other machines lose access, which is the point.",
  },
  check({ model, report }) {
    // A control plane, or any port of a service whose authentication is off, is DC054's.
    reportOpenPorts(model, report, (service, { listener }) =>
      listener && !listener.port.controlPlane && authenticationOff(service).length === 0
        ? serviceAuthentication(service, listener.port)
        : undefined,
    );
  },
});
