import { describe, expect, it } from "vitest";
import noEmptyContinuationLine from "../../rules/dockerfile/no-empty-continuation-line.js";
import noHostMappingInExpose from "../../rules/dockerfile/no-host-mapping-in-expose.js";
import noLegacyKeyValueFormat from "../../rules/dockerfile/no-legacy-key-value-format.js";
import noUndeclaredArgInFrom from "../../rules/dockerfile/no-undeclared-arg-in-from.js";
import noUndefinedVariable from "../../rules/dockerfile/no-undefined-variable.js";
import requireConsistentInstructionCasing from "../../rules/dockerfile/require-consistent-instruction-casing.js";
import requireConventionalLabelKey from "../../rules/dockerfile/require-conventional-label-key.js";
import requireLabelSchema from "../../rules/dockerfile/require-label-schema.js";
import requireLowercaseExposeProtocol from "../../rules/dockerfile/require-lowercase-expose-protocol.js";
import requireLowercaseStageName from "../../rules/dockerfile/require-lowercase-stage-name.js";
import requireMatchingAsCasing from "../../rules/dockerfile/require-matching-as-casing.js";
import requireNamedDescriptionComment from "../../rules/dockerfile/require-named-description-comment.js";
import requireValidDefaultArgInFrom from "../../rules/dockerfile/require-valid-default-arg-in-from.js";
import { applyFixes } from "../../src/engine/fix.js";
import { lint } from "../../src/index.js";
import type { AnyRule, Finding } from "../../src/rule.js";
import { lintText, positions } from "../harness.js";

const run = (rule: unknown, text: string, ruleOptions?: Record<string, unknown>) =>
  lintText(text, [rule as AnyRule], { ruleOptions });

/** The text after applying every finding's fix once. */
function fixed(text: string, findings: Finding[]): string {
  return applyFixes(
    text,
    findings.flatMap((f) => (f.fix ? [f.fix] : [])),
  ).text;
}

/** Each fix's edits as `start-end:text`, for exact assertions. */
function edits(findings: Finding[]): string[][] {
  return findings.map((f) => f.fix?.edits.map((e) => `${e.span.start}-${e.span.end}:${e.text}`) ?? []);
}

describe("DF301 require-matching-as-casing", () => {
  it("recases the seed's `FROM python:3.9 as builder` on the AS word", () => {
    const text = "FROM python:3.9 as builder\nFROM python:3.9-slim\n";
    const findings = run(requireMatchingAsCasing, text);
    expect(positions(findings)).toEqual(["1:17"]);
    expect(findings[0]!.message).toBe("'as' and 'FROM' keywords' casing do not match");
    expect(edits(findings)).toEqual([["16-18:AS"]]);
    expect(findings[0]!.fix!.safety).toBe("safe");
    expect(fixed(text, findings)).toBe("FROM python:3.9 AS builder\nFROM python:3.9-slim\n");
  });

  it("accepts a lower-case file and leaves a mixed-case FROM alone", () => {
    expect(run(requireMatchingAsCasing, "from python as build\nfrom build\n")).toEqual([]);
    expect(run(requireMatchingAsCasing, "From python AS build\n")).toEqual([]);
  });
});

describe("DF302 require-consistent-instruction-casing", () => {
  it("follows the majority and fixes the keyword span only", () => {
    const text = "from python:3.12 as build\nrun pip install torch\nCOPY . /app\nRun echo hi\n";
    const findings = run(requireConsistentInstructionCasing, text);
    expect(positions(findings)).toEqual(["3:1", "4:1"]);
    expect(findings.map((f) => f.message)).toEqual([
      "COPY should be lowercase like most instructions in the file",
      "Run mixes upper and lower case; write run",
    ]);
    expect(edits(findings)).toEqual([["48-52:copy"], ["60-63:run"]]);
    expect(fixed(text, findings)).toBe(
      "from python:3.12 as build\nrun pip install torch\ncopy . /app\nrun echo hi\n",
    );
  });

  it("prefers upper case on a tie and ignores mixed-case keywords in the count", () => {
    const findings = run(requireConsistentInstructionCasing, "FROM a\nrun x\nCopy . /\n");
    expect(positions(findings)).toEqual(["2:1", "3:1"]);
    expect(edits(findings)).toEqual([["7-10:RUN"], ["13-17:COPY"]]);
  });

  it("accepts a file that is lower case throughout", () => {
    expect(run(requireConsistentInstructionCasing, "from python as build\nrun echo\n")).toEqual([]);
  });
});

