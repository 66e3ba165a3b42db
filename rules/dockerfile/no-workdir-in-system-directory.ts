import { defineRule } from "../../src/rule.js";

// Kernel and boot filesystems the runtime mounts over, so files put there at build time disappear.
const systemDirectory = /^\/(proc|sys|dev|boot|initrd|lost\+found)(\/|$)/;

export default defineRule({
  code: "DF064",
  name: "no-workdir-in-system-directory",
  target: "dockerfile",
  category: "reliability",
  severity: "error",
  aliases: ["trivy:DS-0030"],
  docs: {
    summary: "WORKDIR must not be inside /proc, /sys, /dev, /boot and other system directories.",
    why: "At run time the container engine mounts procfs, sysfs and a fresh /dev over these paths: whatever the build put there (code, model files) is hidden, the server starts in a directory it cannot write to, and writing into them is a classic container-breakout vector that security policies block.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nWORKDIR /dev/app\n" },
      { kind: "valid", files: "FROM python:3.12-slim\nWORKDIR /srv/app\nWORKDIR /developer\n" },
    ],
    fix: "Use an application directory such as `/app`, `/srv/<name>` or `/opt/<name>`.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const workdir = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (workdir?.kind !== "workdir" || !workdir.path) continue;
      const path = workdir.path.value.replace(/^["']|["']$/g, "");
      if (systemDirectory.test(path))
        report({
          message: `WORKDIR ${path} is a system directory the runtime mounts over`,
          at: workdir.path.span,
        });
    }
  },
});
