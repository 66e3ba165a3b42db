import { describe, expect, it } from "vitest";
import noAptGetUpgrade from "../../rules/dockerfile/no-apt-get-upgrade.js";
import noCleanupInLaterLayer from "../../rules/dockerfile/no-cleanup-in-later-layer.js";
import noDisabledPackageVerification from "../../rules/dockerfile/no-disabled-package-verification.js";
import noZypperDistUpgrade from "../../rules/dockerfile/no-zypper-dist-upgrade.js";
import preferAptGet from "../../rules/dockerfile/prefer-apt-get.js";
import requireApkNoCache from "../../rules/dockerfile/require-apk-no-cache.js";
import requireAptGetYes from "../../rules/dockerfile/require-apt-get-yes.js";
import requireAptListsCleanup from "../../rules/dockerfile/require-apt-lists-cleanup.js";
import requireAptUpdateWithInstall from "../../rules/dockerfile/require-apt-update-with-install.js";
import requireNoInstallRecommends from "../../rules/dockerfile/require-no-install-recommends.js";
import requireNonInteractiveRpmInstall from "../../rules/dockerfile/require-non-interactive-rpm-install.js";
import requirePinnedOsPackages from "../../rules/dockerfile/require-pinned-os-packages.js";
import requireRpmCacheCleanup from "../../rules/dockerfile/require-rpm-cache-cleanup.js";
import { applyFixes } from "../../src/engine/fix.js";
import type { AnyRule } from "../../src/rule.js";
import { lintText, positions } from "../harness.js";

const at = (text: string, rule: AnyRule) => positions(lintText(text, [rule]));

function fixed(text: string, rule: AnyRule): string {
  const fixes = lintText(text, [rule]).flatMap((f) => (f.fix ? [f.fix] : []));
  return applyFixes(text, fixes).text;
}

describe("DF005 require-apt-update-with-install", () => {
  it("reports an update alone and the install of a later RUN that relies on it", () => {
    const text = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n";
    const findings = lintText(text, [requireAptUpdateWithInstall]);
    expect(positions(findings)).toEqual(["2:5", "3:5"]);
    expect(positions(findings[1]!.related.map((r) => ({ ...findings[1]!, span: r.span })))).toEqual(["2:5"]);
  });

  it("counts add-apt-repository as a refresh of the index, unless it is told not to (-n)", () => {
    const base = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y software-properties-common\n";
    expect(
      at(
        `${base}RUN add-apt-repository -y ppa:deadsnakes/ppa && apt-get install -y python3.12\n`,
        requireAptUpdateWithInstall,
      ),
    ).toEqual([]);
    expect(
      at(
        `${base}RUN add-apt-repository -n -y ppa:deadsnakes/ppa && apt-get install -y python3.12\n`,
        requireAptUpdateWithInstall,
      ),
    ).toEqual(["3:52"]);
  });

  it("accepts update and install chained in one RUN, in a heredoc too", () => {
    expect(
      at("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", requireAptUpdateWithInstall),
    ).toEqual([]);
    expect(
      at(
        "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
        requireAptUpdateWithInstall,
      ),
    ).toEqual([]);
  });

  it("follows the stage lineage, not unrelated stages", () => {
    const text =
      "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM debian:12\nRUN apt-get install -y git\nFROM base\nRUN apt-get install -y git\n";
    expect(at(text, requireAptUpdateWithInstall)).toEqual(["6:5"]);
  });

  it("checks ONBUILD RUN on its own", () => {
    expect(at("FROM debian:12\nONBUILD RUN apt-get update\n", requireAptUpdateWithInstall)).toEqual(["2:13"]);
  });
});

