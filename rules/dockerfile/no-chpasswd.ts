import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF065",
  name: "no-chpasswd",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  aliases: ["checkov:CKV2_DOCKER_17"],
  docs: {
    summary: "Do not set passwords with chpasswd in the image.",
    why: "A password set during the build is the same in every container started from the image, and the command that set it — `echo 'root:secret' | chpasswd` — is kept in the image history for anyone who pulls it (`docker history --no-trunc`). Containers need no login passwords: access goes through `docker exec` or `kubectl exec`. A password read from a build secret (`RUN --mount=type=secret`) is accepted.",
    examples: [
      { kind: "invalid", files: "FROM ubuntu:24.04\nRUN useradd -m app && echo 'app:changeme' | chpasswd\n" },
      {
        kind: "valid",
        files:
          "FROM ubuntu:24.04\nRUN --mount=type=secret,id=app_password chpasswd < /run/secrets/app_password\nRUN useradd -m -u 10001 app\n",
      },
    ],
    fix: "Drop the password: create the user without one (`useradd -m app`). If a password is truly needed, provide it at run time or through `RUN --mount=type=secret`.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind !== "run" || run.mounts.some((m) => m.options.type === "secret")) continue;
      for (const command of run.commands) {
        if (commandName(command) === "chpasswd")
          report({ message: "chpasswd bakes a password into the image", at: command.name!.span });
      }
    }
  },
});
