import { describe, expect, it } from "vitest";
import noHealthcheckTimeoutAboveInterval from "../../rules/compose/no-healthcheck-timeout-above-interval.js";
import noHealthyDependencyWithoutHealthcheck from "../../rules/compose/no-healthy-dependency-without-healthcheck.js";
import noReservationAboveLimit from "../../rules/compose/no-reservation-above-limit.js";
import noUndefinedDependency from "../../rules/compose/no-undefined-dependency.js";
import preferHealthyDependency from "../../rules/compose/prefer-healthy-dependency.js";
import requireModelServerMemoryLimit from "../../rules/compose/require-model-server-memory-limit.js";
import requireResourceLimits from "../../rules/compose/require-resource-limits.js";
import requireRestartPolicy from "../../rules/compose/require-restart-policy.js";
import requireServiceHealthcheck from "../../rules/compose/require-service-healthcheck.js";
import requireValidByteSize from "../../rules/compose/require-valid-byte-size.js";
import requireValidDuration from "../../rules/compose/require-valid-duration.js";
import requireValidRestartPolicy from "../../rules/compose/require-valid-restart-policy.js";
import type { AnyRule, Finding } from "../../src/rule.js";
import { seedFile, withoutTitle } from "../fixtures.js";
import { lintText, positions } from "../harness.js";

const reliability: AnyRule[] = [
  requireServiceHealthcheck,
  noHealthyDependencyWithoutHealthcheck,
  preferHealthyDependency,
  noUndefinedDependency,
  requireRestartPolicy,
  requireValidRestartPolicy,
  requireModelServerMemoryLimit,
  requireResourceLimits,
  noReservationAboveLimit,
  requireValidDuration,
  requireValidByteSize,
  noHealthcheckTimeoutAboveInterval,
];

/** Each finding as `CODE line:column text-at-span`. */
function located(findings: Finding[]): string[] {
  const at = positions(findings);
  return findings.map((f, i) => `${f.rule.code} ${at[i]} ${f.file.slice(f.span).split("\n")[0]}`);
}

const lint = (text: string, path?: string) => located(lintText(text, reliability, { path }));

// The seed's "ML API with Redis and Database" file and its monitoring file, as the seed document prints them.
const seedStack = withoutTitle(seedFile("docker-compose.yml"));
const seedMonitoring = withoutTitle(seedFile("docker-compose.monitoring.yml"));

// The seed's Swarm stack.
const seedSwarm = `version: '3.8'

services:
  ml-api:
    image: ml-api:latest
    ports:
      - "8000:8000"
    deploy:
      replicas: 3
      update_config:
        parallelism: 1
        delay: 10s
        failure_action: rollback
      restart_policy:
        condition: on-failure
        delay: 5s
        max_attempts: 3
      resources:
        limits:
          cpus: '0.5'
          memory: 512M
        reservations:
          cpus: '0.25'
          memory: 256M
    networks:
      - ml-network

networks:
  ml-network:
    driver: overlay
`;

describe("the seed's compose files", () => {
  it("ML API stack: nginx has no healthcheck, nothing has limits, and nothing waits for readiness", () => {
    expect(lint(seedStack, "docker-compose.yml")).toEqual([
      "DC070 54:3 nginx",
      "DC072 12:9 redis",
      "DC072 13:9 postgres",
      "DC072 63:9 ml-api",
      "DC077 4:3 ml-api",
      "DC077 24:3 redis",
      "DC077 37:3 postgres",
      "DC077 54:3 nginx",
    ]);
  });

  it("monitoring stack: Prometheus and Grafana have no healthcheck, nothing restarts or is limited", () => {
    // ml-api builds its image: its Dockerfile may declare a HEALTHCHECK (the seed's does), so DC070 leaves it.
    expect(lint(seedMonitoring, "docker-compose.yml")).toEqual([
      "DC070 13:3 prometheus",
      "DC070 23:3 grafana",
      "DC074 4:3 ml-api",
      "DC074 13:3 prometheus",
      "DC074 23:3 grafana",
      "DC077 4:3 ml-api",
      "DC077 13:3 prometheus",
      "DC077 23:3 grafana",
    ]);
  });

  it("swarm stack: limits, reservations, restart policy and delays are all valid; only the healthcheck is missing", () => {
    expect(lint(seedSwarm, "docker-stack.yml")).toEqual(["DC070 4:3 ml-api"]);
  });
});

