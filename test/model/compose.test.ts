import { describe, expect, it } from "vitest";
import {
  buildCompose,
  type ComposeService,
  parseByteSize,
  parseDuration,
  parsePortSpec,
  parseVolumeSpec,
} from "../../src/model/compose.js";
import { interpolate, parseDotEnv } from "../../src/model/compose-env.js";
import { effectiveServices } from "../../src/model/compose-merge.js";
import { SourceFile, type Span } from "../../src/source.js";

function compose(text: string, env: Record<string, string> = {}, path = "compose.yaml") {
  const file = new SourceFile(path, text, "compose");
  const model = buildCompose(file, new Map(Object.entries(env)));
  const at = (span: Span | undefined) => (span ? file.slice(span) : undefined);
  const service = (name: string) => model.services.find((s) => s.name === name) as ComposeService;
  return { file, model, at, service };
}

// The seed's "ML API with Redis and Database" example (docker-ml-deployment.md), trimmed to two services.
const seed = `version: '3.8'

services:
  ml-api:
    build: .
    ports:
      - "8000:8000"
    environment:
      - REDIS_URL=redis://redis:6379
      - DATABASE_URL=postgresql://user:password@postgres:5432/mldb
    depends_on:
      - redis
      - postgres
    volumes:
      - ./models:/app/models:ro
      - ./logs:/app/logs
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
      interval: 30s
      timeout: 10s
      retries: 3

  postgres:
    image: postgres:14-alpine
    environment:
      - POSTGRES_DB=mldb
      - POSTGRES_PASSWORD=password
    volumes:
      - postgres_data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U user -d mldb"]

volumes:
  redis_data:
  postgres_data:
`;

describe("buildCompose on the seed's compose file", () => {
  const { model, at, service } = compose(seed);

  it("reads top-level keys and services with their key spans", () => {
    expect(model.problems).toEqual([]);
    expect(model.version?.value).toBe("3.8");
    expect(at(model.version?.span)).toBe("'3.8'");
    expect(model.services.map((s) => [s.name, at(s.nameSpan)])).toEqual([
      ["ml-api", "ml-api"],
      ["postgres", "postgres"],
    ]);
    expect(model.volumes.map((v) => [v.name, at(v.nameSpan), v.node?.toJSON() ?? null])).toEqual([
      ["redis_data", "redis_data", null],
      ["postgres_data", "postgres_data", null],
    ]);
  });

  it("reads build, ports, environment, depends_on, volumes, restart and healthcheck", () => {
    const api = service("ml-api");
    expect(api.build).toMatchObject({ context: { value: "." }, args: [] });
    expect(at(api.build?.span)).toBe(".");
    expect(api.ports).toEqual([
      { syntax: "short", hostPort: "8000", containerPort: "8000", protocol: "tcp", span: api.ports[0]!.span },
    ]);
    expect(at(api.ports[0]!.span)).toBe('"8000:8000"');
    expect(
      api.environment.map((e) => [e.name, at(e.nameSpan), e.value?.value, at(e.value?.span), at(e.span)]),
    ).toEqual([
      ["REDIS_URL", "REDIS_URL", "redis://redis:6379", "redis://redis:6379", "REDIS_URL=redis://redis:6379"],
      [
        "DATABASE_URL",
        "DATABASE_URL",
        "postgresql://user:password@postgres:5432/mldb",
        "postgresql://user:password@postgres:5432/mldb",
        "DATABASE_URL=postgresql://user:password@postgres:5432/mldb",
      ],
    ]);
    expect(api.dependsOn.map((d) => [d.name, at(d.nameSpan), d.condition, d.required])).toEqual([
      ["redis", "redis", "service_started", true],
      ["postgres", "postgres", "service_started", true],
    ]);
    expect(api.volumes.map((v) => [v.type, v.source, v.target, v.readOnly, at(v.span)])).toEqual([
      ["bind", "./models", "/app/models", true, "./models:/app/models:ro"],
      ["bind", "./logs", "/app/logs", false, "./logs:/app/logs"],
    ]);
    expect(at(api.restart?.span)).toBe("unless-stopped");
    const check = api.healthcheck!;
    expect(check.test?.form).toBe("list");
    expect(check.test?.words.map((w) => [w.value, at(w.span)])).toEqual([
      ["CMD", '"CMD"'],
      ["curl", '"curl"'],
      ["-f", '"-f"'],
      ["http://localhost:8000/health", '"http://localhost:8000/health"'],
    ]);
    expect([check.interval?.ms, check.timeout?.ms, check.retries?.value]).toEqual([30_000, 10_000, "3"]);
    expect(at(check.interval?.span)).toBe("30s");
  });

  it("reads a named volume and an image", () => {
    const db = service("postgres");
    expect(db.image?.value).toBe("postgres:14-alpine");
    expect(db.volumes[0]).toMatchObject({ type: "volume", source: "postgres_data", readOnly: false });
    expect(db.healthcheck?.test?.words.map((w) => w.value)).toEqual([
      "CMD-SHELL",
      "pg_isready -U user -d mldb",
    ]);
  });
});

