import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/rule.js";
import { lintProject } from "../harness.js";

/** `code path:line:col message`, then each related location as `-> path:line:col`: positions and links in one string. */
function described(findings: Finding[]): string[] {
  const at = (file: Finding["file"], offset: number) => {
    const { line, column } = file.position(offset);
    return `${file.path}:${line}:${column}`;
  };
  return findings.map((f) =>
    [
      `${f.rule.code} ${at(f.file, f.span.start)} ${f.message}`,
      ...f.related.map((r) => `-> ${at(r.file, r.span.start)}`),
    ].join(" "),
  );
}

const lint = async (files: Record<string, string>, codes: string[]) =>
  described(await lintProject(files, codes));

const serve = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n';

describe("XP002 require-dockerignore-coverage", () => {
  it("lists what slips through, biggest first, with sizes, at the COPY source", async () => {
    expect(
      await lint(
        {
          Dockerfile: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
          ".dockerignore": ".git\n__pycache__\n",
          "models/llama.safetensors": "x".repeat(4_200_000),
          "data/train.parquet": "x".repeat(1_500_000),
          ".env": "HF_TOKEN=hf_x\n",
          ".venv/lib/site.py": "x",
          "wandb/run-1/files/model.pt": "x".repeat(10),
          "app.py": "print('hi')\n",
        },
        ["XP002"],
      ),
    ).toEqual([
      "XP002 Dockerfile:3:6 COPY . sends what the .dockerignore does not exclude: models/llama.safetensors (4.2 MB), data/train.parquet (1.5 MB), .env, wandb, .venv -> .dockerignore:3:1",
    ]);
  });

  it('says "+N more" past five and honours `!` exceptions', async () => {
    const weights = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`ckpt/step-${i}.pt`, "x".repeat(1_000_000 + i)]),
    );
    expect(
      await lint(
        {
          Dockerfile: "FROM python:3.12-slim\nCOPY ./ /app/\n",
          ".dockerignore": "ckpt/*.pt\n!ckpt/step-1.pt\n",
          ...weights,
        },
        ["XP002"],
      ),
    ).toEqual([
      "XP002 Dockerfile:2:6 COPY ./ sends what the .dockerignore does not exclude: ckpt/step-1.pt (1.0 MB) -> .dockerignore:3:1",
    ]);
    expect(
      await lint(
        { Dockerfile: "FROM python:3.12-slim\nCOPY . /app/\n", ".dockerignore": ".git\n", ...weights },
        ["XP002"],
      ),
    ).toEqual([
      "XP002 Dockerfile:2:6 COPY . sends what the .dockerignore does not exclude: ckpt/step-7.pt (1.0 MB), ckpt/step-6.pt (1.0 MB), ckpt/step-5.pt (1.0 MB), ckpt/step-4.pt (1.0 MB), ckpt/step-3.pt (1.0 MB), +3 more -> .dockerignore:2:1",
    ]);
  });

  it("walks a 10,000-file context once, within the bounded listing", async () => {
    const files: Record<string, string> = {
      Dockerfile: "FROM python:3.12-slim\nCOPY . /app/\n",
      ".dockerignore": ".git\n",
      "weights/model.safetensors": "x".repeat(2_000_000),
    };
    for (let i = 0; i < 10_000; i++) files[`src/pkg${i % 100}/mod${i}.py`] = "";
    const started = performance.now();
    expect(await lint(files, ["XP002", "XP003"])).toEqual([
      "XP002 Dockerfile:2:6 COPY . sends what the .dockerignore does not exclude: weights/model.safetensors (2.0 MB) -> .dockerignore:2:1",
    ]);
    // Generous: writing the files dominates; the rules add one listing and a linear pass.
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

describe("XP003 no-copy-of-ignored-path", () => {
  it("reports the COPY source at its span, with the excluding pattern as related", async () => {
    expect(
      await lint(
        {
          Dockerfile:
            "FROM python:3.12-slim\nCOPY app.py /app/\nCOPY --chown=1000 checkpoints/ /app/checkpoints/\nADD *.safetensors /app/\n",
          ".dockerignore": "# weights are mounted\ncheckpoints\n*.safetensors\n",
          "app.py": "",
          "checkpoints/model.pt": "w",
          "model.safetensors": "w",
        },
        ["XP003"],
      ),
    ).toEqual([
      'XP003 Dockerfile:3:19 COPY checkpoints/: the .dockerignore excludes it (line 2: checkpoints), so the builder never sees it and the build fails with "not found" or copies nothing -> .dockerignore:2:1',
      'XP003 Dockerfile:4:5 ADD *.safetensors: the .dockerignore excludes it (line 3: *.safetensors), so the builder never sees it and the build fails with "not found" or copies nothing -> .dockerignore:3:1',
    ]);
  });

  it("evaluates `!` exceptions where BuildKit gives up: a re-included file keeps the directory copyable", async () => {
    const files = {
      Dockerfile:
        "FROM python:3.12-slim\nCOPY checkpoints/ /app/checkpoints/\nCOPY checkpoints/other.pt /tmp/\n",
      ".dockerignore": "checkpoints\n!checkpoints/final.pt\n",
      "checkpoints/final.pt": "w",
      "checkpoints/other.pt": "w",
    };
    expect(await lint(files, ["XP003"])).toEqual([
      'XP003 Dockerfile:3:6 COPY checkpoints/other.pt: the .dockerignore excludes it (line 1: checkpoints), so the builder never sees it and the build fails with "not found" or copies nothing -> .dockerignore:1:1',
    ]);
  });

  it("leaves COPY --from, URLs and variables alone", async () => {
    expect(
      await lint(
        {
          Dockerfile:
            "FROM python:3.12 AS build\nFROM python:3.12-slim\nARG SRC=models\nCOPY --from=build /models /models\nADD https://example.com/models /m\nCOPY $SRC /m\n",
          ".dockerignore": "models\n",
          "models/a.pt": "w",
        },
        ["XP003"],
      ),
    ).toEqual([]);
  });

  it("finds nothing in the seed example project, whose .dockerignore excludes **/Dockerfile* and **/README.md", async () => {
    const seedDir = join(import.meta.dirname, "../../fixtures/projects/seed-ml-api");
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (!name.endsWith(".snap")) files[relative(seedDir, path)] = readFileSync(path, "utf8");
      }
    };
    walk(seedDir);
    expect(files["Dockerfile.optimized"]).toContain("COPY models/ ./models/");
    expect(await lint(files, ["XP003"])).toEqual([]);
  });
});