describe("DF006 require-apt-get-yes", () => {
  it("points at the install inside a multi-line RUN, behind assignments and sudo", () => {
    const text =
      "FROM ubuntu:24.04\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get install curl \\\n && sudo apt-get install git\n";
    expect(at(text, requireAptGetYes)).toEqual(["3:36", "4:10"]);
  });

  it("accepts -y anywhere, grouped, long, and -qq", () => {
    for (const flags of [
      "-y install",
      "install -y",
      "-qy install",
      "install --yes",
      "install --assume-yes",
      "install -qq",
      "-q -q install",
      "-o APT::Get::Assume-Yes=true install",
    ])
      expect(at(`FROM ubuntu:24.04\nRUN apt-get ${flags} curl\n`, requireAptGetYes), flags).toEqual([]);
    expect(at("FROM ubuntu:24.04\nRUN apt-get install -q curl\n", requireAptGetYes)).toEqual(["2:5"]);
  });

  it("reports each install of a RUN, ONBUILD RUN and heredoc RUN", () => {
    expect(at("FROM ubuntu:24.04\nRUN apt-get install a; apt-get install b\n", requireAptGetYes)).toEqual([
      "2:5",
      "2:24",
    ]);
    expect(at("FROM ubuntu:24.04\nONBUILD RUN apt-get install a\n", requireAptGetYes)).toEqual(["2:13"]);
    expect(at("FROM ubuntu:24.04\nRUN <<EOF\nset -e\n  apt-get install a\nEOF\n", requireAptGetYes)).toEqual([
      "4:3",
    ]);
  });

  it("inserts -y after install, but not inside exec-form JSON", () => {
    expect(fixed("FROM ubuntu:24.04\nRUN apt-get install curl\n", requireAptGetYes)).toBe(
      "FROM ubuntu:24.04\nRUN apt-get install -y curl\n",
    );
    const exec = lintText('FROM ubuntu:24.04\nRUN ["apt-get", "install", "curl"]\n', [requireAptGetYes]);
    expect(positions(exec)).toEqual(["2:6"]);
    expect(exec[0]!.fix).toBeUndefined();
  });
});

describe("DF007 require-no-install-recommends", () => {
  it("accepts the flag, -o and an apt.conf setting made earlier in the lineage", () => {
    expect(
      at(
        "FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n",
        requireNoInstallRecommends,
      ),
    ).toEqual([]);
    const conf =
      "FROM debian:12 AS base\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/norecs\nFROM base\nRUN apt-get install -y curl\n";
    expect(at(conf, requireNoInstallRecommends)).toEqual([]);
  });

  it("checks only the final stage's lineage", () => {
    const text =
      "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN apt-get -y install curl\n";
    expect(at(text, requireNoInstallRecommends)).toEqual(["4:5"]);
  });

  it("offers an unsafe insertion after install", () => {
    const text = "FROM debian:12\nRUN apt-get -y install curl\n";
    expect(lintText(text, [requireNoInstallRecommends])[0]!.fix?.safety).toBe("unsafe");
    expect(fixed(text, requireNoInstallRecommends)).toBe(
      "FROM debian:12\nRUN apt-get -y install --no-install-recommends curl\n",
    );
  });
});

describe("DF008 require-apt-lists-cleanup", () => {
  it("reports the last install of a RUN that does not remove the lists after it", () => {
    const text =
      "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y a \\\n && apt-get install -y b \\\n && apt-get clean\n";
    expect(at(text, requireAptListsCleanup)).toEqual(["4:5"]);
  });

  it("accepts rm of the lists or of /var/lib/apt, distclean, and cache mounts", () => {
    for (const tail of ["rm -rf /var/lib/apt/lists/*", "rm -rf /var/lib/apt", "apt-get distclean"])
      expect(
        at(`FROM debian:12\nRUN apt-get update && apt-get install -y a && ${tail}\n`, requireAptListsCleanup),
        tail,
      ).toEqual([]);
    expect(
      at(
        "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y a\n",
        requireAptListsCleanup,
      ),
    ).toEqual([]);
  });

  it("accepts the cleanup behind sudo or env", () => {
    const text =
      "FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y a && sudo rm -rf /var/lib/apt/lists/*\n";
    expect(at(text, requireAptListsCleanup)).toEqual([]);
    expect(at(text.replace("sudo rm", "env -u X rm"), requireAptListsCleanup)).toEqual([]);
  });

  it("does not accept a cleanup before the install", () => {
    expect(
      at("FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get install -y a\n", requireAptListsCleanup),
    ).toEqual(["2:36"]);
  });

  it("checks ONBUILD RUN of the final stage", () => {
    expect(
      at("FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y a\n", requireAptListsCleanup),
    ).toEqual(["2:31"]);
  });
});

describe("DF009 no-apt-get-upgrade", () => {
  it("reports upgrade, dist-upgrade and full-upgrade at the command", () => {
    const text =
      "FROM debian:12\nRUN apt-get update \\\n && apt-get -y dist-upgrade \\\n && apt upgrade -y\n";
    expect(at(text, noAptGetUpgrade)).toEqual(["3:5", "4:5"]);
  });

  it("leaves --only-upgrade of one package alone", () => {
    expect(at("FROM debian:12\nRUN apt-get install -y --only-upgrade openssl\n", noAptGetUpgrade)).toEqual(
      [],
    );
  });
});

