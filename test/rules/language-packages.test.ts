import { describe, expect, it } from "vitest";
import noDisabledTlsVerification from "../../rules/dockerfile/no-disabled-tls-verification.js";
import noMixedCurlAndWget from "../../rules/dockerfile/no-mixed-curl-and-wget.js";
import noPlainHttpDownload from "../../rules/dockerfile/no-plain-http-download.js";
import noUnquotedVersionSpecifier from "../../rules/dockerfile/no-unquoted-version-specifier.js";
import preferQuietWget from "../../rules/dockerfile/prefer-quiet-wget.js";
import requirePinnedGemPackages from "../../rules/dockerfile/require-pinned-gem-packages.js";
import requirePinnedGoInstall from "../../rules/dockerfile/require-pinned-go-install.js";
import requirePinnedNpmPackages from "../../rules/dockerfile/require-pinned-npm-packages.js";
import requirePinnedPipPackages from "../../rules/dockerfile/require-pinned-pip-packages.js";
import requirePipNoCacheDir from "../../rules/dockerfile/require-pip-no-cache-dir.js";
import requireYarnCacheClean from "../../rules/dockerfile/require-yarn-cache-clean.js";
import type { AnyRule, Finding } from "../../src/rule.js";
import { lintText, positions } from "../harness.js";

const lint = (rule: unknown, text: string, ruleOptions?: Record<string, unknown>) =>
  lintText(text, [rule as AnyRule], { ruleOptions });

/** The text after applying every finding's fix. */
function fixed(text: string, findings: Finding[]): string {
  const edits = findings.flatMap((f) => f.fix?.edits ?? []).sort((a, b) => b.span.start - a.span.start);
  return edits.reduce((out, e) => out.slice(0, e.span.start) + e.text + out.slice(e.span.end), text);
}

describe("DF010 require-pip-no-cache-dir", () => {
  it("reports the pip command inside a multi-line RUN, python -m pip and pip3 --user", () => {
    const text =
      "FROM python:3.12-slim\nRUN apt-get update \\\n && python3 -m pip install --upgrade pip \\\n && pip3 install --user torch==2.3.1\n";
    const findings = lint(requirePipNoCacheDir, text);
    expect(positions(findings)).toEqual(["3:5", "4:5"]);
    expect(findings.map((f) => f.file.slice(f.span))).toEqual(["python3 -m pip install", "pip3 install"]);
  });

  it("fixes by adding --no-cache-dir after install (--no-cache for uv)", () => {
    const text =
      "FROM python:3.12-slim\nRUN pip install torch==2.3.1 && uv pip install --system numpy==1.26.4\n";
    const findings = lint(requirePipNoCacheDir, text);
    expect(findings.map((f) => f.fix?.safety)).toEqual(["safe", "safe"]);
    const after = fixed(text, findings);
    expect(after).toBe(
      "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.1 && uv pip install --no-cache --system numpy==1.26.4\n",
    );
    expect(lint(requirePipNoCacheDir, after)).toEqual([]);
  });

  it("accepts PIP_NO_CACHE_DIR set on the command, exported earlier, or by ENV in a base stage", () => {
    expect(
      lint(requirePipNoCacheDir, "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install x==1\n"),
    ).toEqual([]);
    expect(
      lint(
        requirePipNoCacheDir,
        "FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install x==1\n",
      ),
    ).toEqual([]);
    expect(
      lint(requirePipNoCacheDir, "FROM python:3.12-slim\nRUN env PIP_NO_CACHE_DIR=1 pip install x==1\n"),
    ).toEqual([]);
    const based =
      "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\n\nFROM base\nRUN pip install x==1\n";
    expect(lint(requirePipNoCacheDir, based)).toEqual([]);
  });

  it("does not count an ENV that comes after the RUN, or an ARG of another stage", () => {
    const after = "FROM python:3.12-slim\nRUN pip install x==1\nENV PIP_NO_CACHE_DIR=1\n";
    expect(positions(lint(requirePipNoCacheDir, after))).toEqual(["2:5"]);
    const otherStage =
      "FROM python:3.12-slim AS base\nARG PIP_NO_CACHE_DIR=1\n\nFROM base\nRUN pip install x==1\n";
    expect(positions(lint(requirePipNoCacheDir, otherStage))).toEqual(["5:5"]);
  });

  it("accepts cache mounts over the pip cache or ~/.cache, and a moved cache", () => {
    for (const target of ["/root/.cache/pip", "/root/.cache", "/home/app/.cache/pip"]) {
      const text = `FROM python:3.12-slim\nRUN --mount=type=cache,target=${target} pip install x==1\n`;
      expect(lint(requirePipNoCacheDir, text), target).toEqual([]);
    }
    const moved =
      "FROM python:3.12-slim\nENV PIP_CACHE_DIR=/pipcache\nRUN --mount=type=cache,target=/pipcache pip install x==1\n";
    expect(lint(requirePipNoCacheDir, moved)).toEqual([]);
    const bind = "FROM python:3.12-slim\nRUN --mount=type=bind,target=/root/.cache/pip pip install x==1\n";
    expect(positions(lint(requirePipNoCacheDir, bind))).toEqual(["2:47"]);
  });

  it("accepts removing the cache later in the same RUN", () => {
    expect(
      lint(requirePipNoCacheDir, "FROM python:3.12-slim\nRUN pip install x==1 && rm -rf /root/.cache/pip\n"),
    ).toEqual([]);
    expect(
      lint(requirePipNoCacheDir, "FROM python:3.12-slim\nRUN pip install x==1 && pip cache purge\n"),
    ).toEqual([]);
    expect(
      lint(requirePipNoCacheDir, "FROM python:3.12-slim\nRUN uv pip install x==1 && uv cache clean\n"),
    ).toEqual([]);
  });

  it("accepts uv's --no-cache-dir alias and pip config set in an earlier RUN, before the command only", () => {
    const text = [
      "FROM python:3.12-slim AS base",
      "RUN uv pip install --system --no-cache-dir x==1 && uv pip install -n y==1",
      "RUN pip install a==1 && pip config set global.cache-dir false",
      "FROM base",
      "RUN pip install b==1 && python -m pip config set global.no-cache-dir 0",
      "",
    ].join("\n");
    expect(positions(lint(requirePipNoCacheDir, text))).toEqual(["3:5"]);
  });

  it("leaves builder stages that are not in the final image alone", () => {
    const text =
      "FROM python:3.12 AS build\nRUN pip install build==1.2.1 && python -m build\n\nFROM python:3.12-slim\nCOPY --from=build /dist /dist\nRUN pip install --no-cache-dir /dist/*.whl\n";
    expect(lint(requirePipNoCacheDir, text)).toEqual([]);
  });

  it("reports and fixes pip inside a RUN heredoc", () => {
    const text = "FROM python:3.12-slim\nRUN <<EOF\nset -e\npip install x==1\nEOF\n";
    const findings = lint(requirePipNoCacheDir, text);
    expect(positions(findings)).toEqual(["4:1"]);
    expect(fixed(text, findings)).toContain("\npip install --no-cache-dir x==1\n");
  });

  it("gives no fix for exec-form RUN", () => {
    const findings = lint(requirePipNoCacheDir, 'FROM python:3.12-slim\nRUN ["pip", "install", "x==1"]\n');
    expect(positions(findings)).toEqual(["2:6"]);
    expect(findings[0]?.fix).toBeUndefined();
  });
});