describe("XP005 require-valid-dockerignore-pattern", () => {
  it("reports the malformed line in the .dockerignore", async () => {
    expect(await lint({ ".dockerignore": ".git\n  [Dd]ata\n*.[ot\n" }, ["XP005"])).toEqual([
      'XP005 .dockerignore:3:1 Invalid pattern *.[ot: the build fails with "syntax error in pattern"',
    ]);
  });
});

describe("compose build: → Dockerfile", () => {
  const gpuCompose =
    'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.gpu\n      args:\n        - MODEL_REVISON=v2\n        - HTTP_PROXY\n    ports:\n      - "8080:8000"\n';

  it("resolves `build: ./api` with `dockerfile: Dockerfile.gpu` against the context, and uses Dockerfile.gpu.dockerignore", async () => {
    expect(
      await lint(
        {
          "compose.yaml": gpuCompose,
          "api/Dockerfile.gpu": `FROM python:3.12-slim\nARG MODEL_REVISION=v1\nCOPY weights/ /w/\nCOPY . /app/\n${serve}`,
          "api/Dockerfile.gpu.dockerignore": "weights\n",
          "api/.dockerignore": "*\n!weights\n",
          "api/weights/m.pt": "w",
          "Dockerfile.gpu": "FROM scratch\n",
        },
        ["XP002", "XP003", "XP006", "XP007", "XP012"],
      ),
    ).toEqual([
      'XP003 api/Dockerfile.gpu:3:6 COPY weights/: the .dockerignore excludes it (line 1: weights), so the builder never sees it and the build fails with "not found" or copies nothing -> api/Dockerfile.gpu.dockerignore:1:1',
      "XP007 compose.yaml:7:11 build arg MODEL_REVISON is not declared by any ARG in api/Dockerfile.gpu, so the build ignores it; did you mean MODEL_REVISION? -> api/Dockerfile.gpu:2:5",
    ]);
  });

  it("reports a context or Dockerfile that does not exist at the value that names it", async () => {
    expect(
      await lint(
        {
          "compose.yaml":
            "services:\n  a:\n    build: ./gone\n  b:\n    build:\n      context: ./api\n      dockerfile: ./api/Dockerfile.gpu\n  c:\n    build:\n      context: api\n  d:\n    build:\n      context: https://github.com/org/repo.git\n  e:\n    build:\n      context: api\n      dockerfile_inline: |\n        FROM scratch\n",
          "api/Dockerfile.gpu": "FROM scratch\n",
        },
        ["XP006"],
      ),
    ).toEqual([
      'XP006 compose.yaml:3:12 build context gone does not exist (contexts are relative to the compose file): the build fails with "path not found"',
      "XP006 compose.yaml:7:19 Dockerfile api/api/Dockerfile.gpu does not exist; `dockerfile` is relative to the context api",
      "XP006 compose.yaml:10:16 Dockerfile api/Dockerfile does not exist (the default name, since `dockerfile:` is not set); `dockerfile` is relative to the context api",
    ]);
  });

  it("reports a missing context once when two services inherit the same build through `<<`", async () => {
    expect(
      await lint({ "compose.yaml": "services:\n  a: &a\n    build: ./gone\n  b:\n    <<: *a\n" }, ["XP006"]),
    ).toEqual([
      'XP006 compose.yaml:3:12 build context gone does not exist (contexts are relative to the compose file): the build fails with "path not found"',
    ]);
  });

  it("reports a target no stage has, with the closest stage", async () => {
    expect(
      await lint(
        {
          "compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: serv\n",
          Dockerfile: "FROM python:3.12 AS build\nFROM python:3.12-slim AS serve\n",
        },
        ["XP008"],
      ),
    ).toEqual([
      "XP008 compose.yaml:5:15 Dockerfile has no stage named serv (its named stages: build, serve); did you mean serve?: the build fails -> Dockerfile:2:26",
    ]);
  });
});

