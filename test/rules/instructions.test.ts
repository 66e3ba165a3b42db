import { describe, expect, it } from "vitest";
import noChpasswd from "../../rules/dockerfile/no-chpasswd.js";
import noConstantPlatform from "../../rules/dockerfile/no-constant-platform.js";
import noCopyFromOwnStage from "../../rules/dockerfile/no-copy-from-own-stage.js";
import noCopyWholeFilesystem from "../../rules/dockerfile/no-copy-whole-filesystem.js";
import noDuplicateStageName from "../../rules/dockerfile/no-duplicate-stage-name.js";
import noExtractCopiedArchive from "../../rules/dockerfile/no-extract-copied-archive.js";
import noInteractiveToolInRun from "../../rules/dockerfile/no-interactive-tool-in-run.js";
import noMaintainer from "../../rules/dockerfile/no-maintainer.js";
import noOverriddenInstruction from "../../rules/dockerfile/no-overridden-instruction.js";
import noRedundantTargetPlatform from "../../rules/dockerfile/no-redundant-target-platform.js";
import noReservedStageName from "../../rules/dockerfile/no-reserved-stage-name.js";
import noSameEnvReference from "../../rules/dockerfile/no-same-env-reference.js";
import noSingleQuotedJsonArgs from "../../rules/dockerfile/no-single-quoted-json-args.js";
import noSshPort from "../../rules/dockerfile/no-ssh-port.js";
import noSudo from "../../rules/dockerfile/no-sudo.js";
import noSwallowedInstruction from "../../rules/dockerfile/no-swallowed-instruction.js";
import noUnknownCopyFromStage from "../../rules/dockerfile/no-unknown-copy-from-stage.js";
import noWorkdirInSystemDirectory from "../../rules/dockerfile/no-workdir-in-system-directory.js";
import preferMergedRun from "../../rules/dockerfile/prefer-merged-run.js";
import preferNamedStageInCopyFrom from "../../rules/dockerfile/prefer-named-stage-in-copy-from.js";
import preferNumericUser from "../../rules/dockerfile/prefer-numeric-user.js";
import preferShellInstruction from "../../rules/dockerfile/prefer-shell-instruction.js";
import preferWorkdirOverCd from "../../rules/dockerfile/prefer-workdir-over-cd.js";
import requireDirectoryDestination from "../../rules/dockerfile/require-directory-destination.js";
import requirePipefail from "../../rules/dockerfile/require-pipefail.js";
import requireTrustedRegistry from "../../rules/dockerfile/require-trusted-registry.js";
import requireUseraddNoLogInit from "../../rules/dockerfile/require-useradd-no-log-init.js";
import requireValidExposePort from "../../rules/dockerfile/require-valid-expose-port.js";
import requireWorkdirBeforeRelativeCopy from "../../rules/dockerfile/require-workdir-before-relative-copy.js";
import { applyFixes } from "../../src/engine/fix.js";
import type { AnyRule, Finding } from "../../src/rule.js";
import { lintText, positions } from "../harness.js";

const run = (rule: unknown, text: string, trustedRegistries: string[] = []) =>
  lintText(text, [rule as AnyRule], { settings: { trustedRegistries } });
const at = (rule: unknown, text: string) => positions(run(rule, text));
const messages = (findings: Finding[]) => findings.map((f) => f.message);
const fixed = (text: string, findings: Finding[]) =>
  applyFixes(
    text,
    findings.flatMap((f) => (f.fix ? [f.fix] : [])),
  ).text;
const relatedAt = (finding: Finding) =>
  finding.related.map((r) => {
    const { line, column } = r.file.position(r.span.start);
    return `${line}:${column}`;
  });

describe("DF040 no-interactive-tool-in-run", () => {
  it("reports the command name, also in ONBUILD and nested commands", () => {
    const text = "FROM ubuntu:24.04\nONBUILD RUN vim /etc/hosts\nRUN echo $(ps aux) && mount -a\n";
    expect(at(noInteractiveToolInRun, text)).toEqual(["2:13", "3:12", "3:23"]);
  });
  it("accepts kill only when the RUN starts a background job", () => {
    expect(at(noInteractiveToolInRun, "FROM a:1\nRUN kill 1\n")).toEqual(["2:5"]);
    expect(at(noInteractiveToolInRun, "FROM a:1\nRUN server & sleep 1 && kill $!\n")).toEqual([]);
  });
});

