import { rootImage } from "../../src/knowledge/ml.js";
import { isServerCommand } from "../../src/knowledge/servers.js";
import {
  type CmdInstruction,
  envValue,
  finalStage,
  instructionsOf,
  lineage,
  type Stage,
} from "../../src/model/dockerfile.js";
import { isImage } from "../../src/model/image.js";
import {
  commandName,
  flagValue,
  hasFlag,
  positionalArgs,
  type ShellCommand,
  type ShellWord,
} from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF224",
  name: "no-loopback-server-bind",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "A server started by CMD/ENTRYPOINT must listen on all interfaces, not on 127.0.0.1.",
    why: "Inside a container, 127.0.0.1 is the container's own loopback: a server bound there is unreachable through published ports, Services and health checks from other containers, and requests fail with `connection reset` or `empty reply` although the logs say it is running. Several launchers bind to loopback unless told otherwise: `uvicorn` and `fastapi dev` (`--host`), `flask run` (`--host`, `FLASK_RUN_HOST`), `mlflow server`, `mlflow ui` and `mlflow models serve` (`-h/--host`), `gunicorn` and `hypercorn` (`-b/--bind`; gunicorn binds 0.0.0.0 when `PORT` is set), and `ollama serve` (`OLLAMA_HOST`, which the ollama/ollama image sets). mllint reports those launchers without a host setting, and any server given `127.0.0.1`/`localhost` explicitly. A reverse proxy started by the same command (nginx, caddy, ...) means loopback is intended and nothing is reported; so does a gunicorn config file (`-c`, or a `gunicorn.conf.py` the COPY instructions bring in).",
    examples: [
      {
        kind: "invalid",
        files: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "app:app", "--port", "8000"]\n',
      },
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nEXPOSE 5000\nCMD mlflow models serve -m /models/model -p 5000\n",
      },
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nCMD ["python", "-m", "vllm.entrypoints.openai.api_server", "--host", "127.0.0.1"]\n',
      },
      {
        kind: "valid",
        files: 'FROM python:3.12-slim\nENV FLASK_RUN_HOST=0.0.0.0\nCMD ["flask", "run"]\n',
      },
      {
        kind: "valid",
        files: 'FROM python:3.12-slim\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0"]\n',
      },
      { kind: "valid", files: 'FROM python:3.12-slim\nCMD ["sh", "-c", "nginx && uvicorn app:app"]\n' },
    ],
    fix: "Bind to all interfaces: `--host 0.0.0.0` (uvicorn, flask, mlflow), `--bind 0.0.0.0:8000` (gunicorn, hypercorn), `ENV OLLAMA_HOST=0.0.0.0:11434`. Publish the port only where it should be reachable (`127.0.0.1:8000:8000` in Compose keeps it off the network).",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const stages = lineage(stage);
    const { commands, cmdArgs } = startup(stages);
    if (commands.some((c) => proxies.has(commandName(c) ?? ""))) return;
    for (const command of commands) {
      const launcher = launcherOf(command);
      const explicit = loopbackValue(command, launcher?.hostFlags);
      if (explicit) {
        report({
          message: `\`${commandName(command)}\` listens on ${explicit.value}, which is unreachable from outside the container`,
          at: explicit.span,
        });
      } else if (launcher && !configuresHost(command, launcher, stages, cmdArgs)) {
        report({
          message: `\`${launcher.path.join(" ")}\` listens on 127.0.0.1 unless ${launcher.remedy} is set: the server is unreachable from outside the container`,
          at: command.span,
        });
      }
    }
  },
});

interface Launcher {
  /** The program and subcommands (`mlflow models serve`); `python -m <module>` reads as the module. */
  path: string[];
  /** Flags that choose the address, or hand it to a config file or a socket. */
  hostFlags: string[];
  /** Variables that set the address. */
  env: string[];
  remedy: string;
}