describe("XP009 require-compose-healthcheck-tool", () => {
  it("checks the target stage the service runs, in CMD, CMD-SHELL and string tests", async () => {
    const dockerfile =
      "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y curl\nFROM python:3.12-slim AS serve\nCOPY app.py /app/\n";
    const compose = (test: string) =>
      `services:\n  api:\n    build:\n      context: .\n      target: serve\n    healthcheck:\n      test: ${test}\n`;
    expect(
      await lint(
        {
          "compose.yaml": compose('["CMD", "curl", "-f", "http://localhost:8000/"]'),
          Dockerfile: dockerfile,
          "app.py": "",
        },
        ["XP009"],
      ),
    ).toEqual([
      "XP009 compose.yaml:7:21 the healthcheck calls curl, which python:3.12-slim does not have and Dockerfile never installs: the check always fails and the service stays unhealthy -> Dockerfile:3:6",
    ]);
    expect(
      await lint(
        {
          "compose.yaml": compose('["CMD-SHELL", "sleep 1 && wget -q -O- http://localhost:8000/"]'),
          Dockerfile: dockerfile,
          "app.py": "",
        },
        ["XP009"],
      ),
    ).toEqual([
      "XP009 compose.yaml:7:39 the healthcheck calls wget, which python:3.12-slim does not have and Dockerfile never installs: the check always fails and the service stays unhealthy -> Dockerfile:3:6",
    ]);
    expect(
      await lint(
        {
          "compose.yaml": compose("/usr/bin/curl -f http://localhost:8000/ || exit 1"),
          Dockerfile: dockerfile,
          "app.py": "",
        },
        ["XP009"],
      ),
    ).toEqual([
      "XP009 compose.yaml:7:13 the healthcheck calls curl, which python:3.12-slim does not have and Dockerfile never installs: the check always fails and the service stays unhealthy -> Dockerfile:3:6",
    ]);
  });

  it("says nothing when the built stage installs the tool or the base is unknown", async () => {
    const compose =
      'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n';
    expect(await lint({ "compose.yaml": compose, Dockerfile: "FROM python:3.12\n" }, ["XP009"])).toEqual([]);
    expect(
      await lint(
        { "compose.yaml": compose, Dockerfile: "FROM python:3.12-alpine\nRUN apk add --no-cache curl\n" },
        ["XP009"],
      ),
    ).toEqual([]);
  });
});

