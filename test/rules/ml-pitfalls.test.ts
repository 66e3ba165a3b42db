import { describe, expect, it } from "vitest";
import noCredentialPersistedInLayer from "../../rules/dockerfile/no-credential-persisted-in-layer.js";
import noLoopbackServerBind from "../../rules/dockerfile/no-loopback-server-bind.js";
import noMlFrameworkOnAlpine from "../../rules/dockerfile/no-ml-framework-on-alpine.js";
import noNvidiaDriverInImage from "../../rules/dockerfile/no-nvidia-driver-in-image.js";
import noTorchCudaMismatch from "../../rules/dockerfile/no-torch-cuda-mismatch.js";
import noWeightsAfterSourceCopy from "../../rules/dockerfile/no-weights-after-source-copy.js";
import preferOpencvHeadless from "../../rules/dockerfile/prefer-opencv-headless.js";
import requireHealthcheckStartPeriod from "../../rules/dockerfile/require-healthcheck-start-period.js";
import type { AnyRule } from "../../src/rule.js";
import { seedFile as seed } from "../fixtures.js";
import { lintText, positions } from "../harness.js";

/** `line:col message` of each finding of one rule. */
function lint(rule: AnyRule, text: string, ruleOptions?: Record<string, unknown>): string[] {
  const findings = lintText(text, [rule], { ruleOptions });
  return positions(findings).map((at, i) => `${at} ${findings[i]!.message}`);
}

describe("DF220 require-healthcheck-start-period", () => {
  const rule = requireHealthcheckStartPeriod as AnyRule;
  const check = (start: string) =>
    `FROM python:3.12-slim\nRUN pip install torch\nHEALTHCHECK ${start}CMD ["python", "probe.py"]\n`;

  it("reports a short start period at the flag", () => {
    const findings = lintText(check("--interval=30s --start-period=5s "), [rule]);
    expect(positions(findings)).toEqual(["3:28"]);
    expect(findings[0]!.message).toContain("installs torch");
  });

  it("reports a missing start period at the keyword", () => {
    expect(positions(lintText(check(""), [rule]))).toEqual(["3:1"]);
  });

  it("reads Go durations and the option", () => {
    expect(lint(rule, check("--start-period=1m "))).toEqual([]);
    expect(lint(rule, check("--start-period=59s "))).toHaveLength(1);
    expect(lint(rule, check("--start-period=1m30s "), { minStartPeriodSeconds: 120 })).toHaveLength(1);
    expect(lint(rule, check("--start-period=0.5h "), { minStartPeriodSeconds: 600 })).toEqual([]);
    expect(lint(rule, check("--start-period=$START "))).toEqual([]);
  });

  it("needs evidence of a model", () => {
    const plain = 'FROM python:3.12-slim\nRUN pip install flask\nHEALTHCHECK CMD ["python", "probe.py"]\n';
    expect(lint(rule, plain)).toEqual([]);
    const server = 'FROM python:3.12-slim\nHEALTHCHECK CMD ["true"]\nCMD ["vllm", "serve", "org/model"]\n';
    expect(lint(rule, server)[0]).toContain("runs the model server `vllm`");
    const weights = "FROM python:3.12-slim\nCOPY models/ /app/models/\nHEALTHCHECK CMD true\n";
    expect(lint(rule, weights)[0]).toContain("copies model weights");
  });

  it("reads the check the final image runs", () => {
    const text =
      "FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime AS base\nHEALTHCHECK CMD true\nFROM base\nHEALTHCHECK --start-period=5m CMD true\n";
    expect(lint(rule, text)).toEqual([]);
    expect(lint(rule, "FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\nHEALTHCHECK NONE\n")).toEqual([]);
  });

  it("offers the configured minimum as an unsafe fix", () => {
    const [short] = lintText(check("--start-period=5s "), [rule]);
    expect(short!.fix).toMatchObject({ safety: "unsafe", edits: [{ text: "60s" }] });
    const [missing] = lintText(check(""), [rule]);
    expect(missing!.fix?.edits[0]?.text).toBe(" --start-period=60s");
  });

  it("accepts the seed's optimized image (60s) and flags a 5s check on a framework base", () => {
    expect(lint(rule, seed("Dockerfile.optimized"))).toEqual([]);
    const seedTorch =
      'FROM pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime\nHEALTHCHECK --interval=30s --timeout=30s --start-period=5s --retries=3 \\\n    CMD curl -f http://localhost:8000/health || exit 1\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n';
    expect(positions(lintText(seedTorch, [rule]))).toEqual(["2:42"]);
  });
});

