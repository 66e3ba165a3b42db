import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC040",
  name: "no-privileged-container",
  target: "compose",
  category: "security",
  severity: "error",
  tags: ["gpu"],
  aliases: ["kics:ae5b6871-7f45-42e0-bb4c-ab300c4d2026"],
  docs: {
    summary: "Services must not run with `privileged: true`.",
    why: "A privileged container gets every capability, every host device and no seccomp or AppArmor confinement: root in it is root on the host, so one bug in the model server or a malicious pickle in a downloaded checkpoint takes the whole machine. It is often added to make GPUs appear; that is what a device request (`gpus: all`, or `deploy.resources.reservations.devices`) is for, and it exposes only the GPUs.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  trainer:\n    image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n    privileged: true\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  trainer:\n    image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n    gpus: all\n    privileged: false\n",
      },
    ],
    fix: "Remove `privileged: true`; request GPUs with `gpus: all` (or a device reservation), map single devices with `devices:`, and add only the capability a tool really needs with `cap_add:`.",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      const privileged = service.privileged;
      if (privileged?.value.toLowerCase() !== "true") continue;
      once({
        message: `\`privileged: true\` gives the container every capability and every host device; root in \`${service.name}\` is root on the host`,
        at: privileged.span,
      });
    }
  },
});
