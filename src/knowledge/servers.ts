import { commandName, type ShellCommand } from "../parse/shell.js";

/** Programs that start a long-running network server (model servers, web frameworks, notebooks). */
const serverPrograms = new Set([
  "uvicorn",
  "gunicorn",
  "hypercorn",
  "daphne",
  "waitress-serve",
  "streamlit",
  "tritonserver",
  "text-generation-launcher",
  "text-embeddings-router",
  "torchserve",
  "tensorflow_model_server",
  "jupyter",
  "jupyter-lab",
  "nginx",
  "httpd",
  "ollama",
  "bentoml",
  "litellm",
]);

/** `<program> <subcommand>` pairs that serve (`vllm serve`, `mlflow models serve`, `flask run`). */
const serverSubcommands: Record<string, string[]> = {
  vllm: ["serve"],
  mlflow: ["server", "ui", "models", "serve"],
  flask: ["run"],
  ray: ["start"],
  bentoml: ["serve"],
  fastapi: ["run", "dev"],
  sglang: ["serve"],
};

/** Python modules that serve when run with `python -m` (`python -m vllm.entrypoints.openai.api_server`). */
const serverModules =
  /^(uvicorn|gunicorn|http\.server|vllm\.entrypoints|sglang\.launch_server|flask|streamlit|jupyter|text_generation_server)/;

/** True when the command starts a long-running server, as far as its name and first arguments tell. */
export function isServerCommand(command: ShellCommand): boolean {
  return startsOneOf(command, serverPrograms, serverSubcommands, serverModules);
}

function startsOneOf(
  command: ShellCommand,
  programs: ReadonlySet<string>,
  subcommands: Record<string, string[]>,
  modules: RegExp,
): boolean {
  const name = commandName(command) ?? "";
  if (programs.has(name)) return true;
  const first = command.args.find((a) => !a.value.startsWith("-"))?.value ?? "";
  if (subcommands[name]?.includes(first)) return true;
  if (!/^python[\d.]*$/.test(name)) return false;
  const module = command.args.findIndex((a) => a.value === "-m");
  return module !== -1 && modules.test(command.args[module + 1]?.value ?? "");
}

/**
 * The server a command starts, by the name messages use: the program, or `python3 -m <module>` when Python runs
 * a module (the program alone, `python3`, would not say which server).
 */
export function serverName(command: ShellCommand): string | undefined {
  const name = commandName(command);
  if (!/^python[\d.]*$/.test(name ?? "")) return name;
  const module = command.args.findIndex((a) => a.value === "-m");
  const target = command.args[module + 1];
  return module === -1 || !target ? name : `${name} -m ${target.value}`;
}

/** Servers that load model weights before they answer: what a health check must wait for. */
const modelServerPrograms = new Set([
  "tritonserver",
  "text-generation-launcher",
  "text-embeddings-router",
  "torchserve",
  "tensorflow_model_server",
  "infinity_emb",
]);
const modelServerSubcommands: Record<string, string[]> = {
  vllm: ["serve"],
  sglang: ["serve"],
  ollama: ["serve"],
  mlflow: ["models"],
  bentoml: ["serve"],
};
const modelServerModules = /^(vllm\.entrypoints|sglang\.launch_server|text_generation_server)/;

/** True when the command starts a server whose job is to load and serve a model (vLLM, TGI, Triton, ...). */
export function isModelServerCommand(command: ShellCommand): boolean {
  return startsOneOf(command, modelServerPrograms, modelServerSubcommands, modelServerModules);
}