describe("DF140 require-pinned-pip-packages", () => {
  it("leaves nightly --pre installs alone: their builds vanish from the index", () => {
    const text =
      "FROM python:3.12-slim\nRUN pip install --pre torch --index-url https://download.pytorch.org/whl/nightly/cu124\nRUN pip install --pre vllm\n";
    expect(positions(lint(requirePinnedPipPackages, text))).toEqual(["3:23"]);
  });

  it("reads quoted specifiers and reports each unpinned word", () => {
    const text =
      "FROM python:3.12-slim\nRUN pip install \"torch==2.3.1\" 'numpy>=1.26' transformers 'accelerate[deepspeed]'\n";
    const findings = lint(requirePinnedPipPackages, text);
    expect(positions(findings)).toEqual(["2:46", "2:59"]);
    expect(findings.map((f) => f.message)).toEqual([
      "transformers has no version: pin it (transformers==<version>)",
      "accelerate has no version: pin it (accelerate==<version>)",
    ]);
  });

  it("exempts requirements and constraints files, local paths, wheels and --no-index", () => {
    const clean = [
      "RUN pip install -r requirements.txt --requirement=dev.txt",
      "RUN pip install -c constraints.txt torch transformers",
      "RUN PIP_CONSTRAINT=/c.txt pip install torch",
      "RUN pip install . ./pkg /wheels/torch-2.3.1-cp312-cp312-linux_x86_64.whl dist/pkg.tar.gz",
      "RUN pip install --no-index --find-links /wheels torch",
      "RUN pip install -e . --only-binary :all: --index-url https://download.pytorch.org/whl/cpu torch==2.3.1",
      "RUN pip install 'pkg @ https://example.com/pkg.whl' git+https://github.com/org/repo@v1.0#egg=repo",
      "RUN pip install ${TORCH_SPEC} torch==${TORCH_VERSION}",
      "RUN pipx install black",
    ];
    for (const run of clean)
      expect(lint(requirePinnedPipPackages, `FROM python:3.12-slim\n${run}\n`), run).toEqual([]);
  });

  it("reports VCS URLs without a ref, even with user info", () => {
    const text = "FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/org/repo.git\n";
    expect(positions(lint(requirePinnedPipPackages, text))).toEqual(["2:17"]);
  });

  it("allows the bootstrap upgrade of pip, setuptools and wheel unless ignorePackages is emptied", () => {
    const text =
      "FROM python:3.12-slim\nRUN python -m pip install -U pip setuptools && uv pip install --system torch\n";
    expect(positions(lint(requirePinnedPipPackages, text))).toEqual(["2:72"]);
    expect(positions(lint(requirePinnedPipPackages, text, { ignorePackages: [] }))).toEqual([
      "2:30",
      "2:34",
      "2:72",
    ]);
  });

  it("skips dry runs and redirected specifiers, and asks a VCS URL for a commit", () => {
    const text = [
      "FROM python:3.12-slim",
      "RUN pip install --dry-run torch && pip install flash-attn>=2.0",
      "RUN pip install git+https://github.com/org/repo.git",
      "",
    ].join("\n");
    const findings = lint(requirePinnedPipPackages, text);
    expect(positions(findings)).toEqual(["3:17"]);
    expect(findings[0]!.message).toBe(
      "git+https://github.com/org/repo.git has no version: pin it (git+https://github.com/org/repo.git@<commit-sha>)",
    );
  });
});

