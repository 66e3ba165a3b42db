import { describe, expect, it } from "vitest";
import composeSchema from "../../rules/compose/compose-schema.js";
import composeSyntax from "../../rules/compose/compose-syntax.js";
import noBuildAndImage from "../../rules/compose/no-build-and-image.js";
import noDuplicateContainerNames from "../../rules/compose/no-duplicate-container-names.js";
import noDuplicateExportedPorts from "../../rules/compose/no-duplicate-exported-ports.js";
import noQuotesInVolumes from "../../rules/compose/no-quotes-in-volumes.js";
import noUnboundPortInterfaces from "../../rules/compose/no-unbound-port-interfaces.js";
import noVersionField from "../../rules/compose/no-version-field.js";
import requireExplicitImageTag from "../../rules/compose/require-explicit-image-tag.js";
import requireProjectNameField from "../../rules/compose/require-project-name-field.js";
import requireQuotesInPorts from "../../rules/compose/require-quotes-in-ports.js";
import requireServiceKeyOrder from "../../rules/compose/require-service-key-order.js";
import requireSortedDependencies from "../../rules/compose/require-sorted-dependencies.js";
import requireSortedPorts from "../../rules/compose/require-sorted-ports.js";
import requireSortedServices from "../../rules/compose/require-sorted-services.js";
import requireTopLevelKeyOrder from "../../rules/compose/require-top-level-key-order.js";
import { applyFixes } from "../../src/engine/fix.js";
import type { AnyRule, Finding } from "../../src/rule.js";
import { seedFile } from "../fixtures.js";
import { lintText, positions } from "../harness.js";

const onByDefault: AnyRule[] = [
  noVersionField,
  noDuplicateContainerNames,
  noDuplicateExportedPorts,
  noBuildAndImage,
  requireExplicitImageTag,
];
const optIn: AnyRule[] = [
  noUnboundPortInterfaces,
  requireProjectNameField,
  requireSortedServices,
  requireSortedDependencies,
  requireSortedPorts,
  requireServiceKeyOrder,
  requireTopLevelKeyOrder,
  requireQuotesInPorts,
  noQuotesInVolumes,
];

/** `CODE line:col` per finding. */
const found = (findings: Finding[]) => findings.map((f, i) => `${f.rule.code} ${positions(findings)[i]}`);
/** Each finding as the text its span covers. */
const texts = (findings: Finding[]) => findings.map((f) => f.file.slice(f.span));

/** Applies every fix of `rule` until none is left, as `--fix` does. */
function fixAll(text: string, rule: AnyRule, ruleOptions?: Record<string, unknown>): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = lintText(current, [rule], { ruleOptions }).flatMap((f) => (f.fix ? [f.fix] : []));
    const next = applyFixes(current, fixes);
    if (next.applied.length === 0) return current;
    current = next.text;
  }
  throw new Error("fixes did not converge");
}

const seedCompose = seedFile("docker-compose.yml");
const seedDev = seedFile("docker-compose.dev.yml");
const seedProd = `# docker-compose.prod.yml
version: '3.8'

services:
  ml-api:
    image: my-ml-api:latest
    deploy:
      replicas: 3
      resources:
        limits:
          cpus: '0.5'
          memory: 512M
        reservations:
          cpus: '0.25'
          memory: 256M
    environment:
      - DEBUG=False
      - LOG_LEVEL=INFO
`;
const seedStack = `# docker-stack.yml
version: '3.8'

services:
  ml-api:
    image: ml-api:latest
    ports:
      - "8000:8000"
    deploy:
      replicas: 3
    networks:
      - ml-network

networks:
  ml-network:
    driver: overlay
`;
const seedMonitoring = seedFile("docker-compose.monitoring.yml");