describe("GPU request vs CUDA userspace", () => {
  const cpuImage =
    "FROM python:3.12-slim\nRUN pip install torch==2.3.1+cpu --index-url https://download.pytorch.org/whl/cpu\n";
  const cudaImage = "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get update\n";

  it("XP010: a GPU request for an image with CPU wheels only, at the request", async () => {
    expect(
      await lint(
        { "compose.yaml": "services:\n  api:\n    build: .\n    runtime: nvidia\n", Dockerfile: cpuImage },
        ["XP010", "XP011"],
      ),
    ).toEqual([
      "XP010 compose.yaml:4:14 the GPU is requested but the image has no CUDA userspace: torch will run on CPU -> Dockerfile:2:17",
    ]);
  });

  it("XP011: a CUDA image with no GPU request, at the service name; a GPU sibling or --device cpu keeps it quiet", async () => {
    expect(
      await lint({ "compose.yaml": "services:\n  api:\n    build: .\n", Dockerfile: cudaImage }, [
        "XP010",
        "XP011",
      ]),
    ).toEqual([
      "XP011 compose.yaml:2:3 service api builds a CUDA image but requests no GPU: torch runs on the CPU and the CUDA libraries are dead weight -> Dockerfile:1:6",
    ]);
    expect(
      await lint(
        {
          "compose.yaml": "services:\n  api:\n    build: .\n  api-gpu:\n    build: .\n    gpus: all\n",
          Dockerfile: cudaImage,
        },
        ["XP011"],
      ),
    ).toEqual([]);
    expect(
      await lint(
        {
          "compose.yaml":
            'services:\n  api:\n    build: .\n    command: ["python", "serve.py", "--device", "cpu"]\n',
          Dockerfile: cudaImage,
        },
        ["XP011"],
      ),
    ).toEqual([]);
  });

  it("XP011 leaves a service to DC100 when its compose file alone shows it needs a GPU", async () => {
    const compose =
      'services:\n  api:\n    build: .\n    command: ["python", "serve.py", "--device", "cuda"]\n';
    expect(await lint({ "compose.yaml": compose, Dockerfile: cudaImage }, ["DC100", "XP011"])).toEqual([
      "DC100 compose.yaml:4:49 service `api` requests no GPU, but `--device cuda` asks for CUDA: it fails to start or runs on the CPU; add `gpus: all` or a `deploy.resources.reservations.devices` entry",
    ]);
  });
});

describe("XP012 no-published-port-mismatch", () => {
  it("compares the published container port with --port, else EXPOSE, and points at both", async () => {
    expect(
      await lint(
        {
          "compose.yaml":
            'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n      - "9090:8000"\n',
          Dockerfile: `FROM python:3.12-slim\nEXPOSE 8000\n${serve}`,
        },
        ["XP012"],
      ),
    ).toEqual([
      "XP012 compose.yaml:5:9 publishes container port 8080, but the image's server listens on 8000: requests to the published port are refused -> Dockerfile:3:59",
    ]);
    expect(
      await lint(
        {
          "compose.yaml":
            "services:\n  api:\n    build: .\n    ports:\n      - target: 8080\n        published: 80\n",
          Dockerfile: "FROM python:3.12-slim\nEXPOSE 8000 9000/udp\n",
        },
        ["XP012"],
      ),
    ).toEqual([
      "XP012 compose.yaml:5:9 publishes container port 8080, but the image's server listens on 8000: requests to the published port are refused -> Dockerfile:2:8",
    ]);
    expect(
      await lint(
        {
          "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "8080"\n',
          Dockerfile: "FROM python:3.12-slim\nEXPOSE 8000-8100\n",
        },
        ["XP012"],
      ),
    ).toEqual([]);
  });
});
