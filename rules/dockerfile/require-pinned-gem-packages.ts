import { runsIn } from "../../src/knowledge/os-packages.js";
import { isInstall, packageCommand } from "../../src/knowledge/packages.js";
import { hasFlag } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF142",
  name: "require-pinned-gem-packages",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  aliases: ["hadolint:DL3028"],
  docs: {
    summary: "Gems named on a `gem install` line must carry a version.",
    why: "`gem install bundler` installs the newest release on the day of the build, so a rebuild of the same commit can get a bundler that refuses the lockfile or needs a newer Ruby. A version (`bundler:2.5.22`, or `-v`/`--version` for the gems on the line) makes the build repeatable; local `.gem` files are accepted.",
    examples: [
      { kind: "invalid", files: "FROM ruby:3.3-slim\nRUN gem install bundler\n" },
      {
        kind: "valid",
        files:
          "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22 && gem install rake -v 13.2.1 && gem install ./vendor/tool-1.0.gem\n",
      },
    ],
    fix: "Add the version: `gem install bundler:2.5.22` or `gem install bundler -v 2.5.22`; better, list gems in a Gemfile with a Gemfile.lock.",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        const install = packageCommand(command);
        if (install?.manager !== "gem" || !isInstall(install) || hasFlag(install.command, "-v", "--version"))
          continue;
        // Words after `--` are build options for the gems' native extensions.
        const end =
          install.command.args.find((a) => a.value === "--")?.span.start ?? Number.POSITIVE_INFINITY;
        for (const word of install.packages) {
          if (/[$`:]|\.gem$/.test(word.value) || word.span.start > end) continue;
          report({
            message: `gem ${word.value} has no version: pin it (${word.value}:<version>)`,
            at: word.span,
          });
        }
      }
    }
  },
});
