import { describe, expect, it } from "vitest";
import noBuildTools from "../../rules/dockerfile/no-build-tools-in-final-stage.js";
import noEolBaseImage from "../../rules/dockerfile/no-eol-base-image.js";
import noRootHome from "../../rules/dockerfile/no-root-home-for-non-root-user.js";
import noSecretInArgOrEnv from "../../rules/dockerfile/no-secret-in-arg-or-env.js";
import healthcheckTool from "../../rules/dockerfile/require-healthcheck-tool.js";
import requireNonRootUser from "../../rules/dockerfile/require-non-root-user.js";
import nvidiaEnv from "../../rules/dockerfile/require-nvidia-env-for-gpu.js";
import requireValidCudaTag from "../../rules/dockerfile/require-valid-cuda-tag.js";
import { applyFixes } from "../../src/engine/fix.js";
import { eolTable, reviewedOn } from "../../src/knowledge/eol-images.js";
import type { AnyRule } from "../../src/rule.js";
import { seedFile as seed } from "../fixtures.js";
import { lintText, positions } from "../harness.js";

const at = (text: string, rule: AnyRule) => positions(lintText(text, [rule]));
const messages = (text: string, rule: AnyRule) => lintText(text, [rule]).map((f) => f.message);

// The seed document's examples that the example project does not keep as files.
const seedAlpine = `FROM python:3.9-alpine

WORKDIR /app

# Install build dependencies
RUN apk add --no-cache \\
    gcc \\
    musl-dev \\
    linux-headers \\
    curl

# Copy and install requirements
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# Remove build dependencies
RUN apk del gcc musl-dev linux-headers

# Copy application
COPY . .

# Create non-root user
RUN adduser -D -s /bin/sh appuser && chown -R appuser:appuser /app
USER appuser

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=30s --start-period=5s --retries=3 \\
    CMD curl -f http://localhost:8000/health || exit 1

CMD ["python", "app.py"]
`;
const seedPytorch = `FROM pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime

WORKDIR /app
RUN apt-get update && apt-get install -y \\
    curl \\
    libgomp1 \\
    && rm -rf /var/lib/apt/lists/*
USER appuser
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
`;
const seedSizeOptimized = `FROM python:3.9 as builder
WORKDIR /app
COPY requirements.txt .
RUN pip install --user -r requirements.txt

FROM python:3.9-slim
WORKDIR /app
COPY --from=builder /root/.local /root/.local
COPY app.py .
ENV PATH=/root/.local/bin:$PATH
CMD ["python", "app.py"]
`;

describe("DF004 no-build-tools-in-final-stage", () => {
  it("reports build-essential in the seed's single-stage Dockerfile", () => {
    expect(at(seed("Dockerfile"), noBuildTools)).toEqual(["9:5"]);
  });

  it("ignores the seed's builder stage", () => {
    expect(at(seed("Dockerfile.multistage"), noBuildTools)).toEqual([]);
  });

  it("counts the seed's later `apk del` as removal (DF107 reports the layer it leaves)", () => {
    expect(at(seedAlpine, noBuildTools)).toEqual([]);
    const kept = seedAlpine.replace("RUN apk del gcc musl-dev linux-headers\n", "");
    expect(at(kept, noBuildTools)).toEqual(["7:5"]);
    expect(messages(kept, noBuildTools)[0]).toMatch(/^gcc, musl-dev, linux-headers stay in the final image/);
  });

  it("keeps what a partial removal leaves", () => {
    const text = "FROM debian:12\nRUN apt-get install -y gcc g++ make\nRUN apt-get purge -y gcc\nCMD serve\n";
    expect(messages(text, noBuildTools)).toEqual([
      "g++ stays in the final image: compile in a builder stage and copy only the results",
    ]);
  });

  it("reports tools inherited through FROM <stage>", () => {
    const text = "FROM python:3.12 AS base\nRUN apt-get install -y clang-15\nFROM base\nCMD python\n";
    expect(at(text, noBuildTools)).toEqual(["2:24"]);
  });

  it("reports a -devel base only when the final image builds on it", () => {
    expect(
      at("FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nFROM python:3.12-slim\n", noBuildTools),
    ).toEqual([]);
    expect(
      at("FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel AS b\nFROM b\nEXPOSE 80\n", noBuildTools),
    ).toEqual(["1:6"]);
    expect(at("FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\nCMD serve\n", noBuildTools)).toEqual([]);
  });

  it("leaves images that run no service alone: CI, development and base images", () => {
    const text = "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN apt-get install -y build-essential\n";
    expect(at(text, noBuildTools)).toEqual([]);
    expect(at(`${text}ENTRYPOINT ["serve"]\n`, noBuildTools)).toEqual(["1:6", "2:24"]);
  });

  it("leaves header packages and make alone", () => {
    expect(at("FROM debian:12\nRUN apt-get install -y python3-dev libpq-dev make\n", noBuildTools)).toEqual(
      [],
    );
  });
});

