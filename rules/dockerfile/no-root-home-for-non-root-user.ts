import { within } from "../../src/knowledge/os-packages.js";
import { packageCommand } from "../../src/knowledge/packages.js";
import { finalStage, type Instruction, lineage } from "../../src/model/dockerfile.js";
import { commandName, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";
import type { Span } from "../../src/source.js";

// Variables whose directories the program searches at start: a /root entry there is unreachable for other users.
const searchPathVariables = new Set([
  "PATH",
  "PYTHONPATH",
  "PYTHONUSERBASE",
  "VIRTUAL_ENV",
  "LD_LIBRARY_PATH",
]);

interface Use {
  at: Span;
  what: string;
}

export default defineRule({
  code: "DF017",
  name: "no-root-home-for-non-root-user",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "Do not install into /root when the container runs as another user.",
    why: "`pip install --user` run as root installs into `/root/.local`, and the popular multi-stage recipe copies that directory into the final stage (`COPY --from=builder /root/.local /root/.local`, `ENV PATH=/root/.local/bin:$PATH`) and then switches to `USER appuser`. `/root` is mode 700 (750 on some bases), so the non-root user cannot even enter it: the server dies at start with `ModuleNotFoundError`, `gunicorn: not found` or a broken venv symlink, which the build never shows. mllint reports, when the final USER is not root, a `pip install --user` run as root, a COPY/ADD into `/root`, and PATH, PYTHONPATH, PYTHONUSERBASE, VIRTUAL_ENV or LD_LIBRARY_PATH entries under `/root` in the final stage and the stages it builds on. A later RUN that chmods or chowns a path under `/root` is taken as making it readable. A COPY from a builder's `/root` to another destination is fine: only where files land matters.",
    examples: [
      {
        kind: "invalid",
        files:
          'FROM python:3.12 AS builder\nRUN pip install --user -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=builder /root/.local /root/.local\nRUN useradd -m -u 1000 appuser\nUSER appuser\nENV PATH=/root/.local/bin:$PATH\nCMD ["gunicorn", "app:app"]\n',
        count: 2,
      },
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nRUN pip install --no-cache-dir --user gunicorn\nUSER 1000\nCMD ["python", "-m", "gunicorn", "app:app"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12 AS builder\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nUSER 1000\nCMD ["gunicorn", "app:app"]\n',
      },
      {
        kind: "valid",
        files:
          'FROM python:3.12-slim\nRUN useradd -m app\nUSER app\nRUN pip install --user --no-cache-dir gunicorn\nENV PATH=/home/app/.local/bin:$PATH\nCMD ["gunicorn", "app:app"]\n',
      },
    ],
    fix: "Install where every user can read: a virtual environment (`python -m venv /opt/venv`, copied whole and put first on PATH), `pip install --prefix=/install` copied to `/usr/local`, or `COPY --from=builder --chown=appuser /root/.local /home/appuser/.local` with `PATH=/home/appuser/.local/bin:$PATH`.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const instructions = [...lineage(stage)].reverse().flatMap((s) => s.instructions);
    const user = instructions.filter((i) => i.kind === "user").at(-1)?.user?.value;
    if (user === undefined || isRoot(user)) return;
    const opened = instructions.flatMap(commandsOf).filter(opensRootHome);
    for (const use of rootHomeUses(instructions)) {
      if (opened.some((c) => c.span.start > use.at.start)) continue;
      report({
        message: `${use.what}, but the container runs as ${user}, who cannot enter /root: the server fails at start with ModuleNotFoundError or "not found"`,
        at: use.at,
      });
    }
  },
});

function isRoot(user: string): boolean {
  return user === "root" || user === "0";
}

/** The places that put programs or search paths under /root, in order. */
function rootHomeUses(instructions: Instruction[]): Use[] {
  const uses: Use[] = [];
  let user = "root";
  for (const instruction of instructions) {
    if (instruction.kind === "user") user = instruction.user?.value ?? user;
    if (instruction.kind === "run" && isRoot(user)) {
      for (const command of instruction.commands) {
        const flag = userInstallFlag(command);
        if (flag)
          uses.push({ at: flag, what: "`pip install --user` runs as root and installs into /root/.local" });
      }
    }
    if ((instruction.kind === "copy" || instruction.kind === "add") && instruction.destination) {
      const destination = instruction.destination;
      if (within(destination.value, "/root"))
        uses.push({
          at: destination.span,
          what: `${instruction.keyword} puts files in ${destination.value}`,
        });
    }
    if (instruction.kind === "env") {
      for (const { key, value } of instruction.pairs) {
        const entry = value?.value.split(":").find((path) => within(path, "/root"));
        if (value && entry && searchPathVariables.has(key.value))
          uses.push({ at: value.span, what: `${key.value} points into ${entry}` });
      }
    }
  }
  return uses;
}

/** The `--user` word of a `pip install --user`. */
function userInstallFlag(command: ShellCommand): Span | undefined {
  const install = packageCommand(command);
  if (install?.manager !== "pip" || install.action !== "install") return undefined;
  return command.args.find((a) => a.value === "--user")?.span;
}

function commandsOf(instruction: Instruction): ShellCommand[] {
  return instruction.kind === "run" ? instruction.commands : [];
}

/** `chmod`/`chown` of a path under /root: taken as making it usable for the runtime user. */
function opensRootHome(command: ShellCommand): boolean {
  const name = commandName(command);
  return (name === "chmod" || name === "chown") && command.args.some((a) => within(a.value, "/root"));
}
