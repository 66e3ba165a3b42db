import { defineRule } from "../../src/rule.js";

const remote = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;
const archive = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|gz|bz2|xz)$/i;

export default defineRule({
  code: "DF012",
  name: "prefer-copy-over-add",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3020", "trivy:DS-0005", "checkov:CKV_DOCKER_4"],
  docs: {
    summary: "Use COPY, not ADD, for local files and directories.",
    why: "ADD also fetches URLs and unpacks local tar archives, so a reader cannot tell from `ADD model/ /app/model/` whether something will be downloaded or extracted — and renaming a file to end in `.tar.gz` changes what the build does. COPY does one thing. Keep ADD for what only it does: remote URLs (with `--checksum`), git repositories and archives you mean to extract.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nADD requirements.txt app.py /app/\n" },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nCOPY requirements.txt app.py /app/\nADD weights.tar.gz /models/\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/model.onnx /models/\n",
      },
    ],
    fix: "Replace ADD with COPY. The autofix does so (safe) when no source is a URL, git reference or archive.",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const add = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (add?.kind !== "add" || add.sources.length === 0) continue;
      const sources = add.sources.map((s) => s.value.replace(/^(["'])(.*)\1$/, "$2"));
      if (sources.some((s) => remote.test(s) || archive.test(s))) continue;
      if (add.flags.some((f) => f.name === "checksum" || f.name === "keep-git-dir" || f.name === "unpack"))
        continue;
      report({
        message: "ADD of local files: use COPY",
        at: add.keywordSpan,
        fix: {
          title: "Replace ADD with COPY",
          safety: "safe",
          edits: [{ span: add.keywordSpan, text: "COPY" }],
        },
      });
    }
  },
});
