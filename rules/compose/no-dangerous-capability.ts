import { oncePerSpan, usesRdma } from "../../src/knowledge/compose-security.js";
import { serviceImage } from "../../src/knowledge/compose-services.js";
import { canonicalCapability, dangerousCapability } from "../../src/knowledge/host-access.js";
import type { ComposeService } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

/** Capabilities a service legitimately needs: IPC_LOCK for RDMA, SYS_ADMIN for DCGM's profiling metrics. */
function isNeeded(service: ComposeService, capability: string): boolean {
  if (capability === "IPC_LOCK") return usesRdma(service);
  const image = serviceImage(service)?.repository ?? "";
  return capability === "SYS_ADMIN" && /(^|\/)dcgm-exporter$/.test(image);
}

export default defineRule({
  code: "DC041",
  name: "no-dangerous-capability",
  target: "compose",
  category: "security",
  severity: "warning",
  tags: ["gpu"],
  aliases: ["kics:ce76b7d0-9e77-464d-b86f-c5c48e03e22d"],
  docs: {
    summary:
      "`cap_add` must not grant capabilities that control the host (ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE...).",
    why: "Docker drops these capabilities by default because each one is a way out of the container: SYS_ADMIN mounts filesystems and escapes through cgroups, SYS_MODULE loads kernel modules, SYS_PTRACE reads other processes' memory, DAC_READ_SEARCH reads any host file, NET_ADMIN rewrites the host's firewall when the network is shared, and ALL is all of them. A model server needs none of them. Two ML cases are exempt: IPC_LOCK when the service uses RDMA (`/dev/infiniband`, `NCCL_IB_*`/`UCX_*` settings), which must lock the memory it registers, and SYS_ADMIN for NVIDIA's dcgm-exporter, whose profiling metrics need it.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  trainer:\n    image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n    cap_add:\n      - SYS_ADMIN\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  trainer:\n    image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n    cap_add: [IPC_LOCK]\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  trainer:\n    image: nvcr.io/nvidia/pytorch:24.08-py3\n    cap_add: [IPC_LOCK]\n    devices:\n      - /dev/infiniband:/dev/infiniband\n    environment:\n      NCCL_IB_HCA: mlx5\n    ulimits:\n      memlock: -1\n",
      },
    ],
    fix: "Remove the capability, or replace it with the narrow one the tool documents; keep IPC_LOCK only for RDMA. Consider `cap_drop: [ALL]` and adding back what the process needs.",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const value of service.capAdd) {
        const capability = canonicalCapability(value.value);
        const risk = dangerousCapability(capability);
        if (!risk || isNeeded(service, capability)) continue;
        once({ message: `\`cap_add: ${capability}\` grants ${risk}`, at: value.span });
      }
    }
  },
});
