import { describe, expect, it } from "vitest";
import noCudaVisibleDevicesBeyondGranted from "../../rules/compose/no-cuda-visible-devices-beyond-granted.js";
import noDebuggerWaitForClient from "../../rules/compose/no-debugger-wait-for-client.js";
import noDevSettingsInProduction from "../../rules/compose/no-dev-settings-in-production.js";
import noFlagAndValueInOneListItem from "../../rules/compose/no-flag-and-value-in-one-list-item.js";
import noInvalidGpuDeviceRequest from "../../rules/compose/no-invalid-gpu-device-request.js";
import noParallelismBeyondGrantedGpus from "../../rules/compose/no-parallelism-beyond-granted-gpus.js";
import noPublishedDebuggerPort from "../../rules/compose/no-published-debugger-port.js";
import noRepeatedImageEntrypoint from "../../rules/compose/no-repeated-image-entrypoint.js";
import requireComputeDriverCapability from "../../rules/compose/require-compute-driver-capability.js";
import requireGpuRequest from "../../rules/compose/require-gpu-request.js";
import requireModelCacheVolume from "../../rules/compose/require-model-cache-volume.js";
import requireModelLoadStartPeriod from "../../rules/compose/require-model-load-start-period.js";
import requireReadOnlyModelMount from "../../rules/compose/require-read-only-model-mount.js";
import requireShmForMultiGpu from "../../rules/compose/require-shm-for-multi-gpu.js";
import requireShmSizeForMlService from "../../rules/compose/require-shm-size-for-ml-service.js";
import requireThreadCapsWithCpuLimit from "../../rules/compose/require-thread-caps-with-cpu-limit.js";
import requireVisibleDevicesWithNvidiaRuntime from "../../rules/compose/require-visible-devices-with-nvidia-runtime.js";
import type { AnyRule } from "../../src/rule.js";
import { seedFile } from "../fixtures.js";
import { lintText, positions } from "../harness.js";

const mlRules = [
  requireGpuRequest,
  noInvalidGpuDeviceRequest,
  requireVisibleDevicesWithNvidiaRuntime,
  requireComputeDriverCapability,
  noParallelismBeyondGrantedGpus,
  noCudaVisibleDevicesBeyondGranted,
  requireShmForMultiGpu,
  requireShmSizeForMlService,
  requireModelLoadStartPeriod,
  requireReadOnlyModelMount,
  requireModelCacheVolume,
  requireThreadCapsWithCpuLimit,
  noDevSettingsInProduction,
  noDebuggerWaitForClient,
  noPublishedDebuggerPort,
  noRepeatedImageEntrypoint,
  noFlagAndValueInOneListItem,
] as AnyRule[];

/** `CODE line:column` of every finding of the ML compose rules. */
const found = (text: string, path?: string) =>
  lintText(text, mlRules, { path }).map((f) => `${f.rule.code} ${positions([f])[0]}`);
const at = (text: string, rule: AnyRule, ruleOptions?: Record<string, unknown>) =>
  positions(lintText(text, [rule], { ruleOptions }));

// A production vLLM service written the way the vLLM docs suggest: no finding.
const goodVllm = `services:
  llm:
    image: vllm/vllm-openai:v0.8.5
    command: ["--model", "meta-llama/Llama-3.1-70B-Instruct", "--tensor-parallel-size", "2"]
    shm_size: 16g
    environment:
      HF_TOKEN: \${HF_TOKEN}
    volumes:
      - hf_cache:/root/.cache/huggingface
    ports:
      - "127.0.0.1:8000:8000"
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: 2
              capabilities: [gpu]
    healthcheck:
      test: ["CMD", "python3", "-c", "import urllib.request as u; u.urlopen('http://localhost:8000/v1/models')"]
      start_period: 15m
      start_interval: 10s
volumes:
  hf_cache:
`;

// The same service as it is often first written.
const badVllm = `services:
  llm:
    image: vllm/vllm-openai:v0.8.5
    command:
      - vllm
      - serve
      - meta-llama/Llama-3.1-70B-Instruct
      - --tensor-parallel-size 4
      - --tensor-parallel-size
      - "4"
    environment:
      CUDA_VISIBLE_DEVICES: "1"
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              device_ids: ["1"]
              capabilities: [gpu]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
      start_period: 30s
  api:
    image: ghcr.io/acme/chat-api:2.1
    depends_on:
      llm:
        condition: service_healthy
`;