describe("DF041 prefer-workdir-over-cd", () => {
  it("reports a RUN that starts by entering a project directory", () => {
    expect(at(preferWorkdirOverCd, "FROM a:1\nRUN true \\\n && echo x\nRUN cd /app && make\n")).toEqual([
      "4:5",
    ]);
  });
  it("reports a cd that ends the RUN, with the no-effect message", () => {
    const findings = run(preferWorkdirOverCd, "FROM a:1\nRUN cd /app\nRUN git clone u repo && cd repo\n");
    expect(positions(findings)).toEqual(["2:5", "3:25"]);
    expect(findings[0]!.message).toMatch(/no effect/);
  });
  it("accepts scratch directories, returning cds, subshells and directories made in the RUN", () => {
    const text =
      'FROM a:1\nRUN cd /tmp && make && cd -\nRUN cd /var/tmp/x && make && cd ..\nRUN (cd docs && make)\nRUN git clone u r && cd r && make\nRUN cd $SRC && make\nRUN make && cd "$OLDPWD"\n';
    expect(at(preferWorkdirOverCd, text)).toEqual([]);
  });
  it("reads heredoc bodies", () => {
    expect(at(preferWorkdirOverCd, "FROM a:1\nRUN <<EOF\ncd /app\nmake\nEOF\n")).toEqual(["3:1"]);
  });
});

describe("DF042 no-sudo", () => {
  it("reports each sudo, inside multi-line and ONBUILD RUNs", () => {
    const text = "FROM a:1\nRUN apt-get update \\\n && sudo make install\nONBUILD RUN sudo true\n";
    expect(at(noSudo, text)).toEqual(["3:5", "4:13"]);
  });
});

describe("DF043 no-extract-copied-archive", () => {
  it("points at the copied source and relates the extraction", () => {
    const text = "FROM a:1\nCOPY app.py model.tgz /tmp/\nRUN echo hi\nRUN cd /tmp && tar xzf model.tgz\n";
    const findings = run(noExtractCopiedArchive, text);
    expect(positions(findings)).toEqual(["2:13"]);
    expect(relatedAt(findings[0]!)).toEqual(["4:16"]);
    expect(findings[0]!.message).toMatch(/use ADD/);
  });
  it("follows a renamed destination and suggests a bind mount for zip", () => {
    const text = "FROM a:1\nCOPY w.zip /tmp/weights.zip\nRUN unzip /tmp/weights.zip -d /m\n";
    expect(messages(run(noExtractCopiedArchive, text))).toEqual([
      "w.zip is copied in and then extracted: the archive stays in the image; extract it from RUN --mount=type=bind",
    ]);
  });
  it("ignores archives from other stages, other files and other stages' RUNs", () => {
    const text =
      "FROM a:1 AS b\nCOPY m.tar.gz /tmp/\nFROM a:1\nRUN tar -xf /tmp/m.tar.gz\nCOPY --from=b /tmp/m.tar.gz /tmp/\nRUN tar -xf /tmp/m.tar.gz && tar -cf x.tar /tmp/other.tar\n";
    expect(at(noExtractCopiedArchive, text)).toEqual([]);
  });
});

describe("DF044 require-valid-expose-port", () => {
  it("reports each bad port with its part", () => {
    const text = "FROM a:1\nEXPOSE 80 65536 9000-8000 80/http abc ${PORT} 127.0.0.1:80:80\n";
    expect(messages(run(requireValidExposePort, text))).toEqual([
      "Port 65536 is above 65535",
      "Port range 9000-8000 ends before it starts",
      'Unknown protocol "http": use tcp, udp or sctp',
      "EXPOSE abc is not a port",
    ]);
    expect(at(requireValidExposePort, text)).toEqual(["2:11", "2:17", "2:30", "2:35"]);
  });
  it("accepts protocols in any casing (casing is another rule's)", () => {
    expect(at(requireValidExposePort, "FROM a:1\nEXPOSE 53/UDP 9000/sctp\n")).toEqual([]);
  });
});

