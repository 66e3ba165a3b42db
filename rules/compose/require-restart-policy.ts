import { longRunningServices } from "../../src/knowledge/compose-services.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC074",
  name: "require-restart-policy",
  target: "compose",
  category: "reliability",
  severity: "info",
  docs: {
    summary: "A long-running service should say how it restarts (`restart:` or `deploy.restart_policy`).",
    why: 'Compose\'s default is `restart: "no"`: a model server killed by the OOM killer, a CUDA error or a host reboot stays down until someone runs `docker compose up` again. A service that publishes a port or runs a known server should choose `unless-stopped`, `always` or `on-failure[:N]`. One-shot jobs (`restart: "no"` written out, tool profiles, services others wait to complete) are skipped. A base file is judged with the override file `docker compose` merges onto it (`compose.override.yaml`), and override files are left to their base.',
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    ports:\n      - "127.0.0.1:8000:8000"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    ports:\n      - "127.0.0.1:8000:8000"\n    restart: unless-stopped\n  train:\n    image: ghcr.io/acme/train:1.4\n    command: ["python", "train.py"]\n',
      },
    ],
    fix: "Add `restart: unless-stopped` (or `deploy.restart_policy` for Swarm); prefer `on-failure:5` to stop a crash loop that would reload the model forever.",
  },
  check({ model, report }) {
    for (const { service, evidence } of longRunningServices(model)) {
      if (service.restart || service.restartPolicy) continue;
      report({
        message: `Service \`${service.name}\` ${evidence} but has no restart policy: it stays down after a crash, an OOM kill or a reboot`,
        at: service.nameSpan,
      });
    }
  },
});
