import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { overrideBeside } from "../../src/model/compose-merge.js";
import { SourceFile } from "../../src/source.js";
import { lintProject, positions } from "../harness.js";

/** `path line:column` of each finding of `code` in a project of a base file and, when given, its override. */
async function found(
  code: string,
  base: string,
  override?: string,
  names = { base: "compose.yaml", override: "compose.override.yaml" },
): Promise<string[]> {
  const files = { [names.base]: base, ...(override === undefined ? {} : { [names.override]: override }) };
  const findings = await lintProject(files, [code]);
  const at = positions(findings);
  return findings.map((f, i) => `${f.file.path} ${at[i]}`);
}

/** An override that sets something no rule here asks about. */
const unrelated = (service: string) => `services:\n  ${service}:\n    environment:\n      LOG_LEVEL: debug\n`;

/**
 * For each "missing X" rule: a base file without X, the override that adds X (the base is then clean), and where
 * the finding stays on the base file when the override does not add it.
 */
const cases: { code: string; base: string; adds: string; at: string }[] = [
  {
    code: "DC070",
    base: 'services:\n  web:\n    image: nginx:1.27-alpine\n    ports:\n      - "80:80"\n',
    adds: 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n',
    at: "2:3",
  },
  {
    code: "DC074",
    base: 'services:\n  web:\n    image: nginx:1.27-alpine\n    ports:\n      - "80:80"\n',
    adds: "services:\n  web:\n    restart: unless-stopped\n",
    at: "2:3",
  },
  {
    code: "DC076",
    base: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    ports:\n      - "127.0.0.1:8000:8000"\n',
    adds: "services:\n  llm:\n    deploy:\n      resources:\n        limits:\n          memory: 48g\n",
    at: "2:3",
  },
  {
    code: "DC077",
    base: 'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    ports:\n      - "127.0.0.1:3000:3000"\n',
    adds: "services:\n  grafana:\n    mem_limit: 512m\n    cpus: 1\n",
    at: "2:3",
  },
  {
    code: "DC100",
    base: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n',
    adds: "services:\n  llm:\n    gpus: all\n",
    at: "3:12",
  },
  {
    code: "DC106",
    base: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "meta-llama/Llama-3.1-70B-Instruct", "--tensor-parallel-size", "2"]\n    gpus: all\n',
    adds: "services:\n  llm:\n    shm_size: 16g\n",
    at: "2:3",
  },
  {
    code: "DC107",
    base: "services:\n  triton:\n    image: nvcr.io/nvidia/tritonserver:24.08-py3\n    command: tritonserver --model-repository=/models\n",
    adds: "services:\n  triton:\n    shm_size: 2g\n",
    at: "2:3",
  },
  {
    code: "DC108",
    base: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/v1/models"]\n',
    adds: "services:\n  llm:\n    healthcheck:\n      start_period: 15m\n",
    at: "4:5",
  },
  {
    code: "DC110",
    base: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n',
    adds: "services:\n  llm:\n    volumes:\n      - hf_cache:/root/.cache/huggingface\nvolumes:\n  hf_cache:\n",
    at: "4:26",
  },
  {
    code: "DC111",
    base: "services:\n  embed:\n    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5\n    cpus: 4\n",
    adds: "services:\n  embed:\n    environment:\n      OMP_NUM_THREADS: 4\n      MKL_NUM_THREADS: 4\n",
    at: "4:11",
  },
];

describe("missing-X rules judge a base file with its override merged in", () => {
  for (const { code, base, adds, at } of cases) {
    const service = /^ {2}(\S+):/m.exec(base)![1]!;

    it(`${code}: no finding when the override adds what the base lacks`, async () => {
      expect(await found(code, base, adds)).toEqual([]);
    });

    it(`${code}: one finding, on the base, when neither file has it`, async () => {
      expect(await found(code, base, unrelated(service))).toEqual([`compose.yaml ${at}`]);
    });
  }

  it("reports on the base a service the override turns into a server", async () => {
    const base = "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n";
    const override = 'services:\n  api:\n    ports:\n      - "127.0.0.1:8000:8000"\n';
    const [finding, ...rest] = await lintProject(
      { "compose.yaml": base, "compose.override.yaml": override },
      ["DC070"],
    );
    expect(rest).toEqual([]);
    expect(`${finding!.file.path} ${positions([finding!])[0]}`).toBe("compose.yaml 2:3");
    expect(finding!.message).toContain("publishes port 8000:8000");
  });

  it("reports a value the override writes at the service's name in the base", async () => {
    const base = cases.find((c) => c.code === "DC108")!.base;
    const override = "services:\n  llm:\n    healthcheck:\n      start_period: 60s\n";
    expect(await found("DC108", base, override)).toEqual(["compose.yaml 2:3"]);
  });

  it("pairs the names as compose-go does: any default override with the base file it picks", async () => {
    const { base, adds } = cases[0]!;
    const names = { base: "compose.yaml", override: "docker-compose.override.yml" };
    expect(await found("DC070", base, adds, names)).toEqual([]);
    // With compose.yaml present, `docker compose` never reads docker-compose.yml, so no override applies to it.
    const files = { "compose.yaml": base, "docker-compose.yml": base, "compose.override.yaml": adds };
    expect((await lintProject(files, ["DC070"])).map((f) => f.file.path)).toEqual(["docker-compose.yml"]);
  });
});