describe("DF045 no-overridden-instruction", () => {
  it("reports every earlier CMD with the one that counts", () => {
    const text = 'FROM a:1\nCMD ["a"]\nCMD ["b"]\nHEALTHCHECK NONE\nCMD ["c"]\n';
    const findings = run(noOverriddenInstruction, text);
    expect(positions(findings)).toEqual(["2:1", "3:1"]);
    expect(findings.map(relatedAt)).toEqual([["5:1"], ["5:1"]]);
  });
  it("counts per stage and ignores ONBUILD triggers", () => {
    const text =
      'FROM a:1 AS b\nENTRYPOINT ["x"]\nONBUILD ENTRYPOINT ["y"]\nFROM b\nENTRYPOINT ["z"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["true"]\n';
    expect(at(noOverriddenInstruction, text)).toEqual(["6:1"]);
  });
});

describe("DF046 require-directory-destination", () => {
  it("appends the slash, inside quotes too", () => {
    const text = 'FROM a:1\nCOPY a b /app\nADD a b "/srv"\n';
    const findings = run(requireDirectoryDestination, text);
    expect(positions(findings)).toEqual(["2:10", "3:9"]);
    expect(fixed(text, findings)).toBe('FROM a:1\nCOPY a b /app/\nADD a b "/srv/"\n');
  });
  it("counts heredocs as sources, reads JSON form, and leaves quoted shell-form names alone", () => {
    const text =
      'FROM a:1\nCOPY <<A <<B /etc\nx\nA\ny\nB\nCOPY ["a", "b", "/c"]\nCOPY "my file" /c\nCOPY a /c\n';
    expect(at(requireDirectoryDestination, text)).toEqual(["2:14", "7:17"]);
  });
});

describe("DF047 no-unknown-copy-from-stage", () => {
  it("reports later stages, missing indexes and bare names that are no stage", () => {
    const text =
      "FROM a:1 AS build\nFROM a:1\nCOPY --from=later /x /x\nCOPY --from=5 /x /x\nCOPY --from=biuld /x /x\nFROM a:1 AS later\n";
    const findings = run(noUnknownCopyFromStage, text);
    expect(positions(findings)).toEqual(["3:13", "4:13", "5:13"]);
    expect(findings[2]!.message).toBe(
      "--from=biuld names no stage: the builder will pull the image biuld:latest instead (did you mean build?)",
    );
  });
  it("accepts earlier stages by name or index, images, variables and its own stage (DF048's)", () => {
    const text =
      "FROM a:1 AS Build\nFROM a:1 AS me\nCOPY --from=build /x /x\nCOPY --from=0 /x /x\nCOPY --from=nginx:1 /x /x\nCOPY --from=${IMG} /x /x\nCOPY --from=me /x /x\n";
    expect(at(noUnknownCopyFromStage, text)).toEqual([]);
  });
});

describe("DF048 no-copy-from-own-stage", () => {
  it("matches the stage by name (any case) and by index", () => {
    const text = "FROM a:1\nFROM a:1 AS Me\nCOPY --from=me /x /y\nCOPY --from=1 /x /y\nCOPY --from=0 /x /y\n";
    expect(at(noCopyFromOwnStage, text)).toEqual(["3:13", "4:13"]);
  });
});

describe("DF049 no-duplicate-stage-name", () => {
  it("reports the later alias, case-insensitively, pointing at the first", () => {
    const findings = run(noDuplicateStageName, "FROM a:1 AS x\nFROM a:1 AS y\nFROM a:1 AS X\n");
    expect(positions(findings)).toEqual(["3:13"]);
    expect(relatedAt(findings[0]!)).toEqual(["1:13"]);
  });
});

