import type { Instruction } from "../../src/model/dockerfile.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

export default defineRule({
  code: "DF060",
  name: "no-maintainer",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  fixable: true,
  aliases: [
    "hadolint:DL4000",
    "buildkit:MaintainerDeprecated",
    "trivy:DS-0022",
    "checkov:CKV_DOCKER_6",
    "kics:99614418-f82b-4852-a9ae-5051402b741c",
  ],
  docs: {
    summary: "Use a LABEL instead of the deprecated MAINTAINER instruction.",
    why: "MAINTAINER has been deprecated since Docker 1.13: it fills the image's legacy `Author` field, which registries, scanners and `docker inspect --format '{{ .Config.Labels }}'` do not show, and BuildKit warns on every build. A label is where tools look for ownership (`org.opencontainers.image.authors`, or `maintainer`).",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nMAINTAINER ML Platform <ml-platform@example.com>\n" },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="ML Platform <ml-platform@example.com>"\n',
      },
    ],
    fix: 'Replace it with `LABEL maintainer="..."` (or `org.opencontainers.image.authors`). The autofix writes `LABEL maintainer="<the same text>"` (safe: the container runs the same).',
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== "MAINTAINER") continue;
      report({
        message: "MAINTAINER is deprecated: use LABEL maintainer=...",
        at: instruction.keywordSpan,
        fix: labelFix(instruction, file),
      });
    }
  },
});

function labelFix(maintainer: Instruction, file: SourceFile): Fix | undefined {
  const text = file.slice(maintainer.argumentsSpan);
  // Continuation lines would need re-joining; such rare cases are left to the user.
  if (text === "" || text.includes("\n")) return undefined;
  const quoted = JSON.stringify(text.trim()).replaceAll("$", "\\$");
  return {
    title: "Replace with LABEL maintainer",
    safety: "safe",
    edits: [
      {
        span: { start: maintainer.keywordSpan.start, end: maintainer.argumentsSpan.end },
        text: `LABEL maintainer=${quoted}`,
      },
    ],
  };
}
