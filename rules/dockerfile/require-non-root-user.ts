import { nonRootDefaultUser } from "../../src/knowledge/base-images.js";
import { rootImage } from "../../src/knowledge/ml.js";
import { finalStage, instructionsOf, lineage, type UserInstruction } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

const rootUsers = new Set(["root", "0"]);

export default defineRule({
  code: "DF001",
  name: "require-non-root-user",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  aliases: ["hadolint:DL3002", "trivy:DS-0002", "checkov:CKV_DOCKER_3", "checkov:CKV_DOCKER_8"],
  docs: {
    summary: "The final stage must switch to a non-root USER.",
    why: "Without a USER instruction, or when the last one is `root`/`0`, the model server runs as root: a remote-code-execution bug in a model loader (pickle, `trust_remote_code`) or the web framework owns the container, and Kubernetes `runAsNonRoot` refuses to start the pod. CUDA, PyTorch and NGC base images all default to root, so ML images inherit it silently. A final stage with no USER is fine on a base image that runs unprivileged by default (jupyter/docker-stacks as jovyan, rayproject images as ray, distroless `:nonroot`, Chainguard), also when it is named through an ARG default (`FROM $BASE_IMAGE`). Only the final stage (and the stages it builds on) matters: builder stages may stay root.",
    examples: [
      { kind: "invalid", files: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n' },
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nRUN useradd -m app\nUSER app\nRUN pip install --no-cache-dir torch\nUSER root\nCMD ["python", "/app/app.py"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12 AS build\nUSER root\nRUN pip wheel -w /wheels torch\n\nFROM python:3.12-slim\nRUN useradd -m -u 10001 app\nUSER 10001\nCMD ["python", "/app/app.py"]\n',
      },
      {
        kind: "valid",
        files: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app.py /app/\nCMD ["/app/app.py"]\n',
      },
    ],
    fix: "Create a user and switch to it at the end of the final stage: `RUN useradd --create-home --uid 10001 app` then `USER 10001` (a numeric UID lets Kubernetes verify `runAsNonRoot`).",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    const base = stage && rootImage(stage);
    if (!stage || !base || base.unresolved) return;
    const users = lineage(stage).flatMap((s) =>
      instructionsOf(s, "user")
        .filter((u) => !u.onbuild)
        .reverse(),
    );
    const last = users[0];
    if (!last) {
      if (!nonRootDefaultUser(base)) {
        report({ message: "No USER instruction: the container runs as root", at: stage.from.keywordSpan });
      }
      return;
    }
    if (isRoot(last)) {
      const earlier = users.slice(1).find((u) => !isRoot(u));
      const message = earlier
        ? `USER switches back to root after USER ${earlier.user?.value}: the container runs as root`
        : "The last USER is root: the container runs as root";
      report({ message, at: last.argumentsSpan });
    }
  },
});

function isRoot(instruction: UserInstruction): boolean {
  return rootUsers.has(instruction.user?.value.toLowerCase() ?? "");
}
