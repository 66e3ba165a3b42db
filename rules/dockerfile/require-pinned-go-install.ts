import { runsIn } from "../../src/knowledge/os-packages.js";
import { type PackageCommand, packageCommand } from "../../src/knowledge/packages.js";
import type { ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// Version queries that resolve to whatever is newest when the build runs.
const moving = new Set(["latest", "upgrade", "patch"]);

export default defineRule({
  code: "DF143",
  name: "require-pinned-go-install",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  aliases: ["hadolint:DL3062"],
  docs: {
    summary: "`go install`, `go get` and `go run` of a remote package must name an `@version`.",
    why: "`go install github.com/org/tool` (outside a module) and `@latest` build whatever the default branch or newest tag holds on the day of the build, so the same Dockerfile produces different binaries and a bad release lands unnoticed. `@upgrade` and `@patch` move the same way and are reported too; `@none` removes a dependency and is left alone. Local packages (`.`, `./cmd/server`, `main.go`) are not checked.",
    examples: [
      {
        kind: "invalid",
        files: "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n",
      },
      { kind: "invalid", files: "FROM golang:1.23\nRUN go install -ldflags=-s golang.org/x/tools/gopls\n" },
      {
        kind: "valid",
        files:
          "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1 && go install ./cmd/server && go run main.go\n",
      },
    ],
    fix: "Name the version you tested: `go install golang.org/x/tools/gopls@v0.16.2`.",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        for (const word of remotePackages(packageCommand(command))) {
          const at = word.value.lastIndexOf("@");
          const version = at === -1 ? "" : word.value.slice(at + 1);
          if (version === "") report({ message: `${word.value} has no @version: pin it`, at: word.span });
          else if (moving.has(version))
            report({ message: `@${version} resolves to whatever is newest: name a version`, at: word.span });
        }
      }
    }
  },
});

/** Package paths of a `go install`, `go get` or `go run` that name a remote module (a host in the first element). */
function remotePackages(pc: PackageCommand | undefined): ShellWord[] {
  if (pc?.manager !== "go" || !["install", "get", "run"].includes(pc.action)) return [];
  // Whatever follows the package of `go run` is the program's own arguments.
  const packages = pc.action === "run" ? pc.packages.slice(0, 1) : pc.packages;
  return packages.filter((word) => !/[$`]/.test(word.value) && /^[^./][^/@]*\.[^/@]*\//.test(word.value));
}