describe("DF100 require-pinned-os-packages", () => {
  it("reads each manager's version syntax", () => {
    const valid = [
      "apt-get install -y curl=8.5.0-2",
      "apt-get install -y -t bookworm-backports curl",
      "apt-get install -y ./tool.deb",
      "apk add --no-cache --virtual .deps gcc~13.2",
      "yum install -y gcc-11.4.1 @development",
      "dnf install -y ./local.rpm",
      "zypper -n install 'curl>=8'",
      "apt-get install -y $PACKAGES",
    ];
    for (const cmd of valid) expect(at(`FROM x:1\nRUN ${cmd}\n`, requirePinnedOsPackages), cmd).toEqual([]);
  });

  it("reports once per install command, naming the unpinned packages", () => {
    const findings = lintText("FROM x:1\nRUN apk add a=1 b c && dnf install -y python3-devel\n", [
      requirePinnedOsPackages,
    ]);
    expect(positions(findings)).toEqual(["2:5", "2:24"]);
    expect(findings[0]!.message).toContain(": b, c");
    expect(findings[0]!.severity).toBe("info");
  });

  it("asks dnf and yum module installs for a stream (hadolint DL3033/DL3041)", () => {
    const findings = lintText(
      "FROM x:1\nRUN dnf module install -y nodejs php:8.2 && yum module install -y ruby:3.1\n",
      [requirePinnedOsPackages],
    );
    expect(positions(findings)).toEqual(["2:5"]);
    expect(findings[0]!.message).toBe("dnf module install of modules without a stream: nodejs");
  });
});

describe("DF101 require-apk-no-cache", () => {
  it("reports apk add in the final lineage only, and fixes it safely", () => {
    const text = "FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nRUN apk add libstdc++\n";
    expect(at(text, requireApkNoCache)).toEqual(["4:5"]);
    expect(fixed(text, requireApkNoCache)).toContain("RUN apk add --no-cache libstdc++");
  });

  it("accepts a removal of /var/cache/apk after the add, not before it", () => {
    expect(at("FROM alpine:3.20\nRUN apk add a && rm -rf /var/cache/apk/*\n", requireApkNoCache)).toEqual([]);
    expect(at("FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add a\n", requireApkNoCache)).toEqual([
      "2:32",
    ]);
  });
});

describe("DF102 prefer-apt-get", () => {
  it("renames apt for subcommands apt-get runs the same way only", () => {
    const findings = lintText("FROM debian:12\nRUN apt install -y a && apt upgrade -y\n", [preferAptGet]);
    expect(positions(findings)).toEqual(["2:5", "2:25"]);
    expect(findings.map((f) => f.fix?.safety)).toEqual(["safe", undefined]);
    expect(fixed("FROM debian:12\nRUN sudo apt install -y a\n", preferAptGet)).toBe(
      "FROM debian:12\nRUN sudo apt-get install -y a\n",
    );
  });
});

describe("DF103 require-non-interactive-rpm-install", () => {
  it("accepts -y, --assumeyes and zypper's -n / --no-confirm", () => {
    for (const cmd of [
      "yum -y install a",
      "dnf install --assumeyes a",
      "microdnf install -y a",
      "zypper -n in a",
      "zypper install --no-confirm a",
    ])
      expect(at(`FROM x:1\nRUN ${cmd}\n`, requireNonInteractiveRpmInstall), cmd).toEqual([]);
  });

  it("fixes yum/dnf after the action and zypper after its name", () => {
    expect(fixed("FROM x:1\nRUN dnf install a\n", requireNonInteractiveRpmInstall)).toBe(
      "FROM x:1\nRUN dnf install -y a\n",
    );
    expect(fixed("FROM x:1\nRUN zypper remove a\n", requireNonInteractiveRpmInstall)).toBe(
      "FROM x:1\nRUN zypper --non-interactive remove a\n",
    );
  });
});

describe("DF104 no-zypper-dist-upgrade", () => {
  it("reports dup and dist-upgrade, not update", () => {
    const text = "FROM x:1\nRUN zypper -n dup && zypper -n dist-upgrade && zypper -n update\n";
    expect(at(text, noZypperDistUpgrade)).toEqual(["2:5", "2:22"]);
  });
});

