import type { RunInstruction } from "../../src/model/dockerfile.js";
import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// Interactive programs, service managers and host administration tools: a build step has no terminal, no
// init system and no privileges over the host, so these either hang, fail or do nothing lasting.
const pointlessInBuild = new Set([
  "ssh",
  "vim",
  "vi",
  "nano",
  "shutdown",
  "reboot",
  "service",
  "systemctl",
  "ps",
  "free",
  "top",
  "htop",
  "kill",
  "mount",
  "ifconfig",
]);

export default defineRule({
  code: "DF040",
  name: "no-interactive-tool-in-run",
  target: "dockerfile",
  category: "maintainability",
  severity: "info",
  aliases: ["hadolint:DL3001", "kics:9b6b0f38-92a2-41f9-b881-3a1083d99f1b"],
  docs: {
    summary: "RUN should not call interactive or host-administration tools (ssh, vim, service, mount, ...).",
    why: "A RUN step has no terminal, no init system and no say over the host: `vim` waits for input until the build times out, `service postgresql start` starts a daemon that is gone when the step ends, `mount` and `ifconfig` need privileges the builder does not grant. They are usually left over from an interactive session pasted into the Dockerfile. `kill` is accepted when the same RUN starts a background job, as in `ollama serve & sleep 5 && ollama pull llama3 && kill $!`, which warms a model cache during the build.",
    examples: [
      { kind: "invalid", files: "FROM ubuntu:24.04\nRUN service redis-server start && redis-cli ping\n" },
      {
        kind: "valid",
        files:
          'FROM ollama/ollama:0.5.7\nRUN ollama serve & sleep 5 && ollama pull llama3.2 && kill $!\nCMD ["serve"]\n',
      },
    ],
    fix: "Delete the command, or move what it does to where it takes effect: start services from CMD/ENTRYPOINT, edit files with `sed` or COPY, and fetch over SSH with `RUN --mount=type=ssh`.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const run = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (run?.kind !== "run") continue;
      for (const command of run.commands) {
        const name = commandName(command);
        if (!name || !pointlessInBuild.has(name)) continue;
        if (name === "kill" && startsBackgroundJob(run)) continue;
        report({ message: `\`${name}\` makes no sense in an image build`, at: command.name!.span });
      }
    }
  },
});

/** A command followed by `&` runs in the background; killing it later in the same RUN is deliberate. */
function startsBackgroundJob(run: RunInstruction): boolean {
  return run.commands.some((command) => command.connector === "&");
}