describe("overrideBeside", () => {
  const root = mkdtempSync(join(tmpdir(), "mllint-override-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const repo = join(root, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
  const base = (dir: string) => {
    mkdirSync(join(repo, dir), { recursive: true });
    writeFileSync(join(repo, dir, "compose.yaml"), "services: {}\n");
    return new SourceFile(
      `${dir}/compose.yaml`,
      "services: {}\n",
      "compose",
      join(repo, dir, "compose.yaml"),
    );
  };

  it("reads the override beside the file, shown beside it", () => {
    const file = base("plain");
    writeFileSync(join(repo, "plain", "compose.override.yml"), "services: {}\n");
    expect(overrideBeside(file)?.path).toBe("plain/compose.override.yml");
  });

  it("follows a symlink inside the repository, not one that leaves it", () => {
    writeFileSync(join(repo, "shared.yaml"), "services: {}\n");
    writeFileSync(join(root, "outside.yaml"), "services: {}\n");
    const inside = base("inside");
    symlinkSync(join(repo, "shared.yaml"), join(repo, "inside", "compose.override.yaml"));
    expect(overrideBeside(inside)?.text).toBe("services: {}\n");
    const outside = base("outside");
    symlinkSync(join(root, "outside.yaml"), join(repo, "outside", "compose.override.yaml"));
    expect(overrideBeside(outside)).toBeUndefined();
  });

  it("skips an override over the size limit or binary, and a file with no override", () => {
    const large = base("large");
    writeFileSync(join(repo, "large", "compose.override.yaml"), "#".repeat(6 * 1024 * 1024));
    expect(overrideBeside(large)).toBeUndefined();
    const binary = base("binary");
    writeFileSync(join(repo, "binary", "compose.override.yaml"), "services:\0\n");
    expect(overrideBeside(binary)).toBeUndefined();
    expect(overrideBeside(base("none"))).toBeUndefined();
  });
});

describe("env_file", () => {
  it("counts variables set in a service's env files, as Compose does, and ignores missing ones", async () => {
    const compose = [
      "services:",
      "  embed:",
      "    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5",
      "    env_file: [threads.env, { path: optional.env, required: false }]",
      "    deploy:",
      "      resources:",
      "        limits: { cpus: '4', memory: 8g }",
      "",
    ].join("\n");
    const withCaps = await lintProject({ "compose.yaml": compose, "threads.env": "OMP_NUM_THREADS=4\n" }, [
      "DC111",
    ]);
    expect(withCaps).toEqual([]);
    const without = await lintProject({ "compose.yaml": compose, "threads.env": "LOG_LEVEL=info\n" }, [
      "DC111",
    ]);
    expect(positions(without)).toEqual(["7:25"]);
  });
});

describe("extends", () => {
  it("judges a service with what it inherits from the service it extends, in the same file", async () => {
    const compose = [
      "services:",
      "  base-api:",
      "    image: ghcr.io/acme/api:1.4",
      "    restart: unless-stopped",
      "    healthcheck:",
      '      test: ["CMD", "python", "-c", "print(1)"]',
      "    deploy:",
      "      resources:",
      "        limits: { cpus: '2', memory: 2g }",
      "  api:",
      "    extends: base-api",
      '    ports: ["127.0.0.1:8000:8000"]',
      "  loop-a:",
      "    extends: { service: loop-b }",
      '    ports: ["127.0.0.1:8001:8001"]',
      "  loop-b:",
      "    extends: loop-a",
      "    image: ghcr.io/acme/api:1.4",
      "",
    ].join("\n");
    const findings = await lintProject({ "compose.yaml": compose }, ["DC070", "DC074", "DC077"]);
    expect(findings.map((f) => `${f.rule.code} ${positions([f])[0]}`)).toEqual([
      "DC070 13:3",
      "DC074 13:3",
      "DC077 13:3",
    ]);
  });
});
