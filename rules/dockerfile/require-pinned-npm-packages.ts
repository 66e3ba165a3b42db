import { runsIn } from "../../src/knowledge/os-packages.js";
import { type PackageCommand, packageCommand } from "../../src/knowledge/packages.js";
import type { ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF141",
  name: "require-pinned-npm-packages",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  aliases: ["hadolint:DL3016"],
  docs: {
    summary: "Packages named on an `npm install` or `yarn add` line must carry a version.",
    why: "`npm install -g pm2` installs whatever was published last, so two builds of the same commit can differ, and a compromised or broken release reaches the image on the next rebuild. `pkg@1.2.3` (or `@scope/pkg@1.2.3`) fixes it; `@latest` is reported because it asks for the opposite. Installs from `package.json` (no package named), local paths, tarballs, and git URLs with a `#ref` are accepted.",
    examples: [
      { kind: "invalid", files: "FROM node:20-slim\nRUN npm install -g @anthropic-ai/sdk\n" },
      { kind: "invalid", files: "FROM node:20-slim\nRUN yarn global add pm2@latest\n" },
      {
        kind: "valid",
        files:
          "FROM node:20-slim\nRUN npm ci --omit dev && npm install -g pm2@5.4.2 @scope/tool@1.0.0 ./local ./pkg.tgz github:org/repo#v1.0.0\n",
      },
    ],
    fix: "Add the version you tested: `npm install -g pm2@5.4.2`, or list the package in `package.json` with a lockfile and run `npm ci`.",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        for (const word of namedPackages(packageCommand(command))) {
          if (!isPinned(word.value))
            report({ message: `${word.value} has no version: pin it`, at: word.span });
        }
      }
    }
  },
});

/** The packages an `npm install`/`npm i`/`npm add`, `yarn add` or `yarn global add` names. */
function namedPackages(pc: PackageCommand | undefined): ShellWord[] {
  if (pc?.manager === "npm" && ["install", "i", "add"].includes(pc.action)) return pc.packages;
  if (pc?.manager !== "yarn") return [];
  if (pc.action === "add") return pc.packages;
  return pc.action === "global" && pc.packages[0]?.value === "add" ? pc.packages.slice(1) : [];
}

const localOrFile = /^([./~]|file:)|\.(tgz|tar\.gz|tar)$/;
const gitSource = /:\/\/|^(git\+|git@|github:|gitlab:|bitbucket:|gist:)|^[^@][^/]*\/[^/]+$/;

/** True for `pkg@version`, a local path or tarball, a git source with `#ref`, or a word only the build can read. */
function isPinned(spec: string): boolean {
  if (/[$`]/.test(spec) || localOrFile.test(spec)) return true;
  if (gitSource.test(spec)) return spec.includes("#");
  // The version follows the `@` after the name; a scoped name (`@scope/pkg`) starts with one of its own.
  const at = spec.indexOf("@", 1);
  const version = at === -1 ? "" : spec.slice(at + 1);
  return version !== "" && version !== "latest";
}