describe("DF050 require-trusted-registry", () => {
  const text =
    "ARG BASE=quay.io/org/base:1\nFROM ${BASE} AS base\nFROM python:3.12 AS py\nFROM base\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /uv\nCOPY --from=py /x /x\nRUN --mount=type=bind,from=registry.example.com/tools:1,target=/t true\nFROM scratch\nFROM ${UNSET}\n";

  it("is off without trusted registries", () => {
    expect(run(requireTrustedRegistry, text)).toEqual([]);
  });
  it("checks ARG-resolved FROM images, COPY --from images and mount sources at their exact spans", () => {
    const findings = run(requireTrustedRegistry, text, ["docker.io"]);
    expect(positions(findings)).toEqual(["2:6", "5:13", "7:28"]);
    expect(findings[0]!.message).toBe(
      "${BASE} (quay.io/org/base:1) comes from quay.io, which is not a trusted registry",
    );
  });
  it("matches one DNS label per * and treats Docker Hub aliases alike", () => {
    const findings = run(requireTrustedRegistry, text, ["index.docker.io", "*.io", "*.example.com"]);
    expect(positions(findings)).toEqual([]);
    expect(positions(run(requireTrustedRegistry, "FROM a.b.example.com/x:1\n", ["*.example.com"]))).toEqual([
      "1:6",
    ]);
  });
});

describe("DF051 no-constant-platform / DF052 no-redundant-target-platform", () => {
  it("reports constants, except in stages named for their platform", () => {
    const text =
      "FROM --platform=linux/amd64 a:1 AS build_amd64\nFROM --platform=linux/arm64 a:1\nFROM --platform=${BUILDPLATFORM} a:1\n";
    expect(at(noConstantPlatform, text)).toEqual(["2:17"]);
  });
  it("removes a redundant $TARGETPLATFORM", () => {
    const text = "FROM --platform=${TARGETPLATFORM}  a:1 AS x\nFROM --platform=$BUILDPLATFORM a:1\n";
    const findings = run(noRedundantTargetPlatform, text);
    expect(positions(findings)).toEqual(["1:6"]);
    expect(fixed(text, findings)).toBe("FROM a:1 AS x\nFROM --platform=$BUILDPLATFORM a:1\n");
  });
});

describe("DF053 no-same-env-reference", () => {
  it("reports the reference to an earlier pair, with its exact span", () => {
    const text =
      "FROM a:1\nENV A=1 \\\n    B=x${A:-y} C=$A_LONG D='$A' PATH=$PATH:/x\nONBUILD ENV X=1 Y=$X\n";
    const findings = run(noSameEnvReference, text);
    expect(positions(findings)).toEqual(["3:8", "4:19"]);
    expect(findings.map((f) => f.file.slice(f.span))).toEqual(["${A:-y}", "$X"]);
  });
  it("reports even when the variable was set before the instruction", () => {
    expect(at(noSameEnvReference, "FROM a:1\nENV A=0\nENV A=1 B=$A\nENV C=$A\n")).toEqual(["3:11"]);
  });
  it("reports a variable that references itself after setting itself in the same ENV", () => {
    expect(at(noSameEnvReference, "FROM a:1\nENV PATH=/a:$PATH PATH=/b:$PATH\n")).toEqual(["2:27"]);
  });
});

describe("DF054 require-workdir-before-relative-copy", () => {
  it("trusts base images that set their own WORKDIR, through ARG defaults", () => {
    const text =
      "ARG BASE=rayproject/ray:2.40.0\nFROM ${BASE}\nCOPY serve.py .\nFROM quay.io/jupyter/base-notebook:2024-12-02\nCOPY notebook.ipynb .\nFROM python:3.12-slim\nCOPY app.py .\n";
    expect(positions(run(requireWorkdirBeforeRelativeCopy, text))).toEqual(["7:13"]);
  });

  it("accepts a WORKDIR in a parent stage, not one after the COPY", () => {
    const text =
      "FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY x .\nFROM a:1\nCOPY x y\nWORKDIR /app\nCOPY x y\nADD z C:\\\\app\nCOPY a $DIR\n";
    expect(at(requireWorkdirBeforeRelativeCopy, text)).toEqual(["6:8"]);
  });
  it("accepts scratch, whose working directory is /, also through a stage", () => {
    const text = "FROM scratch AS code\nCOPY llm llm\nFROM code\nCOPY .git .git\nFROM a:1\nCOPY llm llm\n";
    expect(at(requireWorkdirBeforeRelativeCopy, text)).toEqual(["6:10"]);
  });
});

