import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import type { ComposeService, Value } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

/** What sharing each host namespace gives the container. */
const namespaces: { key: string; setting: (service: ComposeService) => Value | undefined; what: string }[] = [
  {
    key: "network_mode",
    setting: (service) => service.networkMode,
    what: "every port it opens is on the host's interfaces, it reaches services bound to the host's 127.0.0.1, and `ports:` no longer applies",
  },
  {
    key: "pid",
    setting: (service) => service.pid,
    what: "it sees every host process and, as root, can signal or trace them",
  },
  {
    key: "userns_mode",
    setting: (service) => service.usernsMode,
    what: "user-namespace remapping is off, so root in the container is root on the host",
  },
];

export default defineRule({
  code: "DC044",
  name: "no-host-namespace",
  target: "compose",
  category: "security",
  severity: "warning",
  aliases: [
    "kics:071a71ff-f868-47a4-ac0b-3c59e4ab5443",
    "kics:4f31dd9f-2cc3-4751-9b53-67e4af83dac0",
    "kics:8af7162d-6c98-482f-868e-0d33fb675ca8",
  ],
  docs: {
    summary: "Services must not share the host's network, PID or user namespace.",
    why: "`network_mode: host` puts the container on the host's network stack: everything it listens on (a Jupyter kernel, a debug port, the Ray dashboard) is on the host's public interfaces with no `ports:` to review, and it can reach services the host binds to 127.0.0.1. `pid: host` lets it see and, as root, signal or ptrace every host process; `userns_mode: host` turns off user-namespace remapping. Multi-node NCCL jobs sometimes use the host network for speed; give them a dedicated network interface or a macvlan network instead, or suppress with a reason.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  ray-head:\n    image: rayproject/ray:2.37.0-gpu\n    network_mode: host\n",
      },
      {
        kind: "invalid",
        files: "services:\n  profiler:\n    image: ghcr.io/acme/profiler:1.0\n    pid: host\n",
      },
      {
        kind: "valid",
        files:
          'services:\n  ray-head:\n    image: rayproject/ray:2.37.0-gpu\n    ports:\n      - "127.0.0.1:8265:8265"\n    pid: "service:worker"\n  worker:\n    image: rayproject/ray:2.37.0-gpu\n',
      },
    ],
    fix: 'Remove the setting; publish the ports the service needs with `ports:` (bound to 127.0.0.1 when only the host needs them), and share a namespace with one service (`pid: "service:worker"`) rather than with the host.',
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const { key, setting, what } of namespaces) {
        const value = setting(service);
        if (value?.value !== "host") continue;
        once({ message: `\`${key}: host\` shares the host's namespace: ${what}`, at: value.span });
      }
    }
  },
});