describe("the seed's compose files", () => {
  it("ML API with Redis and Postgres: only the obsolete version, by default", () => {
    expect(found(lintText(seedCompose, onByDefault))).toEqual(["DC010 2:1"]);
  });

  it("ML API with Redis and Postgres: what the opt-in rules add", () => {
    expect(found(lintText(seedCompose, optIn))).toEqual([
      "DC015 8:9",
      "DC015 28:9",
      "DC015 47:9",
      "DC015 58:9",
      "DC015 59:9",
      "DC016 2:1",
      "DC020 38:3",
      "DC021 14:9",
      "DC023 9:5",
      "DC023 29:5",
      "DC023 44:5",
      "DC023 60:5",
    ]);
  });

  it("dev, prod, swarm and monitoring files: version, and every floating or missing image tag", () => {
    expect(found(lintText(seedDev, onByDefault))).toEqual(["DC010 2:1"]);
    expect(found(lintText(seedProd, onByDefault))).toEqual(["DC010 2:1", "DC014 6:12"]);
    expect(found(lintText(seedStack, onByDefault))).toEqual(["DC010 2:1", "DC014 6:12"]);
    const monitoring = lintText(seedMonitoring, onByDefault);
    expect(found(monitoring)).toEqual(["DC010 2:1", "DC014 15:12", "DC014 25:12"]);
    expect(texts(monitoring).slice(1)).toEqual(["prom/prometheus", "grafana/grafana"]);
  });

  it("deletes the version line and nothing else", () => {
    const fixed = fixAll(seedCompose, noVersionField);
    expect(fixed).toBe(seedCompose.replace("version: '3.8'\n", ""));
    expect(lintText(fixed, [noVersionField, composeSyntax, composeSchema])).toEqual([]);
  });

  it("sorts the seed's services, depends_on and keys by moving whole entries", () => {
    const services = fixAll(seedCompose, requireSortedServices);
    expect(services.match(/^ {2}[\w-]+:$/gm)?.slice(0, 4)).toEqual([
      "  ml-api:",
      "  nginx:",
      "  postgres:",
      "  redis:",
    ]);
    expect(services.split("\n").length).toBe(seedCompose.split("\n").length);
    expect(services).toContain("      retries: 3\n\n  nginx:\n    image: nginx:alpine\n");
    const keys = fixAll(seedCompose, requireServiceKeyOrder);
    expect(keys).toContain(
      '  redis:\n    image: redis:7-alpine\n    volumes:\n      - redis_data:/data\n    ports:\n      - "6379:6379"\n',
    );
    const deps = fixAll(seedCompose, requireSortedDependencies);
    expect(deps).toContain("    depends_on:\n      - postgres\n      - redis\n");
    for (const [rule, text] of [
      [requireSortedServices, services],
      [requireServiceKeyOrder, keys],
      [requireSortedDependencies, deps],
    ] as const) {
      expect(lintText(text, [rule, composeSyntax, composeSchema])).toEqual([]);
    }
  });
});

describe("anchors and merge keys: an inherited value is reported at the anchor's text", () => {
  const shared = `x-api: &api
  image: ghcr.io/acme/ml-api:latest
  container_name: ml-api
  ports:
    - "8000:8000"
services:
  api-a:
    <<: *api
  api-b:
    <<: *api
`;

  it("reports the inherited image, container name and port inside the anchor", () => {
    const findings = lintText(shared, onByDefault);
    expect(found(findings)).toEqual(["DC011 3:19", "DC012 5:7", "DC014 2:10", "DC014 2:10"]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining("already used by service `api-a` (both inherit it here)"),
      expect.stringContaining("already published by service `api-a` (both inherit it here)"),
      expect.stringContaining("service `api-a`"),
      expect.stringContaining("service `api-b`"),
    ]);
    expect(positions(findings[0]!.related.map((r) => ({ ...findings[0]!, span: r.span })))).toEqual(["9:3"]);
  });

  it("keeps a service's own value over the merged one", () => {
    const own = shared.replace(
      "  api-b:\n    <<: *api\n",
      "  api-b:\n    <<: *api\n    container_name: ml-api-b\n    ports: []\n",
    );
    expect(found(lintText(own, [noDuplicateContainerNames, noDuplicateExportedPorts]))).toEqual([]);
  });

  it("offers no reorder fix that would put an alias before its anchor", () => {
    const text = "services:\n  worker: &base\n    image: ghcr.io/acme/ml-api:1.4.2\n  api:\n    <<: *base\n";
    const [finding] = lintText(text, [requireSortedServices]);
    expect(finding?.message).toContain("`api` should come before `worker`");
    expect(finding?.fix).toBeUndefined();
    const top = "x-b: &b\n  restart: always\nx-a:\n  <<: *b\nservices:\n  api:\n    image: x:1\n";
    const [topFinding] = lintText(top, [requireTopLevelKeyOrder]);
    expect(positions([topFinding!])).toEqual(["3:1"]);
    expect(topFinding?.fix).toBeUndefined();
  });

  it("moves an anchored entry when its aliases still follow it", () => {
    const text =
      "x-env: &env\n  LOG_LEVEL: INFO\nservices:\n  b:\n    image: x:1\n    environment: *env\n  a:\n    image: x:1\n    environment: *env\n";
    const fixed = fixAll(text, requireSortedServices);
    expect(fixed).toBe(
      "x-env: &env\n  LOG_LEVEL: INFO\nservices:\n  a:\n    image: x:1\n    environment: *env\n  b:\n    image: x:1\n    environment: *env\n",
    );
  });
});