describe("DF145 no-unquoted-version-specifier", () => {
  it("reports a > specifier the shell took as a redirect, from the package to the file name", () => {
    const text = [
      "FROM python:3.12-slim",
      "RUN pip install flash-attn>=2.0 'numpy>=1.26' torch > /tmp/log && pip list >out",
      "RUN uv pip install --system \\\n    azure-identity>1.6.1 \\\n    scipy<2",
      "",
    ].join("\n");
    const findings = lint(noUnquotedVersionSpecifier, text);
    expect(
      findings.map((f) => {
        const { line, column } = f.file.position(f.span.end);
        return `${positions([f])[0]}-${line}:${column}`;
      }),
    ).toEqual(["2:17-2:32", "4:5-4:25", "5:5-5:12"]);
    expect(findings[0]!.message).toBe(
      "`flash-attn>=2.0` is unquoted: the shell reads `>=2.0` as a redirect to a file named `=2.0` and installs the latest flash-attn",
    );
  });
});

describe("DF141 require-pinned-npm-packages", () => {
  it("reads scoped names, @latest, yarn add and GitHub shorthands", () => {
    const text =
      "FROM node:20-slim\nRUN npm i -g @scope/cli typescript@5.6.2 pm2@latest org/repo org/repo#v1 && yarn add left-pad\n";
    const findings = lint(requirePinnedNpmPackages, text);
    expect(findings.map((f) => f.file.slice(f.span))).toEqual([
      "@scope/cli",
      "pm2@latest",
      "org/repo",
      "left-pad",
    ]);
  });

  it("skips the value of --loglevel (hadolint DL3016)", () => {
    expect(
      lint(requirePinnedNpmPackages, "FROM node:20-slim\nRUN npm install --loglevel verbose sax@0.1.1\n"),
    ).toEqual([]);
  });

  it("ignores installs from package.json", () => {
    expect(
      lint(requirePinnedNpmPackages, "FROM node:20-slim\nRUN npm install && npm ci && yarn install\n"),
    ).toEqual([]);
  });
});

describe("DF142 require-pinned-gem-packages", () => {
  it("accepts name:version and -v, reports the rest", () => {
    const text =
      "FROM ruby:3.3-slim\nRUN gem install rails:7.1.0 nokogiri && gem install bundler --version 2.5.22\n";
    expect(positions(lint(requirePinnedGemPackages, text))).toEqual(["2:29"]);
  });

  it("leaves the build options after -- alone (hadolint DL3028)", () => {
    const text = "FROM ruby:3.3-slim\nRUN gem install nokogiri -- --use-system-libraries=true\n";
    expect(positions(lint(requirePinnedGemPackages, text))).toEqual(["2:17"]);
  });

  it("reads gem i as gem install (hadolint DL3028)", () => {
    expect(
      positions(lint(requirePinnedGemPackages, "FROM ruby:3.3-slim\nRUN gem i rake:13.2.1 nokogiri\n")),
    ).toEqual(["2:23"]);
  });
});

describe("DF143 require-pinned-go-install", () => {
  it("reports missing and moving versions, only for the package of go run", () => {
    const text =
      "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest github.com/a/b@v1.0.0 \\\n && go get -u github.com/c/d@none github.com/e/f \\\n && go run github.com/g/h@v2.0.0 example.com/not/a/package\n";
    const findings = lint(requirePinnedGoInstall, text);
    expect(positions(findings)).toEqual(["2:16", "3:35"]);
    expect(findings[0]?.message).toBe("@latest resolves to whatever is newest: name a version");
  });
});