describe("false-positive guards", () => {
  it("skips one-shot jobs, tool profiles, batch commands and jobs others wait to complete", () => {
    const text = `services:
  migrate:
    image: ghcr.io/acme/api:1.4
    restart: "no"
    command: ["alembic", "upgrade", "head"]
  psql:
    image: postgres:16
    profiles: [tools]
    command: ["psql", "-h", "db"]
  train:
    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
    command: ["python", "train.py"]
  download:
    image: redis:7-alpine
    command: ["redis-cli", "--version"]
  api:
    image: ghcr.io/acme/api:1.4
    depends_on:
      download:
        condition: service_completed_successfully
`;
    expect(lint(text)).toEqual([]);
  });

  it("accepts a deliberately disabled healthcheck, and a build whose Dockerfile decides", () => {
    const text = `services:
  web:
    image: nginx:1.27
    ports: ["127.0.0.1:8080:80"]
    restart: always
    mem_limit: 256m
    cpus: 0.5
    healthcheck:
      disable: true
  api:
    build: .
    ports: ["127.0.0.1:8000:8000"]
    restart: always
    deploy:
      resources:
        limits: {memory: 1g, cpus: "2"}
  proxy:
    image: caddy:2
    ports: ["443:443"]
    restart: always
    mem_limit: 128m
    cpus: 0.5
    healthcheck:
      test: ["NONE"]
`;
    expect(lint(text)).toEqual([]);
  });

  it("leaves an override file alone: what it lacks, the base file has", () => {
    const text = 'services:\n  api:\n    ports: ["8000:8000"]\n    depends_on: [db]\n';
    expect(lint(text, "compose.override.yaml")).toEqual([]);
  });
});

describe("healthchecks and dependencies", () => {
  it("reads healthchecks, restart policies and limits through anchors and merge keys", () => {
    const text = `x-defaults: &defaults
  restart: unless-stopped
  mem_limit: 1g
  cpus: 1
  healthcheck: &probe
    test: ["CMD", "wget", "-qO-", "http://localhost/health"]
    interval: 10s
    timeout: 10s
services:
  api:
    <<: *defaults
    image: ghcr.io/acme/api:1.4
    ports: ["127.0.0.1:8000:8000"]
  worker:
    <<: *defaults
    image: ghcr.io/acme/api:1.4
    depends_on:
      api:
        condition: service_healthy
`;
    // One mistake in the anchor, reported where it is written, for each service that merges it.
    expect(lint(text)).toEqual(["DC081 8:14 10s", "DC081 8:14 10s"]);
  });

  it("reports service_healthy on a service without a healthcheck at the condition", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/api:1.4
    depends_on:
      db:
        condition: service_healthy
      cache:
        condition: service_healthy
      model:
        condition: service_healthy
  db:
    image: postgres:16
    restart: "no"
  cache:
    image: redis:7
    restart: "no"
    healthcheck:
      disable: true
  model:
    build: ./model
`;
    const findings = lintText(text, [noHealthyDependencyWithoutHealthcheck]);
    expect(located(findings)).toEqual(["DC071 6:20 service_healthy", "DC071 8:20 service_healthy"]);
    expect(findings[1]!.message).toContain("has its healthcheck disabled");
  });

  it("reports unknown dependencies with a suggestion, and a default service that needs a profile", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/api:1.4
    depends_on: [postgress, minio-init]
  postgres:
    image: postgres:16
  minio-init:
    image: minio/mc:RELEASE.2025-04-16T18-13-26Z
    profiles: [core]
`;
    const findings = lintText(text, [noUndefinedDependency]);
    expect(located(findings)).toEqual(["DC073 4:18 postgress", "DC073 4:29 minio-init"]);
    expect(findings[0]!.message).toContain("did you mean `postgres`?");
    expect(findings[1]!.message).toContain("profile `core`");
    // A secondary file may be merged with the one that defines the service; the profile gap is still certain.
    expect(positions(lintText(text, [noUndefinedDependency], { path: "docker-compose.prod.yml" }))).toEqual([
      "4:29",
    ]);
  });
});

