import { describe, expect, it } from "vitest";
import composeSchema from "../../rules/compose/compose-schema.js";
import composeSyntax from "../../rules/compose/compose-syntax.js";
import type { Finding } from "../../src/rule.js";
import { lintText, positions } from "../harness.js";

/** Each finding as `message @ text at its span`. */
function located(findings: Finding[]): string[] {
  return findings.map((f) => `${f.message} @ ${f.file.slice(f.span)}`);
}

describe("DC001 compose-schema", () => {
  it("reports every error of a file, each at its own node", () => {
    const text = `services:
  api:
    image: vllm/vllm-openai:v0.6.3
    healtcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
    ports: 8000
    depends_on:
      db:
        condition: service_healty
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: 1
  db:
    image: postgres:16
    restart: always
    build:
      context: .
      dockerfil: Dockerfile.db
`;
    const findings = lintText(text, [composeSchema]);
    expect(located(findings)).toEqual([
      "services.api: unknown key `healtcheck`; did you mean `healthcheck`? @ healtcheck",
      "services.api.ports: must be a list @ 8000",
      "services.api.depends_on.db.condition: must be one of service_started, service_healthy, service_completed_successfully; did you mean `service_healthy`? @ service_healty",
      "services.api.deploy.resources.reservations.devices[0]: missing required key `capabilities` @ driver: nvidia\n              count: 1",
      "services.db.build: unknown key `dockerfil`; did you mean `dockerfile`? @ dockerfil",
    ]);
    expect(positions(findings)).toEqual(["4:5", "6:12", "9:20", "14:15", "21:7"]);
  });

  it("does not flag keys newer than the schema copy, nor ML keys such as gpus and models", () => {
    const text = `name: rag
services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    gpus: all
    use_api_socket: false
    models:
      embedder:
        endpoint_var: EMBED_URL
    build:
      context: .
      provenance: true
      sbom: false
    pre_start:
      - command: ["chown", "-R", "1000", "/models"]
        user: root
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
      start_period: 10m
      start_interval: 5s
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app/src
          initial_sync: true
x-common: { anything: [goes] }
models:
  embedder:
    model: ai/mxbai-embed-large
    context_size: 4096
`;
    expect(located(lintText(text, [composeSchema]))).toEqual([]);
  });

  it("reports the type of each item and merges type alternatives into one message", () => {
    const text = `services:
  api:
    image: acme/api:1
    command: 42
    healthcheck:
      test: ["CMD", 1]
    environment:
      MODEL: [a, b]
`;
    expect(located(lintText(text, [composeSchema]))).toEqual([
      "services.api.command: must be empty or a string or a list @ 42",
      "services.api.healthcheck.test[1]: must be a string @ 1",
      "services.api.environment.MODEL: must be a string or a number or a boolean or empty @ [a, b]",
    ]);
  });

  it("reports an error inherited through a merge key once, in the anchor", () => {
    const text = `x-health: &health
  healthcheck:
    test: ["CMD", "true"]
    intervl: 10s
services:
  a:
    image: a:1
    <<: *health
  b:
    image: b:1
    <<: *health
`;
    const findings = lintText(text, [composeSchema]);
    expect(located(findings)).toEqual([
      "services.a.healthcheck: unknown key `intervl`; did you mean `interval`? @ intervl",
    ]);
    expect(positions(findings)).toEqual(["4:5"]);
  });

  it("reports unknown top-level keys, duplicate list items and bad service names", () => {
    const text = `servics:
  api:
    image: a:1
services:
  "my api":
    image: a:1
  web:
    image: nginx:1.27
    ports: ["80:80", "80:80"]
`;
    expect(located(lintText(text, [composeSchema]))).toEqual([
      "unknown key `servics`; did you mean `services`? @ servics",
      'services: `my api` is not a valid name (must match /^[a-zA-Z0-9._-]+$/) @ "my api"',
      'services.web.ports: item 1 repeats item 0 @ "80:80"',
    ]);
  });

  it("stays quiet when the YAML itself is broken (DC000 reports it)", () => {
    const text = "services:\n  api:\n    image: a\n    image: b\n    healtcheck: {}\n";
    expect(lintText(text, [composeSchema])).toEqual([]);
    expect(located(lintText(text, [composeSyntax]))).toEqual([
      "duplicate key `image`: `docker compose` rejects a key defined twice in one mapping @ image",
    ]);
  });
});

describe("DC000 compose-syntax", () => {
  it("reports a multi-document stream, an empty file and a non-mapping top level", () => {
    expect(positions(lintText("services: {}\n---\nservices: {}\n", [composeSyntax]))).toEqual(["2:1"]);
    expect(positions(lintText("", [composeSyntax]))).toEqual(["1:1"]);
    expect(located(lintText("just a string\n", [composeSyntax]))).toEqual([
      "the top level of a compose file must be a mapping (`services:` ...) @ just a string",
    ]);
  });

  it("reports a Helm template as syntax errors without crashing", () => {
    const helm =
      "services:\n  api:\n    image: {{ .Values.image }}\n{{- if .Values.gpu }}\n    gpus: all\n{{- end }}\n";
    const findings = lintText(helm, [composeSyntax]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule.code === "DC000")).toBe(true);
  });
});