describe("DF001 require-non-root-user", () => {
  it("accepts base images that run unprivileged, also named through an ARG default and a stage", () => {
    for (const from of [
      "ARG BASE_IMAGE=quay.io/jupyter/base-notebook\nFROM $BASE_IMAGE",
      "FROM jupyter/scipy-notebook:2024-05-27",
      "FROM rayproject/ray:2.9.0-gpu AS base\nFROM base",
      "FROM gcr.io/distroless/python3-debian12:debug-nonroot",
      "FROM cgr.dev/chainguard/python:latest",
    ]) {
      expect(at(`${from}\nRUN pip list\n`, requireNonRootUser), from).toEqual([]);
    }
  });

  it("still reports root bases and a switch back to root", () => {
    expect(at("ARG BASE=quay.io/org/notebook\nFROM $BASE\n", requireNonRootUser)).toEqual(["2:1"]);
    expect(at("FROM jupyter/base-notebook\nUSER root\n", requireNonRootUser)).toEqual(["2:6"]);
  });
});

describe("DF018 require-valid-cuda-tag", () => {
  it("accepts CUDA 13 cuDNN tags and says CUDA 10 two-part tags were deleted", () => {
    const text =
      "FROM nvidia/cuda:13.0.0-cudnn-devel-ubuntu22.04\nFROM nvidia/cuda:10.2-cudnn7-devel-ubuntu18.04\nFROM nvidia/cuda:11.8-runtime-ubuntu22.04\n";
    expect(at(text, requireValidCudaTag)).toEqual(["2:6", "3:6"]);
    expect(messages(text, requireValidCudaTag)).toEqual([
      "nvidia/cuda:10.2-cudnn7-devel-ubuntu18.04 names a CUDA 10 image, which NVIDIA deleted with its end-of-life images: move to a supported CUDA release",
      "nvidia/cuda:11.8-runtime-ubuntu22.04 uses a two-part version; tags spell major.minor.patch, e.g. 11.8.0-runtime-ubuntu22.04",
    ]);
  });
});

describe("DF014 no-secret-in-arg-or-env", () => {
  it("reports bare ARGs and set values, not empty ENV placeholders, booleans or switches", () => {
    const text = [
      "FROM python:3.12-slim",
      'ARG HF_TOKEN\nARG WANDB_API_KEY=""',
      'ENV OPENAI_API_KEY="" WEBUI_SECRET_KEY= DB_PASSWORD=x',
      "ARG SCCACHE_S3_NO_CREDENTIALS=0\nENV USE_AUTH=${USE_AUTH} AUTH_ENABLED=yes HAS_TOKEN=true",
      "",
    ].join("\n");
    expect(at(text, noSecretInArgOrEnv)).toEqual(["2:5", "3:5", "4:41"]);
  });
});

describe("DF016 require-healthcheck-tool", () => {
  it("reports curl on the seed's python:3.9-slim image that never installs it", () => {
    expect(at(seed("Dockerfile.optimized"), healthcheckTool)).toEqual(["22:9"]);
  });

  it("accepts the seed images that install curl, and a Python probe", () => {
    for (const name of ["Dockerfile", "Dockerfile.multistage", "Dockerfile.torch-cpu"])
      expect(at(seed(name), healthcheckTool), name).toEqual([]);
    expect(at(seedAlpine, healthcheckTool)).toEqual([]);
  });

  it("knows Alpine has BusyBox wget but not curl", () => {
    const alpine = "FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- localhost:8000 && curl -f localhost:8000\n";
    expect(at(alpine, healthcheckTool)).toEqual(["2:45"]);
  });

  it("does not count curl installed in a builder stage", () => {
    const text =
      'FROM python:3.12 AS build\nRUN apt-get install -y curl\nFROM python:3.12-slim\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n';
    expect(at(text, healthcheckTool)).toEqual(["4:18"]);
  });

  it("accepts a copied curl binary, and reports curl purged after install", () => {
    const copied =
      "FROM ollama/ollama:0.3.12\nCOPY --from=curlimages/curl:8.10.1 /usr/bin/curl /usr/local/bin/curl\nHEALTHCHECK CMD curl -f localhost:11434\n";
    expect(at(copied, healthcheckTool)).toEqual([]);
    const purged =
      "FROM ubuntu:24.04\nRUN apt-get install -y curl && apt-get purge -y curl\nHEALTHCHECK CMD curl -f localhost\n";
    expect(at(purged, healthcheckTool)).toEqual(["3:17"]);
  });

  it("says nothing for unknown bases or a disabled check, and reads only the last HEALTHCHECK", () => {
    expect(at("FROM python:3.12\nHEALTHCHECK CMD curl -f localhost\n", healthcheckTool)).toEqual([]);
    expect(at("FROM debian:12\nHEALTHCHECK NONE\n", healthcheckTool)).toEqual([]);
    const replaced =
      'FROM debian:12\nHEALTHCHECK CMD curl localhost\nHEALTHCHECK CMD ["python3", "-c", "1"]\n';
    expect(at(replaced, healthcheckTool)).toEqual([]);
  });

  it("reports a shell-form check on distroless, but not on its :debug tag", () => {
    const text = "FROM gcr.io/distroless/python3-debian12\nHEALTHCHECK CMD python3 /app/probe.py\n";
    expect(at(text, healthcheckTool)).toEqual(["2:17"]);
    const debug = text.replace("debian12", "debian12:debug");
    expect(at(debug, healthcheckTool)).toEqual([]);
  });
});