describe("long syntaxes, GPUs, resources and commands", () => {
  const text = `services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    command: --model "meta-llama/Llama-3.1-8B" --port 8000
    entrypoint: ["python3", "-m", "vllm.entrypoints.openai.api_server"]
    ports:
      - target: 8000
        published: "8000"
        host_ip: 127.0.0.1
        protocol: tcp
      - "[::1]:9000:9000/udp"
    environment:
      HF_TOKEN:
      MODEL: \${MODEL:-meta-llama/Llama-3.1-8B}
    volumes:
      - type: bind
        source: ./weights
        target: /models
        read_only: true
      - /tmp/cache
    gpus: all
    runtime: nvidia
    shm_size: 16gb
    ipc: host
    privileged: true
    cap_add: [SYS_ADMIN]
    user: "1000:1000"
    depends_on:
      db:
        condition: service_healthy
        required: false
    labels:
      com.example.tier: serving
    profiles: [gpu]
    healthcheck:
      test: curl -f http://localhost:8000/health
      start_period: 10m
      start_interval: 5s
      disable: false
    deploy:
      resources:
        limits:
          cpus: "8"
          memory: 64G
        reservations:
          devices:
            - driver: nvidia
              count: 1
              capabilities: [gpu]
              device_ids: ["0"]
  db:
    image: postgres:16
`;
  const { model, at, service } = compose(text);
  const llm = service("llm");

  it("has no problems", () => expect(model.problems).toEqual([]));

  it("splits a string command into words with spans, and keeps list words", () => {
    expect(llm.command?.form).toBe("string");
    expect(llm.command?.words.map((w) => [w.value, at(w.span)])).toEqual([
      ["--model", "--model"],
      ["meta-llama/Llama-3.1-8B", '"meta-llama/Llama-3.1-8B"'],
      ["--port", "--port"],
      ["8000", "8000"],
    ]);
    expect(llm.entrypoint?.words.map((w) => w.value)).toEqual([
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
    ]);
    expect(llm.healthcheck?.test?.form).toBe("string");
    expect(llm.healthcheck?.test?.words.map((w) => at(w.span))).toEqual([
      "curl",
      "-f",
      "http://localhost:8000/health",
    ]);
  });

  it("reads long-syntax ports and bracketed IPv6 short ports", () => {
    expect(llm.ports.map(({ span, ...port }) => [port, at(span)])).toEqual([
      [
        { syntax: "long", hostIp: "127.0.0.1", hostPort: "8000", containerPort: "8000", protocol: "tcp" },
        'target: 8000\n        published: "8000"\n        host_ip: 127.0.0.1\n        protocol: tcp',
      ],
      [
        { syntax: "short", hostIp: "::1", hostPort: "9000", containerPort: "9000", protocol: "udp" },
        '"[::1]:9000:9000/udp"',
      ],
    ]);
  });

  it("reads map-form environment, with an empty value and an interpolated default", () => {
    expect(llm.environment.map((e) => [e.name, e.value?.value, at(e.value?.span), at(e.span)])).toEqual([
      ["HF_TOKEN", undefined, undefined, "HF_TOKEN"],
      [
        "MODEL",
        "meta-llama/Llama-3.1-8B",
        "${MODEL:-meta-llama/Llama-3.1-8B}",
        "MODEL: ${MODEL:-meta-llama/Llama-3.1-8B}",
      ],
    ]);
  });

  it("reads long-syntax and anonymous volumes", () => {
    expect(llm.volumes.map(({ span, ...mount }) => mount)).toEqual([
      { syntax: "long", type: "bind", source: "./weights", target: "/models", readOnly: true },
      { syntax: "short", type: "volume", target: "/tmp/cache", readOnly: false },
    ]);
  });

  it("reads gpus, runtime, shm, ipc, privileged, capabilities and user", () => {
    expect(llm.gpus?.devices.map((d) => d.count?.value)).toEqual(["all"]);
    expect(at(llm.gpus?.span)).toBe("all");
    expect(llm.runtime?.value).toBe("nvidia");
    expect([llm.shmSize?.value, llm.shmSize?.bytes]).toEqual(["16gb", 16 * 1024 ** 3]);
    expect(at(llm.shmSize?.span)).toBe("16gb");
    expect([llm.ipc?.value, llm.privileged?.value, llm.user?.value]).toEqual(["host", "true", "1000:1000"]);
    expect(llm.capAdd.map((c) => at(c.span))).toEqual(["SYS_ADMIN"]);
    expect(llm.profiles.map((p) => p.value)).toEqual(["gpu"]);
    expect(llm.labels.map((l) => [l.name, l.value?.value])).toEqual([["com.example.tier", "serving"]]);
  });

  it("reads depends_on long syntax with condition and required", () => {
    expect(llm.dependsOn.map((d) => [d.name, d.condition, at(d.conditionSpan), d.required])).toEqual([
      ["db", "service_healthy", "service_healthy", false],
    ]);
  });

  it("reads healthcheck durations and deploy resources with device requests", () => {
    const check = llm.healthcheck!;
    expect([check.startPeriod?.ms, check.startInterval?.ms, check.disable?.value]).toEqual([
      600_000,
      5_000,
      "false",
    ]);
    expect(llm.limits?.cpus?.value).toBe("8");
    expect([llm.limits?.memory?.value, llm.limits?.memory?.bytes]).toEqual(["64G", 64 * 1024 ** 3]);
    const device = llm.reservations!.devices[0]!;
    expect(device.capabilities.map((c) => at(c.span))).toEqual(["gpu"]);
    expect([device.count?.value, device.driver?.value, device.deviceIds.map((d) => at(d.span))]).toEqual([
      "1",
      "nvidia",
      ['"0"'],
    ]);
    expect(at(device.span)).toBe(
      'driver: nvidia\n              count: 1\n              capabilities: [gpu]\n              device_ids: ["0"]',
    );
  });
});