describe("DF144 require-yarn-cache-clean", () => {
  it("reports yarn install in the final image without a cleanup", () => {
    const text =
      "FROM node:20 AS build\nRUN yarn install\n\nFROM node:20-slim\nRUN yarn global add pm2@5.4.2\n";
    expect(positions(lint(requireYarnCacheClean, text))).toEqual(["5:5"]);
  });

  it("accepts rm of the cache directory", () => {
    const text = "FROM node:20-slim\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n";
    expect(lint(requireYarnCacheClean, text)).toEqual([]);
  });
});

describe("DF150 no-disabled-tls-verification", () => {
  it("reports each switch at its word", () => {
    const text = [
      "FROM python:3.12-slim",
      "ENV PYTHONHTTPSVERIFY=0 NPM_CONFIG_STRICT_SSL=false GIT_SSL_NO_VERIFY=false",
      "ARG GIT_SSL_NO_VERIFY",
      "RUN wget --no-check-certificate https://x/a && curl --insecure https://x/b \\",
      " && git config --global http.sslVerify false && git -c http.https://x.sslVerify=false clone https://x/r \\",
      " && conda config --set ssl_verify no && python -m pip config set global.trusted-host pypi.internal \\",
      " && uv pip install --allow-insecure-host pypi.internal x==1 && NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js \\",
      " && wget -e check_certificate=off https://x/c",
      "",
    ].join("\n");
    const findings = lint(noDisabledTlsVerification, text);
    expect(findings.map((f) => f.file.slice(f.span))).toEqual([
      "PYTHONHTTPSVERIFY",
      "NPM_CONFIG_STRICT_SSL",
      "GIT_SSL_NO_VERIFY",
      "--no-check-certificate",
      "--insecure",
      "http.sslVerify",
      "http.https://x.sslVerify=false",
      "ssl_verify",
      "global.trusted-host",
      "--allow-insecure-host",
      "NODE_TLS_REJECT_UNAUTHORIZED=0",
      "check_certificate=off",
    ]);
    expect(positions(findings).slice(3, 5)).toEqual(["4:10", "4:53"]);
  });

  it("leaves settings that keep verification on", () => {
    const text =
      "FROM node:20-slim\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1 NPM_CONFIG_STRICT_SSL=true\nRUN npm config set strict-ssl true && git config http.sslVerify true && curl -fsSL https://x/k\n";
    expect(lint(noDisabledTlsVerification, text)).toEqual([]);
  });
});

describe("DF151 no-plain-http-download", () => {
  it("reports ADD, downloaders and index URLs, with an unsafe https fix", () => {
    const text =
      'FROM python:3.12-slim\nADD http://example.com/m.bin /m.bin\nRUN curl -fsSL "http://example.com/i.sh" | sh \\\n && pip install --index-url=http://pypi.internal/simple x==1 git+http://h/r@v1\n';
    const findings = lint(noPlainHttpDownload, text);
    expect(positions(findings)).toEqual(["2:5", "3:16", "4:17", "4:62"]);
    expect(findings.every((f) => f.fix?.safety === "unsafe")).toBe(true);
    expect(lint(noPlainHttpDownload, fixed(text, findings))).toEqual([]);
  });

  it("ignores loopback addresses and commands that only print URLs", () => {
    const text =
      "FROM python:3.12-slim\nRUN curl -f http://127.0.0.1:8000/health && wget http://localhost/x && sed -i 's|http://|https://|' /etc/x\n";
    expect(lint(noPlainHttpDownload, text)).toEqual([]);
  });
});

describe("DF160 prefer-quiet-wget", () => {
  it("reads short groups whose last option takes a value", () => {
    const text =
      "FROM debian:12-slim\nRUN wget -qO- https://x/a && wget -O q https://x/b && wget -nv https://x/c\n";
    expect(positions(lint(preferQuietWget, text))).toEqual(["2:30"]);
  });

  it("offers --progress=dot:giga as an unsafe fix", () => {
    const text = "FROM debian:12-slim\nRUN wget https://x/a\n";
    const findings = lint(preferQuietWget, text);
    expect(findings[0]?.fix?.safety).toBe("unsafe");
    expect(fixed(text, findings)).toBe("FROM debian:12-slim\nRUN wget --progress=dot:giga https://x/a\n");
  });
});

describe("DF161 no-mixed-curl-and-wget", () => {
  it("reports once per stage, at the second tool, with the first as related", () => {
    const text =
      "FROM debian:12-slim\nRUN wget -q https://x/a && curl -fsS https://x/b && curl -fsS https://x/c\nFROM debian:12-slim\nRUN curl -fsS https://x/d\n";
    const findings = lint(noMixedCurlAndWget, text);
    expect(positions(findings)).toEqual(["2:28"]);
    expect(findings[0]?.related.map((r) => r.message)).toEqual(["wget is used here"]);
  });
});