describe("DF055 require-useradd-no-log-init", () => {
  it("reports the UID and inserts --no-log-init", () => {
    const text =
      "FROM a:1\nRUN useradd --uid=1000680000 app && useradd -l -u 1000680000 b && useradd -u 99999 c\n";
    const findings = run(requireUseraddNoLogInit, text);
    expect(positions(findings)).toEqual(["2:19"]);
    expect(fixed(text, findings)).toContain("RUN useradd --no-log-init --uid=1000680000 app");
  });
});

describe("DF056 prefer-merged-run", () => {
  it("reports each short RUN after a short RUN, across comments", () => {
    const text = "FROM a:1\nRUN a\n# note\nRUN b\nRUN d\nENV X=1\nRUN e\n";
    const findings = run(preferMergedRun, text);
    expect(positions(findings)).toEqual(["4:1", "5:1"]);
    expect(relatedAt(findings[0]!)).toEqual(["2:1"]);
  });
  it("keeps chained RUNs, different flags and exec form apart", () => {
    const text =
      'FROM a:1\nRUN a && b\nRUN d\nRUN e; f\nRUN --mount=type=cache,target=/c e\nRUN ["f"]\nRUN g\n';
    expect(at(preferMergedRun, text)).toEqual([]);
  });
});

describe("DF057 no-reserved-stage-name", () => {
  it("reports reserved aliases in any case", () => {
    expect(at(noReservedStageName, "FROM a:1 AS Context\nFROM scratch\n")).toEqual(["1:13"]);
  });
});

describe("DF058 prefer-numeric-user", () => {
  it("checks only the user the final image starts with", () => {
    expect(at(preferNumericUser, "FROM a:1 AS b\nUSER app\nFROM b\nRUN x\n")).toEqual(["2:6"]);
    expect(at(preferNumericUser, "FROM a:1 AS b\nUSER app\nFROM a:1\nUSER 1000:app\n")).toEqual([]);
    expect(at(preferNumericUser, "FROM a:1\nARG UID=1000\nUSER ${UID}\n")).toEqual([]);
    expect(at(preferNumericUser, "FROM a:1\nUSER app\nUSER root\n")).toEqual([]);
  });
});

describe("DF059 no-copy-whole-filesystem", () => {
  it("reports / to / except into scratch", () => {
    const text =
      "FROM a:1 AS b\nFROM a:1\nCOPY --from=b / /\nCOPY --from=b / /out/\nFROM scratch\nCOPY --from=b / /\n";
    expect(at(noCopyWholeFilesystem, text)).toEqual(["3:15"]);
  });
});

describe("DF060 no-maintainer", () => {
  it("rewrites MAINTAINER as a quoted label", () => {
    const text = 'FROM a:1\nmaintainer Jane "JD" Doe $HOME\n';
    const findings = run(noMaintainer, text);
    expect(positions(findings)).toEqual(["2:1"]);
    expect(fixed(text, findings)).toBe('FROM a:1\nLABEL maintainer="Jane \\"JD\\" Doe \\$HOME"\n');
  });
});

describe("DF061 prefer-shell-instruction", () => {
  it("reports ln onto /bin/sh only", () => {
    const text = "FROM a:1\nRUN ln -s /usr/bin/python3 /usr/bin/python && ln -sf bash /bin/sh\n";
    expect(at(preferShellInstruction, text)).toEqual(["2:47"]);
  });
});

