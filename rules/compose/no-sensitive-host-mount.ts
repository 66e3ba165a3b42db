import { bindSource, mountSourceSpan, oncePerSpan } from "../../src/knowledge/compose-security.js";
import { sensitiveHostPath } from "../../src/knowledge/host-access.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC043",
  name: "no-sensitive-host-mount",
  target: "compose",
  category: "security",
  severity: "warning",
  aliases: ["kics:1c1325ff-831d-43a1-973e-839ae57dfcc0"],
  docs: {
    summary: "Services must not bind-mount the host's system directories or credential stores.",
    why: "A bind mount of `/`, `/etc`, `/root`, `/proc`, `/sys`, `/dev`, `/var/lib/docker` or `~/.ssh` hands the host's secrets (password hashes, SSH and cloud keys, every container's files) to whatever runs in the container, and a writable one lets it change the host: add a cron job, a systemd unit, an authorized key. Single device files (`/dev/nvidia0`, `/dev/infiniband`) and narrow files such as `/etc/localtime` are not reported; for GPUs, use a device request rather than mounting `/dev`. Monitoring agents (node-exporter, cAdvisor) do read `/proc`, `/sys` and `/` read-only by design: suppress with a reason there.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  trainer:\n    image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n    volumes:\n      - /dev:/dev\n      - ./data:/data\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  trainer:\n    image: ghcr.io/acme/trainer:1.0\n    volumes:\n      - ~/.aws:/root/.aws\n      - /etc:/host/etc:ro\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "services:\n  trainer:\n    image: ghcr.io/acme/trainer:1.0\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ~/.cache/huggingface:/root/.cache/huggingface\n      - /dev/shm:/dev/shm\n",
      },
    ],
    fix: "Mount only the directory the service needs (the model directory, a data directory), read-only when it only reads; pass credentials as Compose `secrets:` instead of mounting `~/.aws` or `~/.ssh`; request GPUs with `gpus:` and map single devices with `devices:`.",
  },
  check({ model, file, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const mount of service.volumes) {
        const source = bindSource(mount);
        const what = source && sensitiveHostPath(source);
        if (!what) continue;
        const access = mount.readOnly ? "read-only" : "writable";
        once({
          message: `\`${source}\` shares ${what} with the container (${access})`,
          at: mountSourceSpan(file, mount),
        });
      }
    }
  },
});