describe("DF017 no-root-home-for-non-root-user", () => {
  it("reports the seed's COPY into /root/.local and its PATH entry (2 findings)", () => {
    expect(at(seed("Dockerfile.multistage"), noRootHome)).toEqual(["28:34", "38:10"]);
  });

  it("accepts the seed's size-optimised recipe, which keeps running as root", () => {
    expect(at(seedSizeOptimized, noRootHome)).toEqual([]);
    expect(at(`${seedSizeOptimized}USER 1000\n`, noRootHome)).toEqual(["8:34", "10:10"]);
  });

  it("reports pip install --user run as root, not as the user", () => {
    const asRoot = "FROM python:3.12-slim\nRUN pip install --user gunicorn\nUSER app\n";
    expect(at(asRoot, noRootHome)).toEqual(["2:17"]);
    const asUser = "FROM python:3.12-slim\nUSER app\nRUN python -m pip install --user gunicorn\n";
    expect(at(asUser, noRootHome)).toEqual([]);
  });

  it("is exempt when a later RUN opens /root, not an earlier one", () => {
    const later =
      "FROM python:3.12-slim\nCOPY --from=b /root/.local /root/.local\nRUN chmod -R a+rX /root\nUSER app\n";
    expect(at(later, noRootHome)).toEqual([]);
    const earlier =
      "FROM python:3.12-slim\nRUN chmod 755 /root\nCOPY --from=b /root/.local /root/.local\nUSER app\n";
    expect(at(earlier, noRootHome)).toEqual(["3:28"]);
  });

  it("judges only where files land and what the final stage sees", () => {
    const elsewhere = "FROM python:3.12-slim\nCOPY --from=b /root/.local /usr/local\nUSER app\n";
    expect(at(elsewhere, noRootHome)).toEqual([]);
    const builderOnly =
      "FROM python:3.12 AS b\nENV PYTHONPATH=/root/lib\nUSER app\nFROM python:3.12-slim\nUSER app\n";
    expect(at(builderOnly, noRootHome)).toEqual([]);
    const backToRoot = "FROM python:3.12-slim\nENV VIRTUAL_ENV=/root/venv\nUSER app\nUSER root\n";
    expect(at(backToRoot, noRootHome)).toEqual([]);
  });
});

