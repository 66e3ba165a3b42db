import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF000",
  name: "dockerfile-syntax",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  aliases: ["hadolint:DL1000", "hadolint:DL3061", "hadolint:DL3043"],
  docs: {
    summary: "The Dockerfile must parse the way the builder will read it.",
    why: 'An unknown instruction, a missing FROM, an instruction before the first FROM, an instruction without arguments or an exec-form array with no closing bracket either fails the build (`unknown instruction`, `no build stage in current context`) or, worse, builds something other than what the text seems to say: Docker runs an unclosed `["python", "app.py"` as a shell string.',
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nCOPY app.py /app/\nCOPPY model.pt /app/\n" },
      { kind: "invalid", files: "RUN pip install torch\n" },
      { kind: "invalid", files: 'FROM python:3.12-slim\nCMD ["python", "app.py"\n' },
      {
        kind: "valid",
        files: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      },
    ],
    fix: "Correct the instruction the message names. Comments must start their line: `FROM python:3.12 # slim` passes `#` and `slim` to FROM.",
  },
  check({ model, report }) {
    for (const problem of model.problems) report({ message: problem.message, at: problem.span });
  },
});
