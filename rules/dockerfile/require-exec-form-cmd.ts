import type { CmdInstruction } from "../../src/model/dockerfile.js";
import { defineRule, type Fix } from "../../src/rule.js";

export default defineRule({
  code: "DF011",
  name: "require-exec-form-cmd",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3025", "buildkit:JSONArgsRecommended"],
  docs: {
    summary: "CMD and ENTRYPOINT should use the JSON exec form.",
    why: 'In shell form the command runs as a child of `/bin/sh -c`, which is PID 1 and does not forward SIGTERM: on `docker stop` or a Kubernetes rollout the model server never hears it must drain in-flight requests, and is killed after the grace period mid-response. Exec form (`["uvicorn", "app:app"]`) makes the server PID 1 so it receives the signal. A SHELL instruction does not change that, so shell form is reported after one too, as hadolint does; BuildKit stays quiet there.',
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0 --port 8000\n" },
      { kind: "invalid", files: "FROM python:3.12-slim\nENTRYPOINT python serve.py\n" },
      {
        kind: "valid",
        files: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n',
      },
    ],
    fix: 'Write the command as a JSON array of strings. If it needs shell features (variables, `&&`), move them into an entrypoint script that ends with `exec "$@"`. The autofix rewrites commands that use no shell features: safe for CMD, unsafe for ENTRYPOINT (in exec form it starts receiving CMD as arguments, which shell form ignored).',
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const target = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (target?.kind !== "cmd" && target?.kind !== "entrypoint") continue;
      if (target.form !== "shell" || target.args.length === 0) continue;
      const fix = execFormFix(target, file.slice(target.argumentsSpan));
      report({
        message: `${target.keyword} uses shell form: the process will not receive SIGTERM`,
        at: target.argumentsSpan,
        fix,
      });
    }
  },
});

/** A plain command (one simple command, literal words, no redirects or assignments) converts to exec form as is. */
function execFormFix(instruction: CmdInstruction, text: string): Fix | undefined {
  const [command, ...more] = instruction.script?.commands ?? [];
  if (!command || more.length > 0 || command.redirects.length > 0 || command.assignments.length > 0)
    return undefined;
  const words = [command.name!, ...command.args];
  if (words.some((w) => w.dynamic) || text.includes("\\\n")) return undefined;
  return {
    title: "Rewrite in exec form",
    // A shell-form ENTRYPOINT ignores CMD; in exec form CMD's words get appended, which can change behaviour.
    safety: instruction.kind === "cmd" ? "safe" : "unsafe",
    edits: [
      { span: instruction.argumentsSpan, text: `[${words.map((w) => JSON.stringify(w.value)).join(", ")}]` },
    ],
  };
}