describe("restart policies, limits and values", () => {
  it("flags a model server without a memory limit as a warning, other servers at info level", () => {
    const text = `services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]
    restart: unless-stopped
    cpus: 8
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
      timeout: 5s
  web:
    image: ghcr.io/acme/web:1.4
    ports: ["127.0.0.1:3000:3000"]
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:3000"]
      timeout: 5s
`;
    const findings = lintText(text, reliability);
    expect(located(findings)).toEqual(["DC076 2:3 llm", "DC077 10:3 web"]);
    expect(findings.map((f) => f.severity)).toEqual(["warning", "info"]);
    expect(findings[0]!.message).toContain("runs the model server `vllm`");
    expect(findings[1]!.message).toContain("no memory or CPU limit");
  });

  it("names the module a Python model server runs, not `python3`", () => {
    const text =
      'services:\n  llm:\n    image: lmsysorg/sglang:v0.4.0\n    command: ["python3", "-m", "sglang.launch_server", "--model-path", "Qwen/Qwen2.5-7B-Instruct"]\n    ports: ["127.0.0.1:30000:30000"]\n';
    const [finding] = lintText(text, [requireModelServerMemoryLimit]);
    expect(finding!.message).toContain("runs the model server `python3 -m sglang.launch_server`");
  });

  it("reports bad restart values, reservations above limits and a swap limit below the memory limit", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/api:1.4
    restart: unless-stoped
    mem_limit: 2g
    mem_reservation: 3g
    memswap_limit: 1g
  worker:
    image: ghcr.io/acme/api:1.4
    restart: on-failure:5
    deploy:
      restart_policy:
        condition: on_failure
      resources:
        limits:
          memory: 512M
        reservations:
          memory: 0.5G
`;
    expect(located(lintText(text, [requireValidRestartPolicy, noReservationAboveLimit]))).toEqual([
      "DC075 4:14 unless-stoped",
      "DC075 13:20 on_failure",
      "DC078 6:22 3g",
      "DC078 7:20 1g",
    ]);
  });

  it("reads durations and byte sizes as Compose and Docker do", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/api:1.4
    shm_size: 2Gi
    mem_limit: 512MB
    memswap_limit: -1
    stop_grace_period: 1m30
    healthcheck:
      test: ["CMD", "true"]
      interval: "30"
      timeout: 30
      start_period: 1d
      start_interval: 500ms
    deploy:
      restart_policy:
        delay: 5sec
      resources:
        limits:
          memory: 8 gigs
        reservations:
          memory: 0.5G
`;
    // `timeout: 30` is a number: the schema rule (DC001) reports it, so DC079 does not.
    expect(located(lintText(text, [requireValidDuration, requireValidByteSize]))).toEqual([
      'DC079 10:17 "30"',
      "DC079 7:24 1m30",
      "DC079 16:16 5sec",
      "DC080 19:19 8 gigs",
    ]);
  });

  it("reads sizes and durations from the legacy keys, update_config and build.shm_size as Compose does", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/api:1.4
    build:
      context: .
      shm_size: 2 gigs
    mem_limit: 2Gi
    mem_reservation: 512Mi
    memswap_limit: 1k b
    stop_grace_period: -1m
    deploy:
      update_config:
        delay: 2w
        monitor: 10 s
`;
    expect(located(lintText(text, [requireValidDuration, requireValidByteSize]))).toEqual([
      "DC079 14:18 10 s",
      "DC080 6:17 2 gigs",
      "DC080 9:20 1k b",
    ]);
  });

  it("compares the timeout with the default interval when only one is written", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/api:1.4
    healthcheck:
      test: ["CMD", "true"]
      interval: 5s
  worker:
    image: ghcr.io/acme/api:1.4
    healthcheck:
      test: ["CMD", "true"]
      timeout: 45s
  quiet:
    image: ghcr.io/acme/api:1.4
    healthcheck:
      test: ["CMD", "true"]
      retries: 5
`;
    const findings = lintText(text, [noHealthcheckTimeoutAboveInterval]);
    expect(located(findings)).toEqual(["DC081 6:17 5s", "DC081 11:16 45s"]);
    const onlyDefault =
      'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 30s\n';
    expect(lintText(onlyDefault, [noHealthcheckTimeoutAboveInterval])).toEqual([]);
    expect(findings[0]!.message).toContain("up to 30s (the default) for a probe sent every 5s");
  });
});
