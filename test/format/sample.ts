import type { LintedFile, LintResult } from "../../src/engine/result.js";
import type { Category, Finding, RelatedLocation, RuleMeta, Severity } from "../../src/rule.js";
import { type FileKind, SourceFile, span } from "../../src/source.js";

/** A rule with complete docs, as the registry would hold it. */
export function rule(
  code: string,
  name: string,
  category: Category,
  severity: Severity,
  extra: Partial<RuleMeta> = {},
) {
  const meta: RuleMeta = {
    code,
    name,
    target: "dockerfile",
    category,
    severity,
    status: "stable",
    tags: ["ml"],
    aliases: [],
    fixable: false,
    enabledByDefault: true,
    docs: {
      summary: `Summary of ${name}.`,
      why: `Why ${name} matters: the symptom users see.`,
      fix: `How to fix ${name} by hand.`,
      examples: [
        { kind: "invalid", files: "FROM python:latest\n" },
        { kind: "valid", files: "FROM python:3.12-slim\n" },
      ],
      references: ["https://docs.docker.com/build/building/best-practices/"],
    },
  };
  return { ...meta, ...extra };
}

export const rules = {
  runAsRoot: rule("DF001", "require-non-root-user", "security", "error", { aliases: ["hadolint:DL3002"] }),
  latestTag: rule("DF002", "no-latest-tag", "reproducibility", "warning", {
    aliases: ["hadolint:DL3007", "checkov:CKV_DOCKER_7"],
    fixable: true,
    enabledByDefault: true,
  }),
  secretInEnv: rule("DF003", "no-secret-in-env", "security", "warning", { tags: ["secrets"] }),
  healthcheck: rule("DF004", "add-healthcheck", "reliability", "info"),
  curlPipe: rule("DF005", "no-curl-pipe-shell", "security", "info"),
  gpuReachesContainer: rule("XP001", "gpu-request-reaches-container", "correctness", "error", {
    target: "engine",
    tags: ["ml", "gpu"],
    docs: {
      summary: "A GPU image needs a GPU reservation in compose.",
      why: "Without `deploy.resources.reservations.devices` the container starts on the CPU and runs 50x slower.",
      examples: [
        {
          kind: "invalid",
          files: {
            Dockerfile: "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n",
            "compose.yaml": "services:\n  m:\n    build: .\n",
          },
        },
        { kind: "valid", files: { "compose.yaml": "```\nservices: {}\n" } },
      ],
    },
  }),
} satisfies Record<string, RuleMeta>;

export const allRules: RuleMeta[] = Object.values(rules).sort((a, b) => (a.code < b.code ? -1 : 1));

export function source(path: string, text: string, kind: FileKind = "dockerfile"): SourceFile {
  return new SourceFile(path, text, kind);
}

/** The span of the `occurrence`-th match of `needle` in the file. */
export function spanOf(file: SourceFile, needle: string, occurrence = 1): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i < occurrence; i++) start = file.text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`${needle} not in ${file.path}`);
  return span(start, start + needle.length);
}

export function finding(
  meta: RuleMeta,
  file: SourceFile,
  at: { start: number; end: number },
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  return { rule: meta, severity: meta.severity, message, file, span: at, related: [], ...extra };
}

export function related(
  file: SourceFile,
  at: { start: number; end: number },
  message: string,
): RelatedLocation {
  return { file, span: at, message };
}

export function lintResult(findings: Finding[], files: SourceFile[], notices: string[] = []): LintResult {
  const linted: LintedFile[] = files.map((file) => ({ path: file.path, kind: file.kind }));
  return { findings, files: linted, rules: allRules, notices };
}

export const dockerfile = source("Dockerfile", "FROM python:latest\nRUN pip install torch\n");
// The emoji is two UTF-16 code units, so HF_TOKEN starts at column 19 (code points would say 18).
export const emojiDockerfile = source(
  "My Dockerfile",
  'FROM python:3.12\nENV GREETING="🤗" HF_TOKEN=hf_abc\n',
);
export const compose = source("compose.yaml", "services:\n  model:\n    build: .\n", "compose");
export const manifest = source("k8s/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n", "k8s");

/** Findings in three files, one cross-file with a related location, one zero-length, deliberately unsorted. */
export function sampleResult(): LintResult {
  const findings = [
    finding(
      rules.secretInEnv,
      emojiDockerfile,
      spanOf(emojiDockerfile, "HF_TOKEN=hf_abc"),
      "HF_TOKEN is baked into the image.",
    ),
    finding(rules.runAsRoot, dockerfile, spanOf(dockerfile, "FROM python:latest"), "The image runs as root."),
    finding(
      rules.latestTag,
      dockerfile,
      spanOf(dockerfile, "latest"),
      "Pin python to a version, not `latest`.",
      {
        fix: {
          title: "Pin to 3.12",
          safety: "unsafe",
          edits: [{ span: spanOf(dockerfile, "latest"), text: "3.12" }],
        },
      },
    ),
    finding(
      rules.healthcheck,
      dockerfile,
      span(19, 19),
      "No HEALTHCHECK: a model that hangs is never restarted.",
    ),
    finding(
      rules.gpuReachesContainer,
      dockerfile,
      spanOf(dockerfile, "python:latest"),
      "The compose service gets no GPU.",
      {
        related: [related(compose, spanOf(compose, "build: ."), "built here without a GPU reservation")],
      },
    ),
  ];
  return lintResult(
    findings,
    [dockerfile, emojiDockerfile, compose, manifest],
    ["k8s/deploy.yaml: Kubernetes manifests are not yet linted"],
  );
}

export function emptyResult(): LintResult {
  return lintResult([], [dockerfile]);
}