describe("ports, short and long syntax", () => {
  it("finds a clash between a long-syntax port and a short-syntax range", () => {
    const text = `services:
  triton:
    image: nvcr.io/nvidia/tritonserver:24.05-py3
    ports:
      - "127.0.0.1:8000-8002:8000-8002"
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    ports:
      - target: 8000
        host_ip: 127.0.0.1
        published: "8002"
      - target: 8000
        published: 8001
        protocol: udp
  proxy:
    image: nginx:1.27-alpine
    ports:
      - "8001:80"
`;
    const findings = lintText(text, [noDuplicateExportedPorts]);
    expect(found(findings)).toEqual(["DC012 9:9", "DC012 18:9"]);
    expect(findings[1]!.message).toContain("host port 8001/tcp is already published by service `triton`");
  });

  it("reports ports without a host IP in both syntaxes, and accepts an explicit address", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    ports:
      - "8000:8000"
      - "9400"
      - target: 8080
        published: 8080
      - target: 8081
        published: 8081
        host_ip: 0.0.0.0
      - "[::1]:8082:8082"
`;
    expect(found(lintText(text, [noUnboundPortInterfaces]))).toEqual(["DC015 5:9", "DC015 6:9", "DC015 7:9"]);
  });

  it("sorts mixed syntaxes by number, a variable port first", () => {
    const text = `services:
  web:
    image: nginx:1.27-alpine
    ports:
      - "8080:8080"
      - target: 443
        published: 8443
      - "\${WEB_PORT}:80"
      - 80:80
`;
    const fixed = fixAll(text, requireSortedPorts);
    expect(fixed).toBe(`services:
  web:
    image: nginx:1.27-alpine
    ports:
      - "\${WEB_PORT}:80"
      - 80:80
      - "8080:8080"
      - target: 443
        published: 8443
`);
  });
});

describe("quote fixes", () => {
  const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    ports:
      - 8000:8000
      - "9400:9400"
    expose: [9401]
    volumes:
      - "./models:/models:ro"
      - "true"
      - type: bind
        source: './config'
        target: /config
`;

  it("quotes unquoted ports in place, keeping each value", () => {
    const findings = lintText(text, [requireQuotesInPorts]);
    expect(found(findings)).toEqual(["DC025 5:9", "DC025 7:14"]);
    const fixed = fixAll(text, requireQuotesInPorts);
    expect(fixed).toContain('      - "8000:8000"\n      - "9400:9400"\n    expose: ["9401"]\n');
    expect(lintText(fixed, [requireQuotesInPorts, composeSyntax, composeSchema])).toEqual([]);
    const single = fixAll(text, requireQuotesInPorts, { quoteType: "single" });
    expect(single).toContain("      - '8000:8000'\n      - '9400:9400'\n    expose: ['9401']\n");
  });

  it("unquotes volumes only where the plain text reads back the same", () => {
    const findings = lintText(text, [noQuotesInVolumes]);
    expect(found(findings)).toEqual(["DC026 9:9", "DC026 10:9", "DC026 12:17"]);
    expect(findings.map((f) => Boolean(f.fix))).toEqual([true, false, true]);
    const fixed = fixAll(text, noQuotesInVolumes);
    expect(fixed).toContain('      - ./models:/models:ro\n      - "true"\n');
    expect(fixed).toContain("        source: ./config\n");
    expect(lintText(fixed, [composeSyntax]).map((f) => f.message)).toEqual([]);
  });
});

describe("small semantics", () => {
  it("accepts build with image when pull_policy says which wins", () => {
    const text = "services:\n  api:\n    build: .\n    image: acme/ml-api:1.4.2\n";
    const [finding] = lintText(text, [noBuildAndImage]);
    expect(texts([finding!])).toEqual(["acme/ml-api:1.4.2"]);
    expect(finding!.related.map((r) => r.file.slice(r.span))).toEqual(["."]);
    expect(lintText(`${text}    pull_policy: build\n`, [noBuildAndImage])).toEqual([]);
  });

  it("reports a service that inherits build and image through `<<` at its merge key, once per service", () => {
    const text =
      "services:\n  auto: &automatic\n    build: ./auto\n    image: sd-auto:40\n  auto-cpu:\n    <<: *automatic\n    profiles: [cpu]\n";
    expect(found(lintText(text, [noBuildAndImage]))).toEqual(["DC013 4:12", "DC013 6:9"]);
  });

  it("leaves the tag of a built image to DC013", () => {
    const text =
      "services:\n  api:\n    build: .\n    image: fastchat:latest\n  db:\n    image: mongo:latest\n";
    expect(found(lintText(text, [requireExplicitImageTag]))).toEqual(["DC014 6:12"]);
  });

  it("checks the interpolated image, and skips one an unset variable decides", () => {
    const text = "services:\n  a:\n    image: vllm/vllm-openai:${TAG:-latest}\n  b:\n    image: ${IMAGE}\n";
    expect(found(lintText(text, [requireExplicitImageTag]))).toEqual(["DC014 3:12"]);
  });

  it("does not ask an override file for a project name", () => {
    const text = "services:\n  api:\n    image: x:1\n";
    expect(lintText(text, [requireProjectNameField], { path: "compose.override.yaml" })).toEqual([]);
    expect(found(lintText(text, [requireProjectNameField]))).toEqual(["DC016 1:1"]);
  });

  it("reports a container name on a replicated service", () => {
    const text =
      "services:\n  api:\n    image: x:1\n    container_name: api\n    deploy:\n      replicas: 2\n";
    expect(found(lintText(text, [noDuplicateContainerNames]))).toEqual(["DC011 4:21"]);
  });
});
