import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF046",
  name: "require-directory-destination",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  fixable: true,
  aliases: ["hadolint:DL3021", "trivy:DS-0011", "kics:6db6e0c2-32a3-4a2e-93b5-72c35f4119db"],
  docs: {
    summary: "COPY or ADD with several sources needs a destination ending in `/`.",
    why: "With more than one source the destination must be a directory, and the builder only accepts one spelled with a trailing slash: `COPY model.py config.json /app` fails with `When using COPY with more than one source file, the destination must be a directory and end with a /`. Destinations built from variables are left to the build.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nCOPY app.py config.json /app\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nARG DEST=/app/\nCOPY app.py config.json /app/\nCOPY requirements.txt /app/reqs.txt\nCOPY a.py b.py ${DEST}\n",
      },
    ],
    fix: "End the destination with `/`. The autofix appends it (safe: the build could not succeed without it).",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const copy = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if ((copy?.kind !== "copy" && copy?.kind !== "add") || !copy.destination) continue;
      const destination = copy.destination;
      // Shell form splits on blanks only, so a quoted path there is several words that cannot be counted.
      if (copy.form === "shell" && copy.sources.some((s) => /["']/.test(s.value))) continue;
      const written = destination.value.replace(/^["']|["']$/g, "");
      if (copy.sources.length + copy.heredocs.length < 2 || written.endsWith("/") || written.includes("$"))
        continue;
      // The slash goes inside a closing quote (exec form, or a quoted shell-form destination).
      const quoted = copy.form === "exec" || /["']$/.test(destination.value);
      const end = destination.span.end - (quoted ? 1 : 0);
      report({
        message: `${copy.keyword} of several sources into ${written}: the destination must end with /`,
        at: destination.span,
        fix: {
          title: "Append / to the destination",
          safety: "safe",
          edits: [{ span: { start: end, end }, text: "/" }],
        },
      });
    }
  },
});
