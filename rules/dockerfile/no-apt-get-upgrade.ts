import { aptManagers, commandSpan, packageCommandsOf, runsIn } from "../../src/knowledge/os-packages.js";
import { defineRule } from "../../src/rule.js";

const upgrades = new Set(["upgrade", "dist-upgrade", "full-upgrade"]);

export default defineRule({
  code: "DF009",
  name: "no-apt-get-upgrade",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  docs: {
    summary: "Do not run `apt-get upgrade` or `dist-upgrade` in a build.",
    why: "An upgrade makes the image's system libraries depend on the day it was built rather than on the base image tag: two builds of the same commit differ, a library bumped under a compiled wheel (glibc, libstdc++, OpenMP, the CUDA user-space libraries) can break the model server, and the bug cannot be reproduced from the Dockerfile. hadolint (DL3005) and Trivy (DS-0024) dropped this check because upgrading also pulls security fixes; mllint keeps it as a warning because there is a reproducible way to get those fixes: pull a newer, patched base image tag (or digest) and rebuild.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM ubuntu:22.04\nRUN apt-get update && apt-get upgrade -y \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
      { kind: "invalid", files: "FROM ubuntu:22.04\nRUN apt update && apt full-upgrade -y\n" },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends --only-upgrade openssl \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    fix: "Remove the upgrade and move to a newer base image tag. If one package needs a fix the base does not have yet, upgrade that package only (`apt-get install --only-upgrade <package>`).",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const pc of packageCommandsOf(run)) {
        if (!aptManagers.includes(pc.manager) || !upgrades.has(pc.action)) continue;
        report({
          message: `${pc.manager} ${pc.action}: the image changes with the build date, not the base image tag`,
          at: commandSpan(pc),
        });
      }
    }
  },
});
