import { posix } from "node:path";
import { lineage, type Stage, type WorkdirInstruction } from "../../src/model/dockerfile.js";
import { defineRule, type Fix } from "../../src/rule.js";

export default defineRule({
  code: "DF013",
  name: "require-absolute-workdir",
  target: "dockerfile",
  category: "correctness",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3000", "buildkit:WorkdirRelativePath", "trivy:DS-0009", "checkov:CKV_DOCKER_10"],
  docs: {
    summary: "WORKDIR must be an absolute path.",
    why: "A relative WORKDIR is resolved against whatever directory the base image left as current, which changes between base images and tags (`/`, `/workspace`, `/opt/app`); COPY destinations, RUN commands and CMD then operate somewhere else than intended and the server cannot find its model files. A relative WORKDIR after an absolute one is reported too, as hadolint, Trivy and Checkov do (BuildKit stays quiet): it silently moves when the earlier one is edited or reordered, and the autofix writes the joined path.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nWORKDIR app\n" },
      { kind: "invalid", files: "FROM python:3.12-slim\nWORKDIR /srv\nWORKDIR model\n" },
      {
        kind: "valid",
        files: "FROM python:3.12-slim\nARG HOME_DIR=/srv\nWORKDIR /app\nWORKDIR ${HOME_DIR}\n",
      },
    ],
    fix: "Spell out the absolute path. When an earlier WORKDIR of the same image is absolute, the autofix joins the two (safe: it is what the builder computes).",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const workdir of stage.instructions) {
        if (workdir.kind !== "workdir" || !workdir.path || workdir.onbuild) continue;
        if (isAbsolute(workdir.path.value)) continue;
        report({
          message: `WORKDIR ${workdir.path.value} is relative`,
          at: workdir.path.span,
          fix: joinFix(stage, workdir),
        });
      }
    }
  },
});

function isAbsolute(path: string): boolean {
  return /^["']?([/$]|[A-Za-z]:[\\/])/.test(path);
}

/** The absolute WORKDIR in force before `workdir`, in its stage or the stages it builds on. */
function joinFix(stage: Stage, workdir: WorkdirInstruction): Fix | undefined {
  const before = lineage(stage)
    .flatMap((s) =>
      s.instructions.filter((i): i is WorkdirInstruction => i.kind === "workdir" && !i.onbuild).reverse(),
    )
    .filter((w) => w.span.start < workdir.span.start || w.stage !== stage);
  let path = workdir.path!.value;
  for (const earlier of before) {
    path = posix.join(earlier.path?.value ?? "", path);
    if (path.startsWith("$")) return undefined;
    if (path.startsWith("/")) {
      return { title: `Use ${path}`, safety: "safe", edits: [{ span: workdir.path!.span, text: path }] };
    }
  }
  return undefined;
}