describe("ML compose rules on realistic services", () => {
  it("leave a well-configured vLLM service alone", () => {
    expect(found(goodVllm)).toEqual([]);
  });

  it("report every mistake of a first-draft vLLM service at its own position", () => {
    expect(found(badVllm).sort()).toEqual(
      [
        "DC104 10:9", // --tensor-parallel-size "4" on one GPU (the value)
        "DC105 12:29", // CUDA_VISIBLE_DEVICES "1" with one GPU granted
        "DC106 2:3", // 4 ranks, /dev/shm at 64 MB
        "DC108 22:21", // start_period 30s
        "DC110 7:9", // Hub id, no cache volume
        "DC115 5:9", // `vllm serve` repeated
        "DC116 8:9", // flag and value in one item
      ].sort(),
    );
  });

  it("point the start-period finding at the services that wait for it", () => {
    const [finding] = lintText(badVllm, [requireModelLoadStartPeriod]);
    expect(finding?.message).toContain("service_healthy");
    expect(finding?.related.map((r) => r.message)).toEqual(["`api` waits for `llm` to be healthy"]);
  });

  it("check TGI: sharding over the granted GPUs, MODEL_ID without /data, limits instead of reservations", () => {
    const tgi = `services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    environment:
      MODEL_ID: mistralai/Mixtral-8x7B-Instruct-v0.1
    deploy:
      resources:
        limits:
          devices:
            - driver: nvidia
              count: 2
              capabilities: [gpu]
`;
    expect(found(tgi)).toEqual(["DC100 3:12", "DC110 5:17"]);
    const sharded = tgi.replace("limits:", "reservations:");
    expect(found(sharded)).toEqual(["DC106 2:3", "DC110 5:17"]);
    expect(
      found(
        `${sharded.replace("    environment:", "    shm_size: 1g\n    volumes:\n      - ./data:/data\n    environment:")}`,
      ),
    ).toEqual([]);
  });

  it("check Ollama: a pull at start needs a long start period and a volume", () => {
    const ollama = `services:
  ollama:
    image: ollama/ollama:0.3.12
    entrypoint: ["/bin/sh", "-c"]
    command: ["ollama serve & sleep 5 && ollama pull llama3.1:8b && wait"]
    healthcheck:
      test: ["CMD", "ollama", "list"]
      start_period: 60s
`;
    expect(found(ollama)).toEqual(["DC108 8:21", "DC110 5:42"]);
    const kept = ollama.replace(
      "    healthcheck:",
      "    volumes:\n      - ollama:/root/.ollama\n    healthcheck:",
    );
    expect(at(kept, requireModelCacheVolume)).toEqual([]);
    const plain =
      'services:\n  ollama:\n    image: ollama/ollama:0.3.12\n    healthcheck:\n      test: ["CMD", "ollama", "list"]\n';
    expect(at(plain, requireModelLoadStartPeriod)).toEqual([]);
  });

  it("check Triton: shm for the Python backend, read-only model repository, no start period", () => {
    const triton = `services:
  triton:
    image: nvcr.io/nvidia/tritonserver:24.08-py3
    command: tritonserver --model-repository=/models
    volumes:
      - ./model_repository:/models
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/v2/health/ready"]
`;
    expect(found(triton)).toEqual(["DC107 2:3", "DC108 7:5", "DC109 6:9"]);
    // Triton also serves on the CPU: its plain build needs no GPU request.
    expect(at(triton, requireGpuRequest)).toEqual([]);
    expect(at(triton.replace("24.08-py3", "24.08-trtllm-python-py3"), requireGpuRequest)).toEqual(["3:12"]);
  });

  it("check Ray: the object store needs shm; a tmpfs on /dev/shm or ipc: host counts", () => {
    const ray = `services:
  head:
    image: rayproject/ray:2.9.0-gpu
    command: ray start --head --dashboard-host 127.0.0.1 --block
    gpus: all
`;
    expect(found(ray)).toEqual(["DC107 2:3"]);
    expect(
      at(
        ray.replace("    gpus: all", "    gpus: all\n    tmpfs:\n      - /dev/shm:size=8g"),
        requireShmSizeForMlService,
      ),
    ).toEqual([]);
    expect(at(`${ray}    ipc: host\n`, requireShmSizeForMlService)).toEqual([]);
    expect(at(`${ray}    shm_size: 512m\n`, requireShmSizeForMlService)).toEqual(["6:15"]);
  });

  it("say that build.shm_size does not reach the running container", () => {
    const text =
      "services:\n  train:\n    build:\n      context: .\n      shm_size: 8g\n    command: torchrun --nproc_per_node 2 train.py\n    gpus: all\n";
    const [finding] = lintText(text, [requireShmForMultiGpu]);
    expect(positions([finding!])).toEqual(["5:17"]);
    expect(finding!.message).toContain("build only");
  });

  it("count GPUs from every form of request", () => {
    const tp = (grant: string) =>
      `services:\n  llm:\n    image: lmsysorg/sglang:v0.4.0\n    command: python3 -m sglang.launch_server --model-path /models/qwen --tp 2\n    shm_size: 8g\n${grant}`;
    expect(
      at(tp("    gpus:\n      - driver: nvidia\n        count: 1\n"), noParallelismBeyondGrantedGpus),
    ).toEqual(["4:77"]);
    expect(
      at(
        tp('    runtime: nvidia\n    environment:\n      NVIDIA_VISIBLE_DEVICES: "0"\n'),
        noParallelismBeyondGrantedGpus,
      ),
    ).toEqual(["4:77"]);
    expect(at(tp("    devices:\n      - nvidia.com/gpu=0\n"), noParallelismBeyondGrantedGpus)).toEqual([
      "4:77",
    ]);
    expect(at(tp("    gpus: all\n"), noParallelismBeyondGrantedGpus)).toEqual([]);
    expect(at(tp("    devices:\n      - nvidia.com/gpu=all\n"), noParallelismBeyondGrantedGpus)).toEqual([]);
    // A Ray executor spreads the ranks over several nodes.
    const multiNode = tp("    gpus:\n      - count: 1\n").replace("--tp 2", "--tp 2 --nnodes 2");
    expect(at(multiNode, noParallelismBeyondGrantedGpus)).toEqual([]);
  });

  it("read parallel flags in every spelling", () => {
    const vllm = (args: string) =>
      `services:\n  llm:\n    image: vllm/vllm-openai:v0.8.5\n    command: ${args}\n    gpus:\n      - count: 2\n`;
    expect(at(vllm("Qwen/Qwen2.5-72B -tp 2 -pp 2"), noParallelismBeyondGrantedGpus)).toEqual(["4:35"]);
    expect(
      at(
        vllm("Qwen/Qwen2.5-72B --tensor-parallel-size=2 --pipeline-parallel-size=2"),
        noParallelismBeyondGrantedGpus,
      ),
    ).toEqual(["4:54"]);
    expect(at(vllm("Qwen/Qwen2.5-72B -tp 2"), noParallelismBeyondGrantedGpus)).toEqual([]);
    expect(at(vllm("Qwen/Qwen2.5-72B -tp ${TP}"), noParallelismBeyondGrantedGpus)).toEqual([]);
    expect(
      at(vllm("Qwen/Qwen2.5-72B -tp 4 --distributed-executor-backend ray"), noParallelismBeyondGrantedGpus),
    ).toEqual([]);
  });

  it("keep CPU services out of the GPU rules", () => {
    const cpu = `services:
  vllm-cpu:
    image: vllm/vllm-openai:v0.8.5-cpu
  embed:
    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:latest-intel-cpu
  torch:
    image: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
    command: python infer.py --device cpu
  hidden:
    image: nvidia/cuda:12.4.1-runtime-ubuntu22.04
    environment:
      NVIDIA_VISIBLE_DEVICES: none
`;
    expect(at(cpu, requireGpuRequest)).toEqual([]);
  });

  it("flag malformed device requests that the schema accepts", () => {
    const text = `services:
  llm:
    image: vllm/vllm-openai:v0.8.5
    gpus:
      - count: 0
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: all
              device_ids: ["0"]
              capabilities: [gpu]
`;
    expect(at(text, noInvalidGpuDeviceRequest)).toEqual(["5:16", "13:22"]);
  });

  it("require compute among the driver capabilities of ML services only", () => {
    const text = `services:
  llm:
    image: vllm/vllm-openai:v0.8.5
    gpus: all
    environment:
      - NVIDIA_DRIVER_CAPABILITIES=graphics,utility
  llm2:
    image: vllm/vllm-openai:v0.8.5
    gpus: all
    environment:
      - NVIDIA_DRIVER_CAPABILITIES=all
  media:
    image: linuxserver/jellyfin:10.9.7
    runtime: nvidia
    environment:
      - NVIDIA_DRIVER_CAPABILITIES=video,utility
`;
    expect(at(text, requireComputeDriverCapability)).toEqual(["6:36"]);
  });

  it("want NVIDIA_VISIBLE_DEVICES with runtime: nvidia only on images that do not set it", () => {
    const text = `services:
  a:
    image: python:3.12-slim
    runtime: nvidia
  b:
    image: nvidia/cuda:12.4.1-runtime-ubuntu22.04
    runtime: nvidia
  c:
    build: .
    image: ghcr.io/acme/trainer:1.0
    runtime: nvidia
`;
    expect(at(text, requireVisibleDevicesWithNvidiaRuntime)).toEqual(["4:14"]);
  });

  it("leave HF caches and local model paths writable and undownloaded", () => {
    const text = `services:
  llm:
    image: vllm/vllm-openai:v0.8.5
    command: --model /models/llama --download-dir /models
    volumes:
      - ./models:/models
  tei:
    image: ghcr.io/huggingface/text-embeddings-inference:1.5
    command: --model-id BAAI/bge-large-en-v1.5
    volumes:
      - ./data:/data
  offline:
    image: vllm/vllm-openai:v0.8.5
    command: --model Qwen/Qwen2.5-7B-Instruct
    environment:
      HF_HUB_OFFLINE: "1"
  custom-home:
    image: vllm/vllm-openai:v0.8.5
    command: --model Qwen/Qwen2.5-7B-Instruct
    environment:
      HF_HOME: /cache
    volumes:
      - cache:/cache
volumes:
  cache:
`;
    expect(at(text, requireReadOnlyModelMount)).toEqual([]);
    expect(at(text, requireModelCacheVolume)).toEqual([]);
  });

  it("ignore --model on services that are not model servers (API gateways name provider models)", () => {
    const text =
      "services:\n  proxy:\n    image: ghcr.io/berriai/litellm:main-v1.50.0\n    command: --model openai/gpt-4o\n";
    expect(at(text, requireModelCacheVolume)).toEqual([]);
  });

  it("fix a read-write model mount inside its quotes", () => {
    const text =
      'services:\n  tf:\n    image: tensorflow/serving:2.16.1\n    volumes:\n      - "./models:/models"\n';
    const [finding] = lintText(text, [requireReadOnlyModelMount]);
    expect(positions([finding!])).toEqual(["5:9"]);
    expect(finding!.fix?.edits).toEqual([{ span: { start: 91, end: 91 }, text: ":ro" }]);
  });

  it("cap threads under a CPU limit, but not for GPU-bound servers or Ollama", () => {
    const text = `services:
  embed:
    image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.5
    cpus: 2
  llm:
    image: vllm/vllm-openai:v0.8.5
    gpus: all
    cpus: 8
  ollama:
    image: ollama/ollama:0.3.12
    cpus: 4
  over:
    image: pytorch/torchserve:0.12.0-cpu
    cpus: 1.5
    environment:
      OMP_NUM_THREADS: "8"
`;
    expect(at(text, requireThreadCapsWithCpuLimit)).toEqual(["4:11", "16:24"]);
  });
});