describe("DF019 require-nvidia-env-for-gpu", () => {
  it("reports the CUDA torch wheel of the seed's torch-cpu Dockerfile", () => {
    expect(at(seed("Dockerfile.torch-cpu"), nvidiaEnv)).toEqual(["5:32"]);
  });

  it("accepts the seed's CUDA base image", () => {
    expect(at(seed("Dockerfile.gpu"), nvidiaEnv)).toEqual([]);
  });

  it("reads CUDA wheel indexes and nvidia-*-cu12 wheels", () => {
    const index =
      "FROM python:3.11-slim\nRUN pip install torch --extra-index-url https://download.pytorch.org/whl/cu124\n";
    expect(at(index, nvidiaEnv)).toEqual(["2:41"]);
    expect(at("FROM python:3.11-slim\nRUN pip install nvidia-cudnn-cu12==9.1.0.70\n", nvidiaEnv)).toEqual([
      "2:17",
    ]);
  });

  it("treats empty or void devices as unset", () => {
    const text =
      "FROM python:3.11-slim\nENV NVIDIA_VISIBLE_DEVICES=void\nRUN pip install torch==2.4.0+cu124\n";
    const findings = lintText(text, [nvidiaEnv]);
    expect(positions(findings)).toEqual(["3:17"]);
    expect(findings[0]!.fix).toBeUndefined();
  });

  it("flags capabilities without compute on any base, also a CUDA one", () => {
    const text =
      "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV NVIDIA_DRIVER_CAPABILITIES=utility,video\n";
    expect(at(text, nvidiaEnv)).toEqual(["2:32"]);
    expect(at(text.replace("utility,video", "all"), nvidiaEnv)).toEqual([]);
  });

  it("looks only at the final image", () => {
    const text =
      "FROM python:3.11 AS export\nRUN pip install torch==2.3.1+cu121\nRUN python export.py\nFROM python:3.11-slim\nCOPY --from=export /model.onnx /model.onnx\n";
    expect(at(text, nvidiaEnv)).toEqual([]);
  });

  it("inserts the missing variables after the final FROM", () => {
    const text =
      "FROM python:3.11-slim\nENV NVIDIA_DRIVER_CAPABILITIES=all\nRUN pip install torch==2.3.1+cu121\n";
    const [finding] = lintText(text, [nvidiaEnv]);
    const fixed = applyFixes(text, [finding!.fix!]).text;
    expect(fixed).toBe(
      "FROM python:3.11-slim\nENV NVIDIA_VISIBLE_DEVICES=all\nENV NVIDIA_DRIVER_CAPABILITIES=all\nRUN pip install torch==2.3.1+cu121\n",
    );
    expect(lintText(fixed, [nvidiaEnv])).toEqual([]);
  });
});

describe("DF200 no-eol-base-image", () => {
  it("reports the seed's Python 3.9 and Ubuntu 20.04 bases, ARG-resolved ones included", () => {
    expect(at(seed("Dockerfile"), noEolBaseImage)).toEqual(["2:6"]);
    expect(at(seed("Dockerfile.multistage"), noEolBaseImage)).toEqual(["3:6", "18:6"]);
    expect(at(seed("Dockerfile.secrets"), noEolBaseImage)).toEqual(["3:6"]);
    expect(messages(seed("Dockerfile.gpu"), noEolBaseImage)).toEqual([
      "nvidia/cuda:11.8-runtime-ubuntu20.04 is past end of life, with no more security fixes: Ubuntu 20.04 (focal) ended on 2025-05-31",
    ]);
    expect(at(seed("Dockerfile.torch-cpu"), noEolBaseImage)).toEqual([]);
  });

  it("reads the CUDA release inside a pytorch/pytorch tag", () => {
    expect(messages(seedPytorch, noEolBaseImage)).toEqual([
      "pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime is past end of life, with no more security fixes: CUDA 11.3 is older than CUDA 11.7, which ended in 2023-11",
    ]);
  });

  it("names every end-of-life part of a tag", () => {
    expect(messages("FROM python:3.9-slim-buster\n", noEolBaseImage)).toEqual([
      "python:3.9-slim-buster is past end of life, with no more security fixes: Python 3.9 ended in 2025-10; Debian 10 (buster) ended on 2024-06-30",
    ]);
  });

  it.each([
    "node:20-slim",
    "node:hydrogen-alpine",
    "node:23.1.0",
    "ubuntu:18.04",
    "ubuntu:bionic-20230530",
    "debian:bullseye-slim",
    "debian:10.13",
    "alpine:3.19.1",
    "alpine:3.12",
    "centos:7",
    "centos:centos8",
    "python:2.7-slim",
    "python:3.10.14-bookworm",
    "golang:1.22-alpine3.18",
    "nvcr.io/nvidia/cuda:12.1.1-runtime-ubuntu22.04",
    "tiangolo/uvicorn-gunicorn-fastapi:python3.8",
  ])("reports %s", (image) => {
    expect(at(`FROM ${image}\n`, noEolBaseImage)).toEqual(["1:6"]);
  });

  it.each([
    "python:3",
    "python:3.12-slim-bookworm",
    "node:22-alpine",
    "node:lts",
    "ubuntu:22.04",
    "ubuntu:jammy",
    "debian:stable-slim",
    "alpine:3.22",
    "nvidia/cuda:11.8.0-runtime-ubuntu22.04",
    "tensorflow/tensorflow:2.10.0",
    "scratch",
  ])("accepts %s", (image) => {
    expect(at(`FROM ${image}\n`, noEolBaseImage)).toEqual([]);
  });

  it("lists only releases whose end of life had passed when the table was reviewed", () => {
    for (const product of eolTable) {
      for (const release of product.releases) expect(release.eol <= reviewedOn, release.version).toBe(true);
    }
  });
});
