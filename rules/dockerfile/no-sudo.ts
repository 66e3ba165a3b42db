import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF042",
  name: "no-sudo",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  aliases: [
    "hadolint:DL3004",
    "trivy:DS-0010",
    "checkov:CKV2_DOCKER_1",
    "kics:8ada6e80-0ade-439e-b176-0b28f6bce35a",
  ],
  docs: {
    summary: "Do not use sudo in RUN; switch users with USER.",
    why: "RUN already executes as the current USER, so `sudo` only works if the image ships sudo and a passwordless sudoers entry for that user — which then lets anything running in the container, including a compromised model server, become root. Without them the build stops at a password prompt it cannot answer.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n",
      },
    ],
    fix: "Run the privileged steps before `USER app` (or switch with `USER root` and back), and remove sudo from the image. To drop privileges at start-up, use `gosu` or `setpriv` in the entrypoint.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind !== "run") continue;
      for (const command of run.commands) {
        if (commandName(command) === "sudo")
          report({ message: "sudo in RUN: use USER to change users", at: command.name!.span });
      }
    }
  },
});