describe("development settings", () => {
  const seedDev = seedFile("docker-compose.dev.yml");

  it("accept the seed's dev file as a dev file, except for the debugger that waits", () => {
    expect(found(seedDev, "docker-compose.dev.yml")).toEqual(["DC113 17:70"]);
  });

  it("report the same settings in a production file", () => {
    expect(found(seedDev, "docker-compose.yml")).toEqual(["DC112 13:9", "DC112 10:9", "DC113 17:70"]);
  });

  it("recognise development files by name", () => {
    const text = "services:\n  api:\n    image: ghcr.io/acme/api:1\n    environment:\n      FLASK_DEBUG: 1\n";
    for (const path of [
      "compose.override.yaml",
      "docker-compose.local.yml",
      "dev.compose.yaml",
      "compose-debug.yml",
    ])
      expect(at2(text, path)).toEqual([]);
    for (const path of ["compose.yaml", "docker-compose.prod.yml", "docker-compose.devices.yml"])
      expect(at2(text, path)).toEqual(["5:7"]);
  });

  it("report a debugger published on every interface, not one on loopback", () => {
    const text = (port: string) =>
      `services:\n  api:\n    build: .\n    command: python -m debugpy --listen 0.0.0.0:5678 -m uvicorn app:app --host 0.0.0.0\n    ports:\n      - "${port}"\n`;
    expect(at(text("5678:5678"), noPublishedDebuggerPort)).toEqual(["4:41"]);
    expect(at(text("127.0.0.1:5678:5678"), noPublishedDebuggerPort)).toEqual([]);
  });

  it("report uvicorn --reload in a production file", () => {
    const text = "services:\n  api:\n    build: .\n    command: uvicorn app:app --host 0.0.0.0 --reload\n";
    expect(at(text, noDevSettingsInProduction)).toEqual(["4:45"]);
  });
});

describe("the seed project's compose file", () => {
  it("raises no ML compose finding: its model mount is read-only and it names no GPU image", () => {
    expect(found(seedFile("docker-compose.yml"), "docker-compose.yml")).toEqual([]);
  });
});

const at2 = (text: string, path: string) => positions(lintText(text, [noDevSettingsInProduction], { path }));

describe("no double reports with the schema rule", () => {
  it("leaves `gpus: two` to DC001", () => {
    expect(
      at("services:\n  llm:\n    image: vllm/vllm-openai:v0.8.5\n    gpus: two\n", noInvalidGpuDeviceRequest),
    ).toEqual([]);
  });
});
