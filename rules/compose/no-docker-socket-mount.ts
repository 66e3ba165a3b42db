import { bindSource, mountSourceSpan, oncePerSpan } from "../../src/knowledge/compose-security.js";
import { runtimeSocketOf } from "../../src/knowledge/host-access.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC042",
  name: "no-docker-socket-mount",
  target: "compose",
  category: "security",
  severity: "error",
  aliases: ["kics:d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b"],
  docs: {
    summary: "Services must not mount the Docker (or containerd, Podman, CRI-O) socket.",
    why: 'Whoever can talk to `/var/run/docker.sock` can start a privileged container that mounts the host\'s root filesystem: the socket is root on the host. `:ro` does not help, because read-only only stops the socket file from being replaced, not API calls through it. An ML service that "needs" it usually wants to start workers or read container stats; a compromised dependency or notebook in that service then owns the machine.',
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  orchestrator:\n    image: ghcr.io/acme/job-runner:1.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  orchestrator:\n    image: ghcr.io/acme/job-runner:1.2\n    volumes:\n      - type: bind\n        source: /run/containerd/containerd.sock\n        target: /run/containerd/containerd.sock\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  orchestrator:\n    image: ghcr.io/acme/job-runner:1.2\n    volumes:\n      - ./jobs:/app/jobs:ro\n",
      },
    ],
    fix: "Remove the mount. If the service must query Docker, put a filtering proxy in between (e.g. docker-socket-proxy allowing only the read endpoints it needs) and keep the proxy on an internal network; suppress with a reason for tools whose job is to manage containers.",
  },
  check({ model, file, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const mount of service.volumes) {
        const source = bindSource(mount);
        const runtime = source && runtimeSocketOf(source);
        if (!runtime) continue;
        once({
          message: `\`${source}\` is the ${runtime} API socket: whoever reaches it in the container is root on the host (\`:ro\` does not stop API calls)`,
          at: mountSourceSpan(file, mount),
        });
      }
    }
  },
});
