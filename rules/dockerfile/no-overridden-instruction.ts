import { defineRule } from "../../src/rule.js";

// Image settings where each instruction replaces the previous one instead of adding to it.
const singleValued = ["cmd", "entrypoint", "healthcheck"] as const;

export default defineRule({
  code: "DF045",
  name: "no-overridden-instruction",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  aliases: [
    "hadolint:DL3012",
    "hadolint:DL4003",
    "hadolint:DL4004",
    "buildkit:MultipleInstructionsDisallowed",
    "trivy:DS-0016",
    "trivy:DS-0007",
    "trivy:DS-0023",
    "kics:41c195f4-fc31-4a5c-8a1b-90605538d49f",
    "kics:6938958b-3f1a-451c-909b-baeee14bdc97",
  ],
  docs: {
    summary: "A stage should have at most one CMD, one ENTRYPOINT and one HEALTHCHECK.",
    why: "Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; the earlier ones are silently dropped. Two CMDs usually mean someone expected both to run (`CMD python download.py` then `CMD uvicorn ...`), so the model download never happens and the server starts without weights.",
    examples: [
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nCMD ["python", "download_weights.py"]\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim AS build\nCMD ["pytest"]\n\nFROM python:3.12-slim\nENTRYPOINT ["/app/entrypoint.sh"]\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
      },
    ],
    fix: 'Keep one instruction of each kind per stage. To run several steps at start-up, chain them in an entrypoint script that ends with `exec "$@"`.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const kind of singleValued) {
        const all = stage.instructions.filter((i) => i.kind === kind);
        const last = all.at(-1);
        for (const earlier of all.slice(0, -1)) {
          report({
            message: `This ${earlier.keyword} has no effect: a later ${earlier.keyword} in the stage replaces it`,
            at: earlier.keywordSpan,
            related: [
              { file: model.file, span: last!.keywordSpan, message: `the ${earlier.keyword} that counts` },
            ],
          });
        }
      }
    }
  },
});
