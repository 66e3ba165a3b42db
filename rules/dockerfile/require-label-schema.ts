import { finalStage, type KeyValue, lineage, type Stage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

type LabelType = "text" | "url" | "semver" | "hash" | "rfc3339" | "spdx" | "email";

interface Options {
  requiredLabels: Record<string, LabelType>;
  strictLabels: boolean;
}

const labelTypes: LabelType[] = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"];

export default defineRule<"dockerfile", Options>({
  code: "DF312",
  name: "require-label-schema",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  tags: ["ml"],
  aliases: [
    "hadolint:DL3049",
    "hadolint:DL3050",
    "hadolint:DL3051",
    "hadolint:DL3052",
    "hadolint:DL3053",
    "hadolint:DL3054",
    "hadolint:DL3055",
    "hadolint:DL3056",
    "hadolint:DL3058",
  ],
  options: {
    schema: {
      type: "object",
      properties: {
        requiredLabels: {
          type: "object",
          description: "Labels the final image must set, each with the type its value must have.",
          additionalProperties: { enum: labelTypes },
        },
        strictLabels: {
          type: "boolean",
          description: "Also report labels that requiredLabels does not list.",
        },
      },
      additionalProperties: false,
    },
    defaults: { requiredLabels: {}, strictLabels: false },
  },
  docs: {
    summary:
      "The final image must carry the labels your schema requires, each with a value of the right type.",
    why: "Labels are how a registry, a scanner or a model catalogue learns which model an image serves, its version, source commit and licence: an image without `org.opencontainers.image.revision`, or with `version=latest` where a semantic version is expected, cannot be traced back to the weights and code it ships. The rule only runs with a configured schema (`requiredLabels`); labels set in the stages the final stage builds on count.",
    examples: [
      {
        kind: "invalid",
        files: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.version="latest"\n',
        options: { requiredLabels: { "org.opencontainers.image.version": "semver" } },
      },
      {
        kind: "invalid",
        files: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.licenses="Apache 2.0" maintainer=""\n',
        options: {
          requiredLabels: {
            "org.opencontainers.image.licenses": "spdx",
            "org.opencontainers.image.source": "url",
          },
          strictLabels: true,
        },
        count: 3,
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim AS base\nLABEL org.opencontainers.image.licenses="Apache-2.0"\nFROM base\nLABEL org.opencontainers.image.version="1.4.0" org.opencontainers.image.revision="4f2a9c1" org.opencontainers.image.created="2025-01-31T12:00:00Z"\n',
        options: {
          requiredLabels: {
            "org.opencontainers.image.licenses": "spdx",
            "org.opencontainers.image.version": "semver",
            "org.opencontainers.image.revision": "hash",
            "org.opencontainers.image.created": "rfc3339",
          },
          strictLabels: true,
        },
      },
      { kind: "valid", files: 'FROM python:3.12-slim\nLABEL anything="goes"\n' },
    ],
    fix: "Add the missing labels to the final stage (or a stage it builds from) with values of the declared type; build-time values such as the commit and date can come from `ARG`s set by CI (`--build-arg REVISION=$(git rev-parse HEAD)`).",
  },
  check({ model, options, report }) {
    const schema = options.requiredLabels;
    const stage = finalStage(model);
    if (Object.keys(schema).length === 0 || !stage) return;
    const labels = imageLabels(stage);
    for (const [name, type] of Object.entries(schema)) {
      const pair = labels.findLast((p) => p.key.value === name);
      const problem = pair ? valueProblem(pair.value?.value ?? "", type) : undefined;
      if (!pair) {
        report({
          message: `The final image has no ${name} label, which the label schema requires`,
          at: stage.from.span,
        });
      } else if (problem) {
        report({ message: `Label ${name} ${problem}`, at: pair.value?.span ?? pair.key.span });
      }
    }
    if (!options.strictLabels) return;
    for (const pair of labels) {
      if (!(pair.key.value in schema)) {
        report({ message: `Label ${pair.key.value} is not in the label schema`, at: pair.key.span });
      }
    }
  },
});

/** Every LABEL pair that ends up in the stage's image, in build order (a later one overrides an earlier one). */
function imageLabels(stage: Stage): KeyValue[] {
  return lineage(stage)
    .reverse()
    .flatMap((s) => s.instructions.flatMap((i) => (i.kind === "label" ? i.pairs : [])));
}

function valueProblem(value: string, type: LabelType): string | undefined {
  if (value.trim() === "") return "is empty";
  return valid[type](value) ? undefined : `is not a valid ${typeNames[type]}: ${value}`;
}

const typeNames: Record<LabelType, string> = {
  text: "text",
  url: "URL",
  semver: "semantic version (MAJOR.MINOR.PATCH)",
  hash: "git commit hash",
  rfc3339: "RFC 3339 timestamp (2025-01-31T12:00:00Z)",
  spdx: "SPDX license expression",
  email: "email address",
};

const number = String.raw`(?:0|[1-9]\d*)`;
const prerelease = String.raw`(?:${number}|\d*[A-Za-z-][\dA-Za-z-]*)`;
const build = String.raw`[\dA-Za-z-]+`;
const semver = new RegExp(
  String.raw`^${number}\.${number}\.${number}(?:-${prerelease}(?:\.${prerelease})*)?(?:\+${build}(?:\.${build})*)?$`,
);
const rfc3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const valid: Record<LabelType, (value: string) => boolean> = {
  text: () => true,
  url: (v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) && URL.canParse(v),
  semver: (v) => semver.test(v),
  // A full or abbreviated SHA-1 commit id, or a SHA-256 one.
  hash: (v) => /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/i.test(v),
  rfc3339: (v) => rfc3339.test(v),
  spdx: (v) => isExpression(v.match(/\(|\)|[^\s()]+/g) ?? []),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(v),
};

const licenseId = /^(?:DocumentRef-[\w.-]+:)?[A-Za-z0-9][A-Za-z0-9.-]*\+?$/;

/** expression := term (AND|OR term)*; term := id [WITH id] | "(" expression ")". */
function isExpression(tokens: string[]): boolean {
  let at = 0;
  const term = (): boolean => {
    if (tokens[at] === "(") {
      at++;
      if (!expression() || tokens[at] !== ")") return false;
      at++;
      return true;
    }
    if (!licenseId.test(tokens[at] ?? "") || ["AND", "OR", "WITH"].includes(tokens[at]!)) return false;
    at++;
    if (tokens[at] !== "WITH") return true;
    at++;
    return licenseId.test(tokens[at++] ?? "");
  };
  const expression = (): boolean => {
    if (!term()) return false;
    while (tokens[at] === "AND" || tokens[at] === "OR") {
      at++;
      if (!term()) return false;
    }
    return true;
  };
  return expression() && at === tokens.length;
}