describe("DF221 no-torch-cuda-mismatch", () => {
  const rule = noTorchCudaMismatch as AnyRule;

  it("reports the first mismatching argument of each install", () => {
    const text =
      "FROM nvidia/cuda:11.8.0-devel-ubuntu22.04\nRUN pip install torch==2.3.1+cu121 torchvision --index-url https://download.pytorch.org/whl/cu121\n";
    const findings = lintText(text, [rule]);
    expect(positions(findings)).toEqual(["2:17"]);
    expect(findings[0]!.message).toContain("CUDA 12.1 on a CUDA 11.8 base");
    expect(findings[0]!.related[0]!.message).toBe("nvidia/cuda:11.8.0-devel-ubuntu22.04 ships CUDA 11.8");
  });

  it("follows stages to their base image and reads nightly and find-links URLs", () => {
    const text =
      "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS base\nFROM base AS build\nRUN pip3 install --pre torch -f https://download.pytorch.org/whl/nightly/cu118/torch_nightly.html\n";
    expect(positions(lintText(text, [rule]))).toEqual(["3:33"]);
  });

  it("ignores minor differences, ROCm and CPU wheels, and unknown bases", () => {
    const ok = [
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch --index-url https://download.pytorch.org/whl/cu124\n",
      "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\nRUN pip install torch --index-url https://download.pytorch.org/whl/rocm6.0\n",
      "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\nRUN pip install torch==2.3.1+cpu\n",
      "FROM nvcr.io/nvidia/pytorch:24.01-py3\nRUN pip install torch==2.3.1+cu118\n",
      "ARG BASE\nFROM ${BASE}\nRUN pip install torch==2.3.1+cu118\n",
    ];
    for (const text of ok) expect(lint(rule, text)).toEqual([]);
  });
});

describe("DF222 no-credential-persisted-in-layer", () => {
  const rule = noCredentialPersistedInLayer as AnyRule;

  it("reports the seed's aws configure inside the secret-mounted RUN", () => {
    const findings = lintText(seed("Dockerfile.secrets"), [rule]);
    expect(positions(findings)).toEqual(["14:5"]);
    expect(findings[0]!.message).toBe(
      "`aws` writes a credential to ~/.aws/credentials, which stays in the image layer",
    );
  });

  it("recognises logins, config setters and copies of the secret", () => {
    const text = [
      "FROM python:3.12-slim",
      'RUN --mount=type=secret,id=gh,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf https://github.com/',
      'RUN --mount=type=secret,id=npm npm config set //registry.npmjs.org/:_authToken "$(cat /run/secrets/npm)"',
      "RUN --mount=type=secret,id=wandb,env=WANDB_API_KEY wandb login",
      "RUN --mount=type=secret,id=hf,env=HF_TOKEN hf auth login --token $HF_TOKEN",
      'RUN --mount=type=secret,id=t,env=TOKEN echo "machine example.com password $TOKEN" >> ~/.netrc',
      "RUN --mount=type=secret,id=env cat /run/secrets/env > /app/.env",
      "RUN --mount=type=secret,id=pip pip3 config set global.index-url https://user:$(cat /run/secrets/pip)@pypi.example.com/simple",
      "",
    ].join("\n");
    expect(positions(lintText(text, [rule]))).toEqual([
      "2:44",
      "3:32",
      "4:52",
      "5:44",
      "6:40",
      "7:32",
      "8:32",
    ]);
  });

  it("accepts a cleanup or logout in the same RUN, builder stages and reading the mount in place", () => {
    const ok = [
      "FROM python:3.12-slim\nRUN --mount=type=secret,id=hf,env=HF_TOKEN huggingface-cli login --token $HF_TOKEN && huggingface-cli download org/m && huggingface-cli logout\n",
      "FROM python:3.12-slim\nRUN --mount=type=secret,id=aws aws configure set aws_secret_access_key $(cat /run/secrets/aws) && aws s3 sync s3://b/m /m && rm -rf ~/.aws\n",
      "FROM python:3.12-slim AS fetch\nRUN --mount=type=secret,id=hf,env=HF_TOKEN huggingface-cli login --token $HF_TOKEN\nFROM python:3.12-slim\nCOPY --from=fetch /models /models\n",
      "FROM python:3.12-slim\nRUN --mount=type=secret,id=netrc,target=/root/.netrc pip install -r requirements.txt\nRUN aws configure set region eu-west-1\n",
    ];
    for (const text of ok) expect(lint(rule, text)).toEqual([]);
  });
});

