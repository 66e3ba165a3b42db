import { runsIn } from "../../src/knowledge/os-packages.js";
import { isInstall, packageCommand, packageName, redirectedSpecifier } from "../../src/knowledge/packages.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF145",
  name: "no-unquoted-version-specifier",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "A pip version specifier with `>` must be quoted.",
    why: "The shell reads an unquoted `>` as a redirect: `pip install flash-attn>=2.0` installs the latest flash-attn and writes pip's output to a file named `=2.0`. The build succeeds, the version bound is silently lost, and a later release that needs another torch or CUDA breaks the image. ShellCheck only says that redirections compete (SC2261) when there are several. An unquoted `<` is no better: `pip install numpy<2` reads `2` as an input file and the build stops with `No such file or directory`, which is easy to misread as a packaging problem.",
    examples: [
      { kind: "invalid", files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flash-attn>=2.0\n" },
      { kind: "invalid", files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy<2\n" },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN pip install --no-cache-dir \\\n    torch>2.1 \\\n    numpy>=1.26\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN pip install --no-cache-dir 'flash-attn>=2.0' \"numpy>=1.26\" && pip list > /tmp/installed\n",
      },
    ],
    fix: "Quote the requirement (`'flash-attn>=2.0'`), or move it to a requirements file.",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        const install = packageCommand(command);
        if (!install || (install.manager !== "pip" && install.manager !== "uv") || !isInstall(install))
          continue;
        for (const word of install.packages) {
          const redirect = redirectedSpecifier(command, word);
          if (!redirect) continue;
          const name = packageName(word);
          const file = redirect.target!.value;
          const specifier = `${redirect.op}${file}`;
          const effect =
            redirect.op === ">"
              ? `a redirect to a file named \`${file}\` and installs the latest ${name}`
              : `input from a file named \`${file}\`, and the RUN fails: No such file or directory`;
          report({
            message: `\`${name}${specifier}\` is unquoted: the shell reads \`${specifier}\` as ${effect}`,
            at: { start: word.span.start, end: redirect.span.end },
          });
        }
      }
    }
  },
});