describe("DF062 require-pipefail", () => {
  it("reports the first command of each pipeline, on its own line", () => {
    const text = "FROM a:1\nRUN apt-get update \\\n && curl -fsSL u | tar -xz | cat \\\n && a | b\n";
    expect(at(requirePipefail, text)).toEqual(["3:5", "4:5"]);
  });
  it("follows SHELL changes within and across stages", () => {
    const text = [
      "FROM a:1 AS base",
      'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
      "RUN a | b",
      "FROM base",
      "RUN c | d",
      'SHELL ["/bin/sh", "-c"]',
      "RUN e | f",
      'SHELL ["pwsh", "-Command"]',
      "RUN g | h",
      "FROM a:1",
      "RUN i | j",
      "",
    ].join("\n");
    expect(at(requirePipefail, text)).toEqual(["7:5", "11:5"]);
  });
  it("accepts set -o pipefail before the pipe, and exec form, and Windows images", () => {
    const text =
      'FROM a:1\nRUN set -eux; set -o pipefail; a | b\nRUN a | b; set -o pipefail\nRUN ["sh", "-c", "a | b"]\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a | b\n';
    expect(at(requirePipefail, text)).toEqual(["3:5"]);
  });
  it("reads heredoc bodies", () => {
    expect(at(requirePipefail, "FROM a:1\nRUN <<EOF\nset -e\ncurl u | tar -x\nEOF\n")).toEqual(["4:1"]);
  });
  it("reports a pipeline of subshells once", () => {
    const text = "FROM a:1\nRUN (cd /a && tar cf - .) | (cd /b && tar xf -) && true\n";
    expect(at(requirePipefail, text)).toEqual(["2:6"]);
  });
  it("skips pipes fed by echo or printf, inside substitutions, and whose status is tested", () => {
    const text = [
      "FROM a:1",
      "RUN echo 'tzdata tzdata/Areas select America' | debconf-set-selections",
      'RUN printf "%s\\n" "$X" | tee f && echo "$(curl u | cut -c1)" | tee g',
      'RUN conda install "cuda=$(echo $V | cut -d. -f1-2)" `a | b`',
      'RUN if echo "$X" | grep -q cuda; then a | b; fi; while c | d; do :; done',
      "RUN curl u | sh || echo failed",
      "",
    ].join("\n");
    expect(at(requirePipefail, text)).toEqual(["5:39"]);
  });
});

describe("DF063 no-ssh-port / DF064 no-workdir-in-system-directory / DF065 no-chpasswd", () => {
  it("reports port 22 alone or in a range", () => {
    expect(at(noSshPort, "FROM a:1\nEXPOSE 2222 20-25/tcp 22/udp\n")).toEqual(["2:13"]);
  });
  it("reports system directories, not look-alikes", () => {
    expect(
      at(noWorkdirInSystemDirectory, "FROM a:1\nWORKDIR /proc\nWORKDIR /sysroot\nWORKDIR /boot/x\n"),
    ).toEqual(["2:9", "4:9"]);
  });
  it("accepts chpasswd fed from a build secret", () => {
    const text =
      "FROM a:1\nRUN echo 'a:b' | chpasswd\nRUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw\n";
    expect(at(noChpasswd, text)).toEqual(["2:18"]);
  });
});

describe("DF066 prefer-named-stage-in-copy-from", () => {
  it("reports an index and names the stage when it has a name", () => {
    const text = "FROM a:1 AS wheels\nFROM a:1\nCOPY --from=0 /w /w\nCOPY --from=wheels /w /w\n";
    expect(messages(run(preferNamedStageInCopyFrom, text))).toEqual([
      "COPY --from=0 refers to a stage by its position: it is named wheels",
    ]);
  });
});

describe("DF067 no-single-quoted-json-args", () => {
  it("reports single-quoted arrays of every exec-form instruction and swaps the quotes", () => {
    const text =
      "FROM a:1\nENTRYPOINT ['python']\nSHELL ['/bin/bash', '-c']\nHEALTHCHECK CMD ['true']\nRUN ['make']\nCMD ['it''s']\n";
    const findings = run(noSingleQuotedJsonArgs, text);
    expect(positions(findings)).toEqual(["2:12", "3:7", "4:17", "5:5"]);
    expect(fixed(text, findings)).toContain('ENTRYPOINT ["python"]\nSHELL ["/bin/bash", "-c"]');
  });
});

describe("DF068 no-swallowed-instruction", () => {
  it("finds the keyword at the start of a continuation line", () => {
    const text = "FROM a:1\nRUN apt-get install -y curl \\\n  COPY . /app\nLABEL a=b \\\nEXPOSE 80\n";
    expect(at(noSwallowedInstruction, text)).toEqual(["3:3", "5:1"]);
  });
  it("ignores quoted text, heredoc bodies, lower case and mid-line words", () => {
    const text =
      'FROM a:1\nRUN echo "a \\\nRUN b"\nRUN <<EOF\nCOPY x\nEOF\nRUN make \\\n  copy x && echo COPY y\n';
    expect(at(noSwallowedInstruction, text)).toEqual([]);
  });
});