describe("DF300 require-lowercase-stage-name", () => {
  it("reports the name and lowercases it", () => {
    const text = "FROM python:3.12 AS Builder\n";
    const findings = run(requireLowercaseStageName, text);
    expect(positions(findings)).toEqual(["1:21"]);
    expect(fixed(text, findings)).toBe("FROM python:3.12 AS builder\n");
  });
});

describe("DF303 no-empty-continuation-line", () => {
  it("reports the first empty line once per instruction and deletes them all", () => {
    const text = "FROM alpine\nRUN apk add \\\n\n    gnupg \\\n  \n    curl\n";
    const findings = run(noEmptyContinuationLine, text);
    expect(positions(findings)).toEqual(["3:1"]);
    expect(edits(findings)).toEqual([["26-27:", "39-42:"]]);
    expect(fixed(text, findings)).toBe("FROM alpine\nRUN apk add \\\n    gnupg \\\n    curl\n");
  });

  it("catches the blank line that swallows the next instruction", () => {
    const findings = run(noEmptyContinuationLine, "FROM alpine\nRUN echo \\\n\nCMD x\n");
    expect(positions(findings)).toEqual(["3:1"]);
  });

  it("ignores blank lines in heredoc bodies and comment lines", () => {
    const text = "FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\nEXPOSE \\\n# port\n80\nRUN a\n\nRUN b\n";
    expect(run(noEmptyContinuationLine, text)).toEqual([]);
  });

  it("ignores a blank line that ends a heredoc body", () => {
    const text = "FROM alpine\nRUN <<EOF\necho a\n\nEOF\nRUN <<EOF\necho b\n\n\nEOF\n";
    expect(run(noEmptyContinuationLine, text)).toEqual([]);
  });
});

describe("DF304 no-legacy-key-value-format", () => {
  it("puts = between key and a plain value", () => {
    const text = "FROM alpine\nENV PATH $PATH:/opt/bin\nLABEL maintainer ml-team\n";
    const findings = run(noLegacyKeyValueFormat, text);
    expect(positions(findings)).toEqual(["2:5", "3:7"]);
    expect(edits(findings)).toEqual([["20-21:="], ["52-53:="]]);
    expect(fixed(text, findings)).toBe("FROM alpine\nENV PATH=$PATH:/opt/bin\nLABEL maintainer=ml-team\n");
  });

  it("offers no fix when the value needs quoting", () => {
    const findings = run(noLegacyKeyValueFormat, 'FROM alpine\nENV A b c\nLABEL d "e f"\n');
    expect(positions(findings)).toEqual(["2:5", "3:7"]);
    expect(findings.map((f) => f.fix)).toEqual([undefined, undefined]);
  });

  it("accepts key=value, empty values and ONBUILD ENV in that form", () => {
    expect(run(noLegacyKeyValueFormat, 'FROM alpine\nENV A="b c" D= E=f\nONBUILD ENV G=h\n')).toEqual([]);
  });
});

describe("DF305 no-undeclared-arg-in-from", () => {
  it("points at the variable and suggests the declared name", () => {
    const findings = run(noUndeclaredArgInFrom, "ARG CUDA_VERSION=12.4.1\nFROM nvidia/cuda:${CUDA_VERSON}\n");
    expect(positions(findings)).toEqual(["2:18"]);
    expect(findings[0]!.message).toContain("(did you mean CUDA_VERSION?)");
  });

  it("checks --platform and accepts the builder's own arguments", () => {
    expect(
      run(
        noUndeclaredArgInFrom,
        "FROM --platform=$BUILDPLATFORM golang AS build\nFROM alpine-${TARGETARCH}\n",
      ),
    ).toEqual([]);
    expect(positions(run(noUndeclaredArgInFrom, "FROM --platform=$PLATFORM alpine\n"))).toEqual(["1:17"]);
  });

  it("reports an ARG declared in a stage, even with a fallback, since FROM never sees it", () => {
    const text = "FROM alpine AS a\nARG BASE=python\nFROM ${BASE:-python}\n";
    expect(positions(run(noUndeclaredArgInFrom, text))).toEqual(["3:6"]);
  });
});