describe("anchors and merge keys", () => {
  const text = `x-gpu: &gpu
  runtime: nvidia
  shm_size: 8g
  environment:
    NVIDIA_VISIBLE_DEVICES: all
services:
  a:
    <<: *gpu
    image: a:1
  b:
    <<: *gpu
    image: b:1
    shm_size: 1g
`;
  const { model, at, service } = compose(text);

  it("gives each service what it inherits, with spans in the anchor", () => {
    expect(model.problems).toEqual([]);
    expect(service("a").runtime?.value).toBe("nvidia");
    expect(service("a").runtime?.span.start).toBe(text.indexOf("nvidia"));
    expect(at(service("a").shmSize?.span)).toBe("8g");
    expect(service("a").environment.map((e) => [e.name, e.value?.value])).toEqual([
      ["NVIDIA_VISIBLE_DEVICES", "all"],
    ]);
    expect(service("a").entries.map((e) => [e.key, e.via && at(e.via)])).toEqual([
      ["image", undefined],
      ["runtime", "*gpu"],
      ["shm_size", "*gpu"],
      ["environment", "*gpu"],
    ]);
  });

  it("lets a service's own key win over the merged one", () => {
    expect(service("b").shmSize?.bytes).toBe(1024 ** 3);
    expect(service("b").shmSize?.span.start).toBe(text.lastIndexOf("1g"));
  });
});

describe("interpolation", () => {
  const variables = new Map([
    ["TAG", "1.4"],
    ["EMPTY", ""],
  ]);
  const cases: [string, string, string[]][] = [
    ["app:${TAG}", "app:1.4", []],
    ["app:$TAG", "app:1.4", []],
    ["${MISSING:-fallback}", "fallback", []],
    ["${EMPTY:-fallback}", "fallback", []],
    ["${EMPTY-fallback}", "", []],
    ["${MISSING-${TAG}}", "1.4", []],
    ["${MISSING:-${ALSO_MISSING}}", "${ALSO_MISSING}", ["ALSO_MISSING"]],
    ["${MISSING}", "${MISSING}", ["MISSING"]],
    ["${MISSING:?set it}", "${MISSING:?set it}", ["MISSING"]],
    ["${TAG:?set it}", "1.4", []],
    ["${TAG:+yes}", "yes", []],
    ["${MISSING:+yes}", "", []],
    ["$$HOME", "$HOME", []],
    ["cost: 5$", "cost: 5$", []],
    ["${unclosed", "${unclosed", []],
  ];
  it.each(cases)("%s -> %s", (text, value, unresolved) => {
    expect(interpolate(text, variables)).toEqual({ value, unresolved });
  });

  it("interpolates values from .env and flags what stays unresolved", () => {
    const { service, at } = compose("services:\n  api:\n    image: acme/api:${TAG}\n    user: ${APP_UID}\n", {
      TAG: "2.0",
    });
    expect(service("api").image).toMatchObject({ value: "acme/api:2.0", unresolved: [] });
    expect(at(service("api").image?.span)).toBe("acme/api:${TAG}");
    expect(service("api").user).toMatchObject({ value: "${APP_UID}", unresolved: ["APP_UID"] });
  });

  it("reads .env files", () => {
    const env = parseDotEnv(
      "# comment\nexport A=1\nB='x # y'\nC=\"line\\nnext\"\nD=plain # note\n\nnot a line\n",
    );
    expect([...env]).toEqual([
      ["A", "1"],
      ["B", "x # y"],
      ["C", "line\nnext"],
      ["D", "plain"],
    ]);
  });
});

