import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The README's first command: what mllint must say about the seed document's own examples.
const root = join(import.meta.dirname, "../..");
const run = spawnSync(
  process.execPath,
  ["dist/cli.js", "fixtures/projects/seed-ml-api", "--format", "json"],
  {
    cwd: root,
    encoding: "utf8",
  },
);
const report = JSON.parse(run.stdout) as {
  findings: { rule: string; file: string; line: number; column: number; severity: string }[];
  files: { path: string; kind: string }[];
};
const found = new Set(
  report.findings.map(
    (f) => `${f.file.replace("fixtures/projects/seed-ml-api/", "")}:${f.line}:${f.column} ${f.rule}`,
  ),
);

describe("the example project (the seed document's examples)", () => {
  it("exits 1: it has errors", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  it("lints every file kind and skips what is not for it", () => {
    const kinds = Object.fromEntries(
      report.files.map((f) => [f.path.replace("fixtures/projects/seed-ml-api/", ""), f.kind]),
    );
    expect(kinds).toMatchObject({
      Dockerfile: "dockerfile",
      "Dockerfile.multistage": "dockerfile",
      "docker-compose.yml": "compose",
      "k8s/deployment.yaml": "k8s",
      ".dockerignore": "dockerignore",
    });
    expect(kinds["prometheus.yml"]).toBeUndefined();
  });

  it.each([
    // Issue 2's seed rules, each at the line and column of the mistake.
    ["Dockerfile.gpu:2:1 DF001", "no USER: the GPU image runs as root"],
    ["Dockerfile.optimized:2:1 DF001", "no USER"],
    ["Dockerfile.secrets:3:1 DF001", "no USER, FROM resolved from ARG PYTHON_VERSION"],
    ["Dockerfile.gpu:24:1 DF003", "EXPOSE 8000 and no HEALTHCHECK"],
    ["Dockerfile:9:5 DF004", "build-essential left in the only (final) stage"],
    ["Dockerfile:8:23 DF007", "apt-get install without --no-install-recommends"],
    ["Dockerfile.secure:4:23 DF009", "apt-get upgrade"],
    ["Dockerfile.secrets:13:5 DF010", "pip install awscli keeps its cache"],
    ["Dockerfile.secrets:24:5 DF011", "shell-form CMD"],
    ["Dockerfile.secrets:7:5 DF014", "ARG HF_TOKEN"],
    ["Dockerfile.optimized:22:9 DF016", "HEALTHCHECK curl on python:3.9-slim, never installed"],
    ["Dockerfile.multistage:28:34 DF017", "COPY --from=builder /root/.local for USER appuser"],
    ["Dockerfile.multistage:38:10 DF017", "ENV PATH=/root/.local/bin for USER appuser"],
    ["Dockerfile.gpu:2:6 DF018", "nvidia/cuda:11.8-runtime-ubuntu20.04 does not exist"],
    ["Dockerfile.torch-cpu:5:32 DF019", "+cu121 torch wheel on python:3.11-slim"],
    // Issue 3: what the seed's examples show beyond the seed rules.
    ["Dockerfile:2:6 DF200", "python 3.9 is end of life"],
    ["Dockerfile.multistage:3:17 DF301", "FROM ... as builder"],
    ["Dockerfile.alpine:17:5 DF107", "apk del in a later RUN: the image does not shrink"],
    ["Dockerfile.secrets:14:5 DF222", "aws configure set writes the mounted secret into the layer"],
    ["Dockerfile:30:42 DF220", "--start-period=5s for a server whose requirements.txt installs torch"],
    ["Dockerfile.alpine:14:35 DF227", "torch (from requirements.txt) on an Alpine base"],
    // Issue 4: the compose examples, as a reviewer would flag them.
    ["docker-compose.yml:2:1 DC010", "version: is obsolete"],
    ["docker-compose.yml:11:40 DC050", "password inside DATABASE_URL"],
    ["docker-compose.yml:43:27 DC050", "POSTGRES_PASSWORD=password"],
    ["docker-compose.yml:28:9 DC053", "Redis published on all interfaces"],
    ["docker-compose.yml:47:9 DC053", "Postgres published on all interfaces"],
    ["docker-compose.yml:55:3 DC070", "nginx serves without a healthcheck"],
    ["docker-compose.monitoring.yml:15:12 DC014", "prom/prometheus untagged"],
    ["docker-compose.monitoring.yml:25:12 DC014", "grafana/grafana untagged"],
    ["docker-compose.monitoring.yml:29:36 DC050", "Grafana admin password admin"],
    ["docker-compose.dev.yml:17:70 DC113", "debugpy --wait-for-client"],
    ["docker-compose.dev.yml:8:19 XP006", "build points at Dockerfile.dev, which does not exist"],
  ])("finds %s (%s)", (expected) => {
    expect([...found]).toContain(expected);
  });

  it("raises no internal error and does not mistake HEALTHCHECK's CMD for a swallowed instruction", () => {
    expect(report.findings.filter((f) => f.rule === "ML000")).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "DF068")).toEqual([]);
  });
});