describe("DF306 require-valid-default-arg-in-from", () => {
  it("reports ARG without default in the tag, with the ARG as related location", () => {
    const findings = run(requireValidDefaultArgInFrom, "ARG TAG\nFROM python:${TAG}\n");
    expect(positions(findings)).toEqual(["2:6"]);
    expect(findings[0]!.message).toBe(
      "With the default ARG values, FROM resolves to python:, which is not a valid image name",
    );
    expect(findings[0]!.related.map((r) => r.span)).toEqual([{ start: 4, end: 7 }]);
  });

  it("accepts defaults, fallbacks, empty suffixes and stage names", () => {
    const text =
      "ARG TAG=3.12\nARG VARIANT\nARG STAGE=build\nARG NONE\nFROM python:${TAG}${VARIANT} AS build\nFROM python:${NONE:-3.12}\nFROM ${STAGE}\n";
    expect(run(requireValidDefaultArgInFrom, text)).toEqual([]);
  });

  it("leaves undeclared names to no-undeclared-arg-in-from", () => {
    expect(run(requireValidDefaultArgInFrom, "FROM python:${TAG}\n")).toEqual([]);
  });

  it("expands earlier ARGs in defaults and removes quotes, as BuildKit does", () => {
    const text = [
      'ARG DATE="20250124"',
      'ARG BASE="gcr.io/x/xla:nightly_$DATE"',
      "ARG GPU",
      'ARG FULL=ray:nightly"$GPU"',
      "FROM $BASE",
      'FROM ray-deps:nightly"$GPU"',
      'FROM "$FULL"',
      'FROM "$GPU"',
      "",
    ].join("\n");
    const findings = run(requireValidDefaultArgInFrom, text);
    expect(positions(findings)).toEqual(["8:6"]);
    expect(findings[0]!.message).toBe("With the default ARG values, FROM resolves to an empty image name");
  });
});

describe("DF307 no-undefined-variable", () => {
  it("reports a typo with a suggestion at the reference", () => {
    const findings = run(
      noUndefinedVariable,
      "FROM python:3.12\nENV MODEL_DIR=/m\nENV PATH=/opt/venv/bin:$PATH:$MODEL_DRI\n",
    );
    expect(positions(findings)).toEqual(["3:30"]);
    expect(findings[0]!.message).toBe("$MODEL_DRI is not defined in this stage (did you mean $MODEL_DIR?)");
  });

  it("explains that a global ARG must be redeclared in the stage", () => {
    const findings = run(
      noUndefinedVariable,
      "ARG DIR=/m\nFROM alpine\nWORKDIR ${DIR}\nARG DIR\nCOPY x ${DIR}/\n",
    );
    expect(positions(findings)).toEqual(["3:9"]);
    expect(findings[0]!.message).toContain("global ARG");
  });

  it("uses definitions in order, through parent stages, and skips RUN, fallbacks, quotes and escapes", () => {
    const text = [
      "FROM python:3.12 AS base",
      "ENV APP=/app",
      "FROM base",
      "COPY --chown=$USER_ID x $APP/",
      "ARG USER_ID=1000",
      "USER $USER_ID",
      "RUN echo $NOT_CHECKED",
      "LABEL a='$LITERAL' b=\\$ESCAPED c=${OPT:-x} v=$PYTHON_VERSION",
      "",
    ].join("\n");
    expect(positions(run(noUndefinedVariable, text))).toEqual(["4:14"]);
  });

  it("does not treat ARGs of a parent stage as inherited", () => {
    const text = "FROM alpine AS base\nARG V=1\nFROM base\nWORKDIR /$V\n";
    expect(positions(run(noUndefinedVariable, text))).toEqual(["4:10"]);
  });

  it("reports only likely typos on a base image it does not know", () => {
    const text = "FROM acme/base:1\nARG MODEL_PATH=x\nCOPY $MODEL_PAHT $ACME_HOME/\n";
    expect(run(noUndefinedVariable, text).map((f) => f.message)).toEqual([
      "$MODEL_PAHT is not defined in this stage (did you mean $MODEL_PATH?)",
    ]);
  });

  it("skips comment lines inside a continuation and heredoc bodies", () => {
    const text = "FROM alpine\nCOPY a \\\n# $NOPE\n  /b/\nCOPY <<EOF /c\n$NOPE\nEOF\n";
    expect(run(noUndefinedVariable, text)).toEqual([]);
  });
});

describe("DF308 and DF309: EXPOSE", () => {
  it("lowercases the protocol only", () => {
    const text = "FROM alpine\nEXPOSE 80/TcP 443\n";
    const findings = run(requireLowercaseExposeProtocol, text);
    expect(positions(findings)).toEqual(["2:11"]);
    expect(fixed(text, findings)).toBe("FROM alpine\nEXPOSE 80/tcp 443\n");
  });

  it("keeps the container port of a mapping", () => {
    const text = "FROM alpine\nEXPOSE 127.0.0.1:8080:80/udp 9000:9001 ${PORT:-80}\n";
    const findings = run(noHostMappingInExpose, text);
    expect(positions(findings)).toEqual(["2:8", "2:30"]);
    expect(fixed(text, findings)).toBe("FROM alpine\nEXPOSE 80/udp 9001 ${PORT:-80}\n");
  });
});

