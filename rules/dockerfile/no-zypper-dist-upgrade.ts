import { commandSpan, packageCommandsOf, runsIn } from "../../src/knowledge/os-packages.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF104",
  name: "no-zypper-dist-upgrade",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  aliases: ["hadolint:DL3035"],
  docs: {
    summary: "Do not run `zypper dist-upgrade` in a build.",
    why: "`zypper dist-upgrade` (`dup`) moves every package to whatever the configured repositories hold today, allowing downgrades, vendor changes and package replacements: on Tumbleweed it jumps to the newest snapshot. The image then depends on the build date instead of the base image tag, and the libraries under a compiled model runtime can change between two builds of one commit. A newer base image brings the same fixes reproducibly.",
    examples: [
      {
        kind: "invalid",
        files: "FROM opensuse/tumbleweed\nRUN zypper --non-interactive dup && zypper clean\n",
      },
      {
        kind: "valid",
        files:
          "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install python311=3.11.9 && zypper clean\n",
      },
    ],
    fix: "Remove the dist-upgrade and use a newer base image tag (or digest).",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const pc of packageCommandsOf(run)) {
        if (pc.manager !== "zypper" || (pc.action !== "dist-upgrade" && pc.action !== "dup")) continue;
        report({
          message: `zypper ${pc.action}: the image changes with the build date, not the base image tag`,
          at: commandSpan(pc),
        });
      }
    }
  },
});
