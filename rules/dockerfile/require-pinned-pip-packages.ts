import { environmentValue } from "../../src/knowledge/environment.js";
import { runsIn } from "../../src/knowledge/os-packages.js";
import { isInstall, packageCommand, packageName, redirectedSpecifier } from "../../src/knowledge/packages.js";
import { flagValue, hasFlag, type ShellCommand, type ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

interface Options {
  ignorePackages: string[];
}

export default defineRule<"dockerfile", Options>({
  code: "DF140",
  name: "require-pinned-pip-packages",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  tags: ["ml"],
  aliases: ["hadolint:DL3013"],
  options: {
    schema: {
      type: "object",
      properties: {
        ignorePackages: {
          type: "array",
          items: { type: "string" },
          description:
            "Packages that may be installed without a version; by default the packaging tools a build upgrades first (`pip install -U pip setuptools wheel`).",
        },
      },
      additionalProperties: false,
    },
    defaults: { ignorePackages: ["pip", "setuptools", "wheel"] },
  },
  docs: {
    summary: "Packages named on a `pip install` line must carry a version.",
    why: "`pip install torch transformers` installs whatever is newest on the day of the build: a rebuild of the same commit can pull a torch built for another CUDA (`CUDA driver version is insufficient`), a transformers that renamed an API, or a numpy 2 that breaks compiled extensions. Any version specifier counts (`==`, `~=`, `>=`, `<`), as do requirement and constraint files (`-r`, `-c`, `PIP_CONSTRAINT`, which pin what they name), local paths, wheel and archive files, `--no-index` installs from a local wheel directory, direct URLs and VCS URLs with an `@ref`. `pipx` is not pip and is not checked, nor is `pip install --dry-run`, which installs nothing, nor `--pre` from a nightly index (a nightly build pinned today is deleted from that index within weeks, so a pin breaks the build instead of fixing it). Unlike hadolint DL3013, the bootstrap upgrade `pip install -U pip setuptools wheel` is allowed by default (`ignorePackages`); set `ignorePackages: []` to report it too, since a new pip has changed resolution and rejected old version strings. An unquoted `pkg>=2.0`, which the shell reads as a redirect, is no-unquoted-version-specifier's finding.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch 'numpy>=1.26'\n",
      },
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir git+https://github.com/org/repo.git\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt \"torch==2.3.1\" 'transformers[torch]~=4.44.0' . ./vendor/pkg \\\n  git+https://github.com/org/repo.git@v1.2.0 https://example.com/pkg-1.0-py3-none-any.whl\nRUN pip install --no-cache-dir -c constraints.txt accelerate\n",
      },
      {
        kind: "valid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --upgrade pip setuptools wheel\n",
      },
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --upgrade pip\n",
        options: { ignorePackages: [] },
      },
    ],
    fix: "Pin the version you tested (`torch==2.3.1`), or move the list to a requirements file generated with hashes by `pip-compile` or `uv pip compile` and install it with `-r`.",
  },
  check({ model, options, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        const install = packageCommand(command);
        if (!install || (install.manager !== "pip" && install.manager !== "uv") || !isInstall(install))
          continue;
        // A dry run installs nothing; constraints pin what they name; nightlies cannot be pinned for long.
        const constrained =
          hasFlag(install.command, "-c", "--constraint", "--no-index", "--dry-run") ||
          environmentValue(run, command, "PIP_CONSTRAINT") !== undefined ||
          installsNightly(install.command);
        if (constrained) continue;
        for (const word of install.packages) {
          const name = packageName(word);
          if (isPinned(word) || options.ignorePackages.includes(name) || redirectedSpecifier(command, word))
            continue;
          const pin = vcs.test(word.value) ? `${word.value}@<commit-sha>` : `${name}==<version>`;
          report({ message: `${name} has no version: pin it (${pin})`, at: word.span });
        }
      }
    }
  },
});

const archive = /\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/i;
const vcs = /^(git|hg|svn|bzr)\+/i;

/** True when the requirement names a version, a file or a fixed source, or cannot be read before the build. */
function isPinned(word: ShellWord): boolean {
  const requirement = word.value.split(";", 1)[0]!.trim();
  if (/[$`]/.test(requirement) || /[=<>]/.test(requirement)) return true;
  if (vcs.test(requirement)) return hasRef(requirement);
  // `name @ url` direct references, URLs, local paths and archives name one fixed artifact.
  return (
    requirement.includes("@") ||
    requirement.includes("://") ||
    requirement.startsWith(".") ||
    requirement.includes("/") ||
    archive.test(requirement)
  );
}

/** A VCS URL is pinned by an `@ref` after the host (`git+https://host/repo@v1`), not by `git@` user info. */
function hasRef(url: string): boolean {
  const afterScheme = url.slice(url.indexOf("://") + 3).split("#", 1)[0]!;
  const slash = afterScheme.indexOf("/");
  return slash !== -1 && afterScheme.slice(slash).includes("@");
}

/** `--pre` from a nightly index (`.../whl/nightly/cu124`): the build it would pin is deleted within weeks. */
function installsNightly(command: ShellCommand): boolean {
  const index = flagValue(command, "--index-url", "-i", "--extra-index-url")?.value ?? "";
  return hasFlag(command, "--pre") && /nightly/i.test(index);
}
