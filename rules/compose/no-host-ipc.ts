import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import type { ComposeFile, ComposeService } from "../../src/model/compose.js";
import { mapEntry, pairSpan } from "../../src/parse/yaml.js";
import { defineRule, type Fix } from "../../src/rule.js";

/** Replaces `ipc: host` with a larger /dev/shm, unless the service already sizes it. */
function shmFix(model: ComposeFile, service: ComposeService): Fix | undefined {
  const entry = model.document && mapEntry(model.document, service.node, "ipc");
  if (!entry || service.shmSize) return undefined;
  return {
    title: "Replace `ipc: host` with `shm_size: 8gb`",
    safety: "unsafe",
    edits: [{ span: pairSpan(entry.pair), text: "shm_size: 8gb" }],
  };
}

export default defineRule({
  code: "DC045",
  name: "no-host-ipc",
  target: "compose",
  category: "security",
  severity: "warning",
  tags: ["ml", "gpu"],
  aliases: ["kics:baa3890f-bed7-46f5-ab8f-1da8fc91c729"],
  fixable: true,
  docs: {
    summary: "Prefer `shm_size` over `ipc: host` to give a model server shared memory.",
    why: "ML docs say `--ipc=host` because Docker's 64 MB `/dev/shm` breaks PyTorch DataLoader workers and NCCL (`Bus error`, `unable to write to file </torch_...>`). But `ipc: host` shares the host's IPC namespace: the container reads and writes every host process's shared memory segments, semaphores and message queues, and whatever it leaves there outlives it. A bigger private `/dev/shm` (`shm_size: 8gb`) fixes the crash without that; keep `ipc: host` only when NCCL or CUDA IPC must cross containers, and then prefer `ipc: shareable` with `ipc: \"service:<name>\"`.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  vllm:\n    image: vllm/vllm-openai:v0.6.3\n    gpus: all\n    ipc: host\n",
      },
      {
        kind: "valid",
        files: "services:\n  vllm:\n    image: vllm/vllm-openai:v0.6.3\n    gpus: all\n    shm_size: 8gb\n",
      },
    ],
    fix: "Replace `ipc: host` with `shm_size: 8gb` (size it to the DataLoader workers and tensor-parallel degree). The unsafe autofix does that when the service sets no `shm_size`; processes that really share memory across containers would stop seeing each other.",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      const ipc = service.ipc;
      if (ipc?.value !== "host") continue;
      once({
        message:
          "`ipc: host` shares the host's shared memory, semaphores and message queues with the container; prefer `shm_size: 8gb` for /dev/shm, unless NCCL or CUDA IPC must cross containers",
        at: ipc.span,
        fix: shmFix(model, service),
      });
    }
  },
});