describe("units and specs", () => {
  it.each([
    ["1m30s", 90_000],
    ["10s", 10_000],
    ["500ms", 500],
    ["1h", 3_600_000],
    ["1.5s", 1500],
    ["0", 0],
    ["1d", 86_400_000],
    ["2w", 1_209_600_000],
    ["1h30m", 5_400_000],
    ["-1.5s", -1500],
    ["+0", 0],
    ["30", undefined],
    ["1m30", undefined],
    ["abc", undefined],
    ["10s junk", undefined],
  ])("duration %s -> %s ms", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ["1g", 1024 ** 3],
    ["512m", 512 * 1024 ** 2],
    ["2gb", 2 * 1024 ** 3],
    ["1GiB", 1024 ** 3],
    ["1048576", 1048576],
    ["64k", 65536],
    ["1k", 1024],
    ["2Gi", 2 * 1024 ** 3],
    ["512Mi", 512 * 1024 ** 2],
    ["512MB", 512 * 1024 ** 2],
    ["0.5G", 512 * 1024 ** 2],
    ["32.3", 32],
    ["512 MB", 512 * 1024 ** 2],
    [" 512m", undefined],
    ["512m ", undefined],
    ["-1", undefined],
    ["512 gigs", undefined],
    ["lots", undefined],
  ])("size %s -> %s bytes", (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it.each([
    ["8000", { containerPort: "8000", protocol: "tcp" }],
    ["8000:80", { hostPort: "8000", containerPort: "80", protocol: "tcp" }],
    [
      "127.0.0.1:8000:80/udp",
      { hostIp: "127.0.0.1", hostPort: "8000", containerPort: "80", protocol: "udp" },
    ],
    ["127.0.0.1::80", { hostIp: "127.0.0.1", hostPort: undefined, containerPort: "80", protocol: "tcp" }],
    ["::1:6000:6000", { hostIp: "::1", hostPort: "6000", containerPort: "6000", protocol: "tcp" }],
    ["8000-8010:8000-8010", { hostPort: "8000-8010", containerPort: "8000-8010", protocol: "tcp" }],
  ])("port %s", (text, port) => expect(parsePortSpec(text)).toEqual(port));

  it.each([
    ["/data", { type: "volume", target: "/data", readOnly: false }],
    [
      "cache:/root/.cache",
      { type: "volume", source: "cache", target: "/root/.cache", readOnly: false, mode: undefined },
    ],
    [
      "~/models:/models:ro,z",
      { type: "bind", source: "~/models", target: "/models", readOnly: true, mode: "ro,z" },
    ],
  ])("volume %s", (text, mount) => expect(parseVolumeSpec(text)).toEqual(mount));
});

describe("problems", () => {
  it("rejects a multi-document stream at the second document", () => {
    const { model, at } = compose("services:\n  a:\n    image: a:1\n---\nservices:\n  b:\n    image: b:1\n");
    expect(model.services).toEqual([]);
    expect(model.problems.map((p) => [p.kind, p.message])).toEqual([
      [
        "syntax",
        "2 YAML documents in one file; Compose reads only one per file, so split them into separate files",
      ],
    ]);
    expect(at(model.problems[0]!.span)).toBe("---\nservices:\n  b:\n    image: b:1\n");
  });

  it("reports an empty file once, at its start", () => {
    for (const text of ["", "# nothing\n", "---\n"]) {
      const { model } = compose(text);
      expect(model.problems).toEqual([
        {
          kind: "syntax",
          message: "empty compose file: `docker compose` refuses it; define at least one service",
          span: { start: 0, end: 0 },
        },
      ]);
    }
  });

  it("rejects a top level that is not a mapping", () => {
    const { model, at } = compose("- api\n- worker\n");
    expect(model.problems.map((p) => p.message)).toEqual([
      "the top level of a compose file must be a mapping (`services:` ...)",
    ]);
    expect(at(model.problems[0]!.span)).toBe("- api\n- worker");
  });

  it("reports a duplicate key at the key and skips schema checks on broken YAML", () => {
    const { model, at } = compose("services:\n  api:\n    image: a\n    image: b\n    healtcheck: {}\n");
    expect(model.problems.map((p) => [p.kind, p.message, at(p.span)])).toEqual([
      [
        "syntax",
        "duplicate key `image`: `docker compose` rejects a key defined twice in one mapping",
        "image",
      ],
    ]);
    expect(model.problems[0]!.span.start).toBe("services:\n  api:\n    image: a\n    ".length);
  });

  it("accepts Compose's `!reset` and `!override` tags in override files", () => {
    const { model, service } = compose(
      "services:\n  api:\n    ports: !reset []\n    command: !reset null\n    environment: !override\n      A: '1'\n",
    );
    expect(model.problems).toEqual([]);
    expect(service("api").ports).toEqual([]);
    expect(service("api").command).toBeUndefined();
    expect(service("api").environment.map((e) => [e.name, e.value?.value])).toEqual([["A", "1"]]);
  });

  it("does not crash on a Helm template", () => {
    const { model } = compose(
      "services:\n  api:\n    image: {{ .Values.image }}\n{{- if .Values.gpu }}\n    gpus: all\n{{- end }}\n",
    );
    expect(model.problems.length).toBeGreaterThan(0);
    expect(model.problems.every((p) => p.kind === "syntax")).toBe(true);
  });
});

describe("effectiveServices (override files)", () => {
  const base = compose(
    `services:
  api:
    image: acme/api:1.0
    command: ["serve", "--port", "8000"]
    ports: ["8000:8000"]
    environment:
      LOG_LEVEL: info
      MODEL: small
    volumes: ["./models:/models:ro"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
      interval: 30s
  db:
    image: postgres:16
`,
    {},
    "compose.yaml",
  );
  const override = compose(
    `services:
  api:
    command: ["serve", "--reload"]
    ports: ["8000:8000", "5678:5678"]
    environment:
      - LOG_LEVEL=debug
    volumes: ["./models:/models"]
    healthcheck:
      interval: 5s
  debugger:
    image: acme/debug:1
`,
    {},
    "compose.override.yaml",
  );
  const merged = effectiveServices(base.model, override.model);
  const api = merged.find((m) => m.service.name === "api")!;

  it("keeps base order and adds the override's new services", () => {
    expect(merged.map((m) => m.service.name)).toEqual(["api", "db", "debugger"]);
  });

  it("replaces commands, appends ports, merges environment and volumes by name and target", () => {
    const service = api.service;
    expect(service.image?.value).toBe("acme/api:1.0");
    expect(service.command?.words.map((w) => w.value)).toEqual(["serve", "--reload"]);
    expect(service.ports.map((p) => `${p.hostPort}:${p.containerPort}`)).toEqual(["8000:8000", "5678:5678"]);
    expect(service.environment.map((e) => [e.name, e.value?.value])).toEqual([
      ["LOG_LEVEL", "debug"],
      ["MODEL", "small"],
    ]);
    expect(service.volumes.map((v) => v.readOnly)).toEqual([false]);
    expect(service.healthcheck?.interval?.ms).toBe(5000);
    expect(service.healthcheck?.test?.words.map((w) => w.value)).toEqual([
      "CMD",
      "curl",
      "-f",
      "http://localhost:8000/health",
    ]);
  });

  it("tells which file wrote each part", () => {
    const service = api.service;
    expect(api.fileOf(service.image!).path).toBe("compose.yaml");
    expect(api.fileOf(service.command!).path).toBe("compose.override.yaml");
    expect(api.fileOf(service.ports[1]!).path).toBe("compose.override.yaml");
    expect(api.fileOf(service.environment[0]!).path).toBe("compose.override.yaml");
    expect(api.fileOf(service.environment[1]!).path).toBe("compose.yaml");
    expect(api.fileOf(service.healthcheck!.interval!).path).toBe("compose.override.yaml");
    expect(api.fileOf(service.healthcheck!.test!).path).toBe("compose.yaml");
    const interval = service.healthcheck!.interval!;
    expect(api.fileOf(interval).slice(interval.span)).toBe("5s");
  });
});