describe("DF310 require-named-description-comment", () => {
  it("reports the comment right above an ARG or a named stage", () => {
    const text =
      "# the version\nARG V=1\n# V again\n\nARG W\n# build does it\nFROM a AS build\n# other\nFROM b AS run\n";
    expect(positions(run(requireNamedDescriptionComment, text))).toEqual(["1:1", "8:1"]);
  });
});

describe("DF311 require-conventional-label-key", () => {
  it("reports each problem at the key", () => {
    const text = 'FROM a\nLABEL Model=x "my key"=y io.docker.z=1 a-=2 ok.key-2=3\n';
    const findings = run(requireConventionalLabelKey, text);
    expect(positions(findings)).toEqual(["2:7", "2:15", "2:26", "2:40"]);
  });
});

describe("DF312 require-label-schema", () => {
  const requiredLabels = {
    "org.opencontainers.image.source": "url",
    "org.opencontainers.image.revision": "hash",
    "org.opencontainers.image.created": "rfc3339",
    "org.opencontainers.image.authors": "email",
    "org.opencontainers.image.licenses": "spdx",
    "org.opencontainers.image.version": "semver",
  };

  it("checks every type, the last value winning across the final stage's lineage", () => {
    const text = [
      "FROM a AS base",
      'LABEL org.opencontainers.image.version="1.0.0" org.opencontainers.image.source="github.com/x"',
      "FROM base",
      'LABEL org.opencontainers.image.version="v1" org.opencontainers.image.revision="xyz"',
      'LABEL org.opencontainers.image.created="2025-13-01T00:00:00Z" org.opencontainers.image.authors="ml team"',
      'LABEL org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND"',
      "",
    ].join("\n");
    const findings = run(requireLabelSchema, text, { requiredLabels });
    expect(findings.map((f) => f.message.split(":")[0])).toEqual([
      "Label org.opencontainers.image.source is not a valid URL",
      "Label org.opencontainers.image.revision is not a valid git commit hash",
      "Label org.opencontainers.image.created is not a valid RFC 3339 timestamp (2025-01-31T12",
      "Label org.opencontainers.image.authors is not a valid email address",
      "Label org.opencontainers.image.licenses is not a valid SPDX license expression",
      "Label org.opencontainers.image.version is not a valid semantic version (MAJOR.MINOR.PATCH)",
    ]);
  });

  it("reports a missing label at the final FROM and unknown ones when strict", () => {
    const text = "FROM a AS build\nLABEL stray=1\nFROM b\nLABEL other=2\n";
    const findings = run(requireLabelSchema, text, {
      requiredLabels: { version: "text" },
      strictLabels: true,
    });
    expect(positions(findings)).toEqual(["3:1", "4:7"]);
  });

  it("accepts valid values", () => {
    const text = [
      "FROM a",
      "LABEL org.opencontainers.image.source=https://github.com/acme/model org.opencontainers.image.revision=4f2a9c1e",
      "LABEL org.opencontainers.image.created=2025-01-31T12:00:00+01:00 org.opencontainers.image.authors=ml@acme.ai",
      'LABEL org.opencontainers.image.licenses="LicenseRef-acme OR (MIT AND GPL-2.0-or-later WITH Classpath-exception-2.0)"',
      "LABEL org.opencontainers.image.version=1.2.3-rc.1+build.5",
      "",
    ].join("\n");
    expect(run(requireLabelSchema, text, { requiredLabels, strictLabels: true })).toEqual([]);
  });
});

describe("BuildKit's check=skip directive", () => {
  it("silences a rule by its BuildKit name through the full pipeline", async () => {
    const text = "# check=skip=FromAsCasing\nFROM python:3.9 as builder\nFROM python:3.9-slim\n";
    const codes = async (t: string) =>
      (await lint([], { noConfig: true, stdin: { text: t, filename: "Dockerfile" } })).findings.map(
        (f) => f.rule.code,
      );
    expect(await codes(text.slice(text.indexOf("\n") + 1))).toContain("DF301");
    expect(await codes(text)).not.toContain("DF301");
  });
});
