/**
 * What marks a compose file or a service as set up for development: the file's name, debugger launches, debug
 * switches in the environment, auto-reload flags. Shared by the rules that keep these out of production.
 */
import { commandName, hasFlag, type ShellCommand, subcommand } from "../parse/shell.js";

/** `docker-compose.dev.yml`, `compose.local.yaml`, `compose.override.yaml`, `dev.compose.yml`, `compose-debug.yml`. */
export function isDevelopmentFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return /(^|[._-])(dev|devel|develop|development|local|override|debug)([._-])/.test(name);
}

/** `python -m debugpy ...`, `debugpy ...` or the older `python -m ptvsd ...`. */
export function isDebuggerCommand(command: ShellCommand): boolean {
  const name = commandName(command) ?? "";
  if (name === "debugpy") return true;
  const module = command.args.findIndex((a) => a.value === "-m");
  return /^python[\d.]*$/.test(name) && /^(debugpy|ptvsd)$/.test(command.args[module + 1]?.value ?? "");
}

/** The flag that makes a debugger block the program until a client attaches. */
export function waitForClientFlag(command: ShellCommand) {
  return isDebuggerCommand(command)
    ? command.args.find((a) => a.value === "--wait-for-client" || a.value === "--wait")
    : undefined;
}

const reloadingServers = /^(uvicorn|gunicorn|hypercorn|flask)$/;

/** The word that turns on auto-reload or a debug server: `uvicorn --reload`, `flask run --debug`, `fastapi dev`. */
export function reloadWord(command: ShellCommand) {
  const name = commandName(command) ?? "";
  if (name === "fastapi" && subcommand(command)?.value === "dev") return subcommand(command);
  if (!reloadingServers.test(name) || !hasFlag(command, "--reload", "--debug")) return undefined;
  return command.args.find((a) => a.value === "--reload" || a.value === "--debug");
}

/** Variables that switch a web framework into debug mode (Werkzeug's console runs any code it is sent). */
export const debugVariables = new Set(["DEBUG", "FLASK_DEBUG", "DJANGO_DEBUG"]);

export function isTruthy(value: string): boolean {
  return /^(1|true|yes|on)$/i.test(value.trim());
}