describe("DF105 require-rpm-cache-cleanup", () => {
  it("accepts a cleanup by any yum-family manager after the install", () => {
    expect(at("FROM x:1\nRUN yum install -y a && dnf clean all\n", requireRpmCacheCleanup)).toEqual([]);
    expect(at("FROM x:1\nRUN dnf install -y a && rm -rf /var/cache/dnf\n", requireRpmCacheCleanup)).toEqual(
      [],
    );
    expect(at("FROM x:1\nRUN dnf clean all && dnf install -y a\n", requireRpmCacheCleanup)).toEqual(["2:22"]);
  });

  it("does not take a dnf cleanup for zypper's", () => {
    expect(at("FROM x:1\nRUN zypper -n in a && dnf clean all\n", requireRpmCacheCleanup)).toEqual(["2:5"]);
  });
});

describe("DF106 no-disabled-package-verification", () => {
  it("reports each switch at its word, behind sudo too", () => {
    const text =
      "FROM x:1\nRUN sudo apk add --allow-untrusted /tmp/a.apk \\\n && rpm -i --nodigest b.rpm \\\n && apt-get install -y --force-yes c \\\n && echo 'deb [trusted=yes] http://r/ ./' > /etc/apt/sources.list.d/r.list\n";
    expect(at(text, noDisabledPackageVerification)).toEqual(["2:18", "3:12", "4:24", "5:10"]);
  });

  it("reads settings in words, but not repo_gpgcheck", () => {
    expect(at("FROM x:1\nRUN echo gpgcheck=0 >> /etc/yum.conf\n", noDisabledPackageVerification)).toEqual([
      "2:10",
    ]);
    expect(
      at("FROM x:1\nRUN echo repo_gpgcheck=0 >> /etc/yum.conf\n", noDisabledPackageVerification),
    ).toEqual([]);
    expect(
      at(
        "FROM x:1\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y a\n",
        noDisabledPackageVerification,
      ),
    ).toEqual(["2:16"]);
  });
});

describe("DF107 no-cleanup-in-later-layer", () => {
  it("reports the seed's later apk del and bytecode cleanup, related to where they were added", () => {
    const text =
      "FROM python:3.12-alpine\nRUN apk add gcc musl-dev\nRUN pip install -r requirements.txt\nRUN find /usr/local -name '*.pyc' -delete\nRUN apk del gcc musl-dev\n";
    const findings = lintText(text, [noCleanupInLaterLayer]);
    expect(positions(findings)).toEqual(["4:5", "5:5"]);
    const related = findings.map((f) => f.related.map((r) => f.file.position(r.span.start).line));
    expect(related).toEqual([[3], [2]]);
  });

  it("reports rm of COPY output and of a file a RUN downloaded, resolving WORKDIR", () => {
    const text =
      "FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=build /wheels /wheels\nRUN wget -O /tmp/m.tgz https://e/m.tgz\nRUN pip install /wheels/*.whl \\\n && rm -rf /wheels /tmp/m.tgz\n";
    const findings = lintText(text, [noCleanupInLaterLayer]);
    expect(positions(findings)).toEqual(["6:5"]);
    expect(findings[0]!.related.map((r) => findings[0]!.file.position(r.span.start).line)).toEqual([3, 4]);
  });

  it("reports a later apt cache cleanup once per command", () => {
    const text =
      "FROM debian:12\nRUN apt-get update && apt-get install -y a\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\n";
    const findings = lintText(text, [noCleanupInLaterLayer]);
    expect(positions(findings)).toEqual(["3:5", "3:22"]);
    expect(findings.map((f) => f.related.length)).toEqual([2, 2]);
  });

  it("reports the lists at the command that deletes them, not at apt-get clean", () => {
    const text =
      "FROM debian:12\nRUN apt-get update && apt-get install -y a\nRUN <<EOF\nsudo rm -rf /var/lib/apt/lists/*\nsudo apt-get clean\nEOF\n";
    const findings = lintText(text, [noCleanupInLaterLayer]);
    expect(positions(findings)).toEqual(["4:1", "5:6"]);
    expect(findings.map((f) => f.message.slice(0, 26))).toEqual([
      "Deletes /var/lib/apt/lists",
      "Deletes /var/cache/apt, ad",
    ]);
  });

  it("leaves alone cleanups of the same RUN, reads of paths, builder stages and repeated cycles", () => {
    for (const text of [
      "FROM debian:12\nRUN ls /etc\nRUN rm -rf /etc/foo\n",
      "FROM debian:12\nRUN wget -O /tmp/a u && rm /tmp/a\nRUN rm -f /tmp/a\n",
      "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get purge -y gcc\nFROM debian:12\n",
      "FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n",
      "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y a\nRUN apt-get clean\n",
    ])
      expect(at(text, noCleanupInLaterLayer), text).toEqual([]);
  });
});