describe("DF223 no-weights-after-source-copy", () => {
  const rule = noWeightsAfterSourceCopy as AnyRule;

  it("reports the download command inside a multi-line RUN, relating it to the COPY", () => {
    const text =
      "FROM python:3.12-slim\nCOPY src/ /app/src/\nRUN pip install huggingface_hub && \\\n    python -c \"from huggingface_hub import snapshot_download; snapshot_download('org/m')\"\n";
    const findings = lintText(text, [rule]);
    expect(positions(findings)).toEqual(["4:5"]);
    expect(findings[0]!.message).toBe(
      "Model weights are fetched after COPY src/ on line 2: every code change rebuilds this layer and fetches them again",
    );
    expect(positions(findings[0]!.related.map((r) => ({ ...findings[0]!, span: r.span })))).toEqual(["2:1"]);
  });

  it("reports weight COPYs at the source and RUNs after a per-build ARG", () => {
    const text =
      "FROM python:3.12-slim\nARG BUILD_DATE\nCOPY models/ /app/models/\nRUN ollama pull llama3\nADD https://example.com/m/model.safetensors /m/\n";
    expect(positions(lintText(text, [rule]))).toEqual(["4:5", "5:5"]);
  });

  it("accepts weights first, copies from a stage, and model-version ARGs", () => {
    const ok = [
      "FROM python:3.12-slim\nCOPY models/ ./models/\nCOPY src/ ./src/\nCOPY app.py .\n",
      "FROM python:3.12-slim\nCOPY . .\nCOPY --from=weights /models /models\n",
      "FROM python:3.12-slim\nARG MODEL_VERSION\nRUN aws s3 cp s3://my-models/model-${MODEL_VERSION}.pkl ./models/\nCOPY . .\n",
      "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN huggingface-cli download org/m\nCOPY . .\n",
    ];
    for (const text of ok) expect(lint(rule, text)).toEqual([]);
    expect(lint(rule, seed("Dockerfile.optimized"))).toEqual([]);
    expect(lint(rule, seed("Dockerfile.secrets"))).toEqual([]);
  });
});

describe("DF224 no-loopback-server-bind", () => {
  const rule = noLoopbackServerBind as AnyRule;

  it("reports launchers that default to loopback at the command", () => {
    const cases: [string, string][] = [
      ['CMD ["uvicorn", "app:app"]', "2:6"],
      ["CMD python -m flask run --port 5000", "2:5"],
      ["CMD mlflow server --port 5000", "2:5"],
      ['CMD ["gunicorn", "-w", "2", "app:app"]', "2:6"],
      ["CMD ollama serve", "2:5"],
      ['CMD ["sh", "-c", "mlflow ui --port 5000"]', "2:19"],
    ];
    for (const [cmd, at] of cases)
      expect(positions(lintText(`FROM python:3.12-slim\n${cmd}\n`, [rule])), cmd).toEqual([at]);
  });

  it("reports an explicit loopback address at the value", () => {
    const findings = lintText(
      'FROM python:3.12-slim\nCMD ["hypercorn", "-b", "127.0.0.1:8000", "app:app"]\n',
      [rule],
    );
    expect(positions(findings)).toEqual(["2:25"]);
    expect(findings[0]!.message).toContain("listens on 127.0.0.1:8000");
  });

  it("accepts host flags, env settings, config files, images that set the host and proxies", () => {
    const ok = [
      'CMD ["uvicorn", "app:app", "--host=0.0.0.0"]',
      "ENV UVICORN_HOST=0.0.0.0\nCMD uvicorn app:app",
      "ENV PORT=8000\nCMD gunicorn app:app",
      "CMD gunicorn -c /etc/gunicorn.py app:app",
      "COPY . .\nCMD gunicorn app:app",
      'ENTRYPOINT ["mlflow", "models", "serve"]\nCMD ["-m", "/model", "-h", "0.0.0.0"]',
      "CMD streamlit run app.py",
      "CMD nginx && uvicorn app:app",
    ];
    for (const body of ok) expect(lint(rule, `FROM python:3.12-slim\n${body}\n`), body).toEqual([]);
    expect(lint(rule, 'FROM ollama/ollama:0.3.12\nENTRYPOINT ["ollama", "serve"]\n')).toEqual([]);
    expect(lint(rule, seed("Dockerfile.optimized"))).toEqual([]);
  });
});

