/**
 * How downloads lose their protection: switches that turn off TLS certificate verification, and plain `http://`
 * URLs. Shared by every rule that reads commands or environments, so a Dockerfile ENV and a compose `environment:`
 * are judged alike.
 */
import { commandName, hasFlag, type ShellCommand, type ShellWord } from "../parse/shell.js";
import { assignmentOf, assignmentWords } from "./environment.js";
import { packageCommand } from "./packages.js";

const isOff = (value: string) => /^(0|false|no|off)$/i.test(value.trim());
const isZero = (value: string) => value.trim() === "0";
const isSet = (value: string) => value.trim() !== "";

interface Switch {
  /** What the setting does, for the message. */
  what: string;
  disables(value: string): boolean;
}

// Variables whose value turns verification off. git only asks whether GIT_SSL_NO_VERIFY exists, so any value counts.
// Maps, not plain objects: a name from the file such as `constructor` must not find a prototype member.
const variables = new Map<string, Switch>(
  Object.entries({
    PIP_TRUSTED_HOST: {
      what: "PIP_TRUSTED_HOST makes pip trust hosts without a valid certificate",
      disables: isSet,
    },
    UV_INSECURE_HOST: {
      what: "UV_INSECURE_HOST makes uv trust hosts without a valid certificate",
      disables: isSet,
    },
    PYTHONHTTPSVERIFY: {
      what: "PYTHONHTTPSVERIFY=0 turns off certificate checks in Python",
      disables: isZero,
    },
    NODE_TLS_REJECT_UNAUTHORIZED: {
      what: "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks in Node.js",
      disables: isZero,
    },
    NPM_CONFIG_STRICT_SSL: {
      what: "NPM_CONFIG_STRICT_SSL=false turns off npm's certificate checks",
      disables: isOff,
    },
    YARN_ENABLE_STRICT_SSL: {
      what: "YARN_ENABLE_STRICT_SSL=false turns off yarn's certificate checks",
      disables: isOff,
    },
    GIT_SSL_NO_VERIFY: {
      what: "GIT_SSL_NO_VERIFY turns off git's certificate checks, whatever its value",
      disables: () => true,
    },
    // requests before 2.28 took an empty CURL_CA_BUNDLE as `verify=""`, i.e. off (psf/requests#6071); the trick
    // is still shared for Hugging Face downloads behind proxies.
    CURL_CA_BUNDLE: {
      what: "an empty CURL_CA_BUNDLE turns off certificate checks in Python requests before 2.28",
      disables: (value: string) => value === "",
    },
    CONDA_SSL_VERIFY: {
      what: "CONDA_SSL_VERIFY=false turns off conda's certificate checks",
      disables: isOff,
    },
  }),
);

/** Why setting `name` to `value` turns off certificate verification, or undefined when it does not. */
export function insecureVariable(name: string, value: string): string | undefined {
  // npm reads its `npm_config_*` variables in any case.
  const key = /^npm_config_/i.test(name) ? name.toUpperCase() : name;
  const found = variables.get(key);
  return found?.disables(value) ? found.what : undefined;
}

export interface Bypass {
  word: ShellWord;
  what: string;
}

/** Every part of a command that turns off certificate verification: flags, config settings, variables. */
export function tlsBypasses(command: ShellCommand): Bypass[] {
  const found: Bypass[] = [];
  for (const word of assignmentWords(command)) {
    const set = assignmentOf(word)!;
    const what = insecureVariable(set.name, set.value);
    if (what) found.push({ word, what });
  }
  const option = insecureOption(command);
  if (option) found.push(option);
  return found;
}

// Settings written `key value` or `key=value` (`npm config set strict-ssl false`, `git -c http.sslVerify=false`).
const settings: { tools: string[]; key: RegExp; disables(value: string): boolean; what: string }[] = [
  {
    tools: ["npm", "yarn", "pnpm"],
    key: /^(--)?strict-ssl$|^enableStrictSsl$/,
    disables: isOff,
    what: "strict-ssl false turns off certificate checks",
  },
  {
    tools: ["git"],
    key: /^http\.(\S+\.)?sslverify$/i,
    disables: isOff,
    what: "http.sslVerify false turns off git's certificate checks",
  },
  {
    tools: ["conda"],
    key: /^ssl_verify$/,
    disables: isOff,
    what: "ssl_verify false turns off conda's certificate checks",
  },
  {
    tools: ["pip"],
    key: /^\w+\.trusted-host$/,
    disables: isSet,
    what: "pip's trusted-host setting skips certificate checks",
  },
  {
    tools: ["wget"],
    key: /^check_?certificate$/,
    disables: isOff,
    what: "check_certificate=off turns off wget's certificate checks",
  },
];

// Flags that turn verification off, by tool (`pip` stands for pip, `python -m pip` and `uv pip`).
const flags = new Map<string, { flags: string[]; what: string }>(
  Object.entries({
    curl: { flags: ["-k", "--insecure"], what: "curl --insecure skips certificate checks" },
    wget: { flags: ["--no-check-certificate"], what: "wget --no-check-certificate skips certificate checks" },
    pip: {
      flags: ["--trusted-host", "--allow-insecure-host"],
      what: "--trusted-host makes pip trust the host without a valid certificate",
    },
    npm: { flags: ["--no-strict-ssl"], what: "--no-strict-ssl turns off npm's certificate checks" },
  }),
);

function insecureOption(command: ShellCommand): Bypass | undefined {
  const tool = toolOf(command);
  const flag = flags.get(tool);
  if (flag && hasFlag(command, ...flag.flags)) {
    const word = command.args.find((a) => hasFlag({ ...command, args: [a] }, ...flag.flags));
    if (word) return { word, what: flag.what };
  }
  for (const setting of settings) {
    if (!setting.tools.includes(tool)) continue;
    const word = settingWord(command.args, setting.key, setting.disables);
    if (word) return { word, what: setting.what };
  }
  return undefined;
}

/** The tool a command runs, with pip spelled one way however it is invoked. */
function toolOf(command: ShellCommand): string {
  const manager = packageCommand(command)?.manager;
  if (manager === "pip" || manager === "uv") return "pip";
  return manager ?? commandName(command) ?? "";
}

/** The word naming a setting whose value (`key value` or `key=value`) turns verification off. */
function settingWord(
  args: ShellWord[],
  key: RegExp,
  disables: (value: string) => boolean,
): ShellWord | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const equals = word.value.indexOf("=");
    const name = equals === -1 ? word.value : word.value.slice(0, equals);
    if (!key.test(name)) continue;
    const value = equals === -1 ? args[i + 1]?.value : word.value.slice(equals + 1);
    if (value !== undefined && disables(value)) return word;
  }
  return undefined;
}

const plainHttp = /(^|[\s=+@"'])http:\/\/(?!(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)([:/]|$))/i;

/**
 * Where in `text` a plain `http://` URL to another machine starts (at the start, after `=`, `+`, `@`, a blank or
 * a quote, as in `--index-url=http://`, `git+http://`, `pkg @ http://`, `"http://`), or -1. Loopback addresses
 * never leave the machine.
 */
export function plainHttpAt(text: string): number {
  const match = plainHttp.exec(text);
  return match ? match.index + match[1]!.length : -1;
}
