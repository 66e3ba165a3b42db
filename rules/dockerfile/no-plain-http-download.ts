import { packageCommand } from "../../src/knowledge/packages.js";
import { plainHttpAt } from "../../src/knowledge/tls.js";
import type { Instruction } from "../../src/model/dockerfile.js";
import { commandName, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule, type Fix } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

// Tools that fetch what their arguments name. OS package managers are left out: their packages are signed.
const downloaders = new Set(["curl", "wget", "aria2c", "git", "svn", "hg"]);
const languageManagers = new Set(["pip", "uv", "conda", "npm", "yarn", "gem", "go"]);
// Variables that tell an installer or the Hugging Face Hub client where to download from.
const sourceVariables = new Set([
  "PIP_INDEX_URL",
  "PIP_EXTRA_INDEX_URL",
  "PIP_FIND_LINKS",
  "UV_INDEX_URL",
  "UV_EXTRA_INDEX_URL",
  "UV_DEFAULT_INDEX",
  "UV_INDEX",
  "UV_FIND_LINKS",
  "NPM_CONFIG_REGISTRY",
  "HF_ENDPOINT",
]);

export default defineRule({
  code: "DF151",
  name: "no-plain-http-download",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  fixable: true,
  docs: {
    summary: "Downloads in the build must use https://, not plain http://.",
    why: "A file fetched over plain HTTP can be read and replaced by anything on the network path. Model weights, wheels and install scripts fetched that way can be swapped in transit, and a swapped pickle checkpoint runs its code when the server loads it. mllint looks at ADD sources, URLs given to curl, wget, git and the language package managers (`pip --index-url`, `npm --registry`...) in RUN, and at index and endpoint variables (`PIP_INDEX_URL`, `UV_INDEX_URL`, `NPM_CONFIG_REGISTRY`, `HF_ENDPOINT`...). Loopback addresses are accepted; OS package managers are not checked because their packages are signed.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nADD http://example.com/models/model.safetensors /models/\n",
      },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nENV PIP_INDEX_URL=http://pypi.internal/simple\nRUN wget -q http://example.com/install.sh && pip install --no-cache-dir --extra-index-url=http://mirror.internal/simple torch==2.3.1\n",
        count: 3,
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nADD https://example.com/models/model.safetensors /models/\nRUN curl -fsS http://localhost:8080/health || true\nRUN echo 'see http://example.com' > /etc/motd\n",
      },
    ],
    fix: "Use the https:// address; for an internal mirror, give it a certificate (and install your CA in the image) rather than serving plain HTTP. The autofix changes `http://` to `https://` (unsafe: the server must serve HTTPS).",
  },
  check({ model, file, report }) {
    for (const instruction of model.instructions) {
      const target = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      for (const span of plainUrls(target)) {
        report({
          message: "Plain http:// download: the file can be swapped in transit; use https://",
          at: span,
          fix: httpsFix(file, span),
        });
      }
    }
  },
});

/** The spans of words that download over plain HTTP in one instruction. */
function plainUrls(instruction: Instruction | undefined): Span[] {
  switch (instruction?.kind) {
    case "add":
      return instruction.sources.filter((s) => plainHttpAt(s.value) === 0).map((s) => s.span);
    case "env":
    case "arg":
      return instruction.pairs
        .filter((p) => p.value && sourceVariables.has(p.key.value) && plainHttpAt(p.value.value) !== -1)
        .map((p) => p.value!.span);
    case "run":
      return instruction.commands
        .filter(downloads)
        .flatMap((c) => c.args.filter((a) => plainHttpAt(a.value) !== -1).map((a) => a.span));
    default:
      return [];
  }
}

function downloads(command: ShellCommand): boolean {
  const manager = packageCommand(command)?.manager;
  return languageManagers.has(manager ?? "") || downloaders.has(commandName(command) ?? "");
}

/** Turns the `http://` in the word's text into `https://`, when it can be found as written. */
function httpsFix(file: SourceFile, span: Span): Fix | undefined {
  const at = plainHttpAt(file.slice(span));
  if (at === -1) return undefined;
  const end = span.start + at + "http".length;
  return { title: "Use https://", safety: "unsafe", edits: [{ span: { start: end, end }, text: "s" }] };
}