describe("DF225 no-nvidia-driver-in-image", () => {
  const rule = noNvidiaDriverInImage as AnyRule;

  it("reports driver packages and CUDA meta-packages at the package word", () => {
    const text =
      "FROM ubuntu:22.04\nRUN apt-get install -y \\\n    cuda-drivers=550.54.15-1 \\\n    cuda-runtime-12-4\nRUN dnf install -y nvidia-driver:latest-dkms\n";
    expect(positions(lintText(text, [rule]))).toEqual(["3:5", "4:5", "5:20"]);
  });

  it("ignores the toolkit, pip packages and builder stages", () => {
    const ok = [
      "FROM ubuntu:22.04\nRUN apt-get install -y nvidia-container-toolkit libnvidia-container1 cuda-toolkit-12-4 cuda-compat-12-4\n",
      "FROM python:3.12-slim\nRUN pip install nvidia-cudnn-cu12 cuda-python\n",
      "FROM ubuntu:22.04 AS build\nRUN apt-get install -y cuda\nFROM ubuntu:22.04\nCOPY --from=build /out /out\n",
    ];
    for (const text of ok) expect(lint(rule, text)).toEqual([]);
  });
});

describe("DF226 prefer-opencv-headless", () => {
  const rule = preferOpencvHeadless as AnyRule;

  it("reports the GUI build at the package word with an unsafe rename", () => {
    const findings = lintText(
      "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip3 install opencv-contrib-python>=4.8\n",
      [rule],
    );
    expect(positions(findings)).toEqual(["2:18"]);
    expect(findings[0]!.fix).toMatchObject({
      safety: "unsafe",
      edits: [{ text: "opencv-contrib-python-headless" }],
    });
  });

  it("accepts OpenGL installed by any package manager, a headless pin, and a quoted spec without a fix", () => {
    const ok = [
      "FROM python:3.12-alpine\nRUN apk add --no-cache mesa-gl\nRUN pip install opencv-python\n",
      "FROM rockylinux:9\nRUN dnf install -y mesa-libGL && pip3 install opencv-python\n",
      "FROM python:3.12-slim\nRUN pip install opencv-python opencv-python-headless\n",
    ];
    for (const text of ok) expect(lint(rule, text)).toEqual([]);
    const [quoted] = lintText("FROM python:3.12-slim\nRUN pip install 'opencv-python<5'\n", [rule]);
    expect(quoted!.fix).toBeUndefined();
  });
});

describe("DF227 no-ml-framework-on-alpine", () => {
  const rule = noMlFrameworkOnAlpine as AnyRule;

  it("reports glibc-only frameworks in stages built on Alpine, through stage chains", () => {
    const text =
      "FROM python:3.12-alpine AS base\nFROM base\nRUN pip install numpy onnxruntime==1.18.0 && uv pip install --system jaxlib\n";
    expect(positions(lintText(text, [rule]))).toEqual(["3:23", "3:70"]);
  });

  it("ignores musl-friendly packages and other bases", () => {
    expect(lint(rule, "FROM alpine:3.20\nRUN pip install numpy pandas scikit-learn\n")).toEqual([]);
    expect(lint(rule, "FROM python:3.12-slim-bookworm\nRUN pip install torch\n")).toEqual([]);
  });
});

describe("the seed project", () => {
  const mine = [
    requireHealthcheckStartPeriod,
    noTorchCudaMismatch,
    noCredentialPersistedInLayer,
    noWeightsAfterSourceCopy,
    noLoopbackServerBind,
    noNvidiaDriverInImage,
    preferOpencvHeadless,
    noMlFrameworkOnAlpine,
  ] as AnyRule[];
  const codes = (name: string) =>
    lintText(seed(name), mine).map((f) => `${f.rule.code} ${positions([f])[0]}`);

  it("finds the persisted AWS credential and nothing the Dockerfiles cannot show", () => {
    expect(codes("Dockerfile.secrets")).toEqual(["DF222 14:5"]);
    for (const name of [
      "Dockerfile",
      "Dockerfile.gpu",
      "Dockerfile.multistage",
      "Dockerfile.optimized",
      "Dockerfile.torch-cpu",
    ])
      expect(codes(name), name).toEqual([]);
  });
});