const launchers: Launcher[] = [
  { path: ["uvicorn"], hostFlags: ["--host", "--uds", "--fd"], env: ["UVICORN_HOST"], remedy: "--host" },
  { path: ["fastapi", "dev"], hostFlags: ["--host"], env: [], remedy: "--host" },
  { path: ["flask", "run"], hostFlags: ["-h", "--host"], env: ["FLASK_RUN_HOST"], remedy: "--host" },
  { path: ["mlflow", "server"], hostFlags: ["-h", "--host"], env: ["MLFLOW_HOST"], remedy: "--host" },
  { path: ["mlflow", "ui"], hostFlags: ["-h", "--host"], env: ["MLFLOW_HOST"], remedy: "--host" },
  { path: ["mlflow", "models", "serve"], hostFlags: ["-h", "--host"], env: [], remedy: "--host" },
  {
    path: ["gunicorn"],
    hostFlags: ["-b", "--bind", "-c", "--config"],
    env: ["GUNICORN_CMD_ARGS", "PORT"],
    remedy: "--bind",
  },
  { path: ["hypercorn"], hostFlags: ["-b", "--bind", "-c", "--config"], env: [], remedy: "--bind" },
  { path: ["ollama", "serve"], hostFlags: [], env: ["OLLAMA_HOST"], remedy: "OLLAMA_HOST" },
];

// Programs that front a loopback server from inside the same container.
const proxies = new Set(["nginx", "caddy", "httpd", "apache2", "haproxy", "envoy", "traefik"]);
const genericHostFlags = ["--host", "--hostname", "--bind", "--ip", "--server.address"];
const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)(:\d+)?$/i;

/** The commands the container starts with, and the exec-form CMD words an exec-form ENTRYPOINT receives. */
function startup(stages: Stage[]): { commands: ShellCommand[]; cmdArgs: string[] } {
  const last = (kind: "cmd" | "entrypoint") =>
    stages.map((s) => instructionsOf(s, kind).at(-1)).find((i): i is CmdInstruction => i !== undefined);
  const entrypoint = last("entrypoint");
  const cmd = last("cmd");
  const passesCmd = entrypoint?.form === "exec" && cmd?.form === "exec";
  return {
    commands: [...(entrypoint?.commands ?? []), ...(passesCmd ? [] : (cmd?.commands ?? []))],
    cmdArgs: passesCmd ? (cmd?.exec ?? []).map((w) => w.value) : [],
  };
}

/** The command's program path: `python -m flask run` gives `flask run`. */
function programWords(command: ShellCommand): string[] {
  const name = commandName(command) ?? "";
  if (!/^python[\d.]*$/.test(name)) return [name, ...positionalArgs(command).map((a) => a.value)];
  const module = command.args.findIndex((a) => a.value === "-m");
  if (module === -1) return [];
  const rest = { ...command, args: command.args.slice(module + 2) };
  return [command.args[module + 1]?.value ?? "", ...positionalArgs(rest).map((a) => a.value)];
}

function launcherOf(command: ShellCommand): Launcher | undefined {
  const [program = "", ...rest] = programWords(command);
  return launchers.find((l) => l.path[0] === program && l.path.slice(1).every((w) => rest.includes(w)));
}

/** An address argument that names loopback, for known launchers and any other server. */
function loopbackValue(command: ShellCommand, hostFlags: string[] | undefined): ShellWord | undefined {
  if (!hostFlags && !isServerCommand(command)) return undefined;
  const value = flagValue(command, ...(hostFlags ?? genericHostFlags));
  return value && loopback.test(value.value) ? value : undefined;
}

function configuresHost(
  command: ShellCommand,
  launcher: Launcher,
  stages: Stage[],
  cmdArgs: string[],
): boolean {
  if (launcher.hostFlags.length > 0 && hasFlag(command, ...launcher.hostFlags)) return true;
  if (cmdArgs.some((arg) => launcher.hostFlags.some((f) => arg === f || arg.startsWith(`${f}=`))))
    return true;
  if (launcher.env.some((name) => envValue(stages[0]!, name))) return true;
  const root = rootImage(stages[0]!);
  if (launcher.path[0] === "ollama" && root && isImage(root, "ollama/ollama")) return true;
  return launcher.path[0] === "gunicorn" && copiesGunicornConfig(stages);
}

/** gunicorn reads `./gunicorn.conf.py` by default; a COPY of the whole context may bring one. */
function copiesGunicornConfig(stages: Stage[]): boolean {
  return stages.some((s) =>
    s.instructions.some(
      (i) =>
        (i.kind === "copy" || i.kind === "add") &&
        i.sources.some((src) => /^(\.|\.\/|\*)$|gunicorn\.conf\.py$/.test(src.value)),
    ),
  );
}
