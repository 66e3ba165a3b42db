import { finalStage, instructionsOf, lineage, type RunInstruction } from "../../src/model/dockerfile.js";
import { commandName, positionalArgs, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF222",
  name: "no-credential-persisted-in-layer",
  target: "dockerfile",
  category: "security",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "A RUN must not write a credential to a file that stays in the image.",
    why: "`RUN --mount=type=secret` keeps the secret out of the image only while it stays in the mount. Commands that log in or configure a client copy it into the layer: `aws configure set aws_secret_access_key` writes `~/.aws/credentials`, `huggingface-cli login`/`hf auth login` stores the token under `~/.cache/huggingface`, `wandb login` writes `~/.netrc`, `docker login` writes `~/.docker/config.json`, `git config url.https://<token>@github.com/.insteadOf` and `npm config set //registry/:_authToken` write config files, and `cat /run/secrets/x > file` copies the secret outright. Anyone who pulls the image can read it with `docker cp` or by unpacking the layer. A later `rm` of the file (or a logout) in the same RUN removes it before the layer is committed and is accepted. Only the final image's stages are checked: a builder stage's layers are not shipped.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=secret,id=aws_credentials \\\n    pip install awscli && \\\n    aws configure set aws_access_key_id $(cat /run/secrets/aws_credentials | head -1) && \\\n    aws s3 cp s3://my-models/model.pkl ./models/\n",
      },
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nRUN --mount=type=secret,id=hf,env=HF_TOKEN huggingface-cli login --token "$HF_TOKEN" && \\\n    huggingface-cli download org/model --local-dir /models\n',
      },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=secret,id=netrc cp /run/secrets/netrc /root/.netrc && pip install -r requirements.txt\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=secret,id=hf,env=HF_TOKEN huggingface-cli download org/model --local-dir /models\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 cp s3://my-models/model.pkl /models/\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN --mount=type=secret,id=netrc cp /run/secrets/netrc /root/.netrc && pip install -r requirements.txt && rm /root/.netrc\n",
      },
    ],
    fix: "Let the tool read the secret where it is mounted instead of copying it: `HF_TOKEN` from `--mount=type=secret,id=hf,env=HF_TOKEN`, AWS credentials from `--mount=type=secret,id=aws,target=/root/.aws/credentials`, a netrc from `target=/root/.netrc`. If a login is unavoidable, log out or delete the file in the same RUN.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const s of lineage(stage)) {
      for (const run of instructionsOf(s, "run")) {
        for (const [index, command] of run.commands.entries()) {
          const file = persistedFile(command, secretsOf(run));
          if (!file || run.commands.slice(index + 1).some((later) => cleansUp(later, file))) continue;
          report({
            message: `\`${commandName(command)}\` writes a credential to ${file}, which stays in the image layer`,
            at: command.span,
          });
        }
      }
    }
  },
});

interface Secrets {
  /** Where the secret mounts of the RUN put files. */
  paths: string[];
  /** Variables the secret mounts set (`env=HF_TOKEN`). */
  variables: string[];
}

function secretsOf(run: RunInstruction): Secrets {
  const mounts = run.mounts.filter((m) => m.options.type === "secret");
  const target = (o: Record<string, string>) => o.target ?? o.dst ?? o.destination;
  return {
    paths: ["/run/secrets/", ...mounts.flatMap((m) => target(m.options) ?? [])],
    variables: mounts.flatMap((m) => m.options.env ?? []),
  };
}

/** `<program> <subcommand...>` logins that store what they are given, and where. */
const logins: { command: string[]; file: string }[] = [
  { command: ["huggingface-cli", "login"], file: "~/.cache/huggingface/token" },
  { command: ["hf", "auth", "login"], file: "~/.cache/huggingface/token" },
  { command: ["wandb", "login"], file: "~/.netrc" },
  { command: ["docker", "login"], file: "~/.docker/config.json" },
  { command: ["gh", "auth", "login"], file: "~/.config/gh/hosts.yml" },
  { command: ["gcloud", "auth", "activate-service-account"], file: "~/.config/gcloud" },
  { command: ["npm", "login"], file: "~/.npmrc" },
];
const logouts = [
  ["huggingface-cli", "logout"],
  ["hf", "auth", "logout"],
  ["docker", "logout"],
  ["gh", "auth", "logout"],
  ["gcloud", "auth", "revoke"],
  ["npm", "logout"],
];

/** Config keys whose value is (or embeds) a credential, per client, and the file the client writes. */
const configSetters: { command: string[]; key: RegExp; value?: RegExp; file: string }[] = [
  {
    command: ["aws", "configure", "set"],
    key: /(^|\.)(aws_access_key_id|aws_secret_access_key|aws_session_token)$/,
    file: "~/.aws/credentials",
  },
  { command: ["git", "config"], key: /^url\.[a-z+]+:\/\/[^@]*@.*\.insteadof$/i, file: "a git config file" },
  {
    command: ["git", "config"],
    key: /^credential\..*helper$/i,
    value: /^store\b/,
    file: "~/.git-credentials",
  },
  {
    command: ["git", "config"],
    key: /^http\..*extraheader$/i,
    value: /authorization/i,
    file: "a git config file",
  },
  { command: ["npm", "config", "set"], key: /:_(authToken|auth|password)\b/, file: "~/.npmrc" },
  { command: ["yarn", "config", "set"], key: /^npmAuth(Token|Ident)$/, file: "~/.yarnrc.yml" },
  { command: ["pip", "config", "set"], key: /url$/, value: /^[a-z+]+:\/\/[^@]*@/i, file: "pip.conf" },
  { command: ["poetry", "config"], key: /^(http-basic|pypi-token)\./, file: "Poetry's auth.toml" },
];

// Files whose whole purpose is to hold a credential.
const credentialFile =
  /(^|\/)(\.netrc|\.git-credentials|\.npmrc|\.pypirc|\.pgpass|\.aws\/credentials|\.docker\/config\.json|pip\.conf|huggingface\/token|\.kaggle\/kaggle\.json)$/;
const writeRedirect = /^[1&]?>[>|]?$/;

/** Where the command writes a credential, or undefined. */
function persistedFile(command: ShellCommand, secrets: Secrets): string | undefined {
  const words = commandWords(command);
  const login = logins.find((l) => startsWith(words, l.command));
  if (login) return login.file;
  for (const setter of configSetters) {
    if (!startsWith(words, setter.command)) continue;
    const key = words[setter.command.length] ?? "";
    const value = words[setter.command.length + 1] ?? "";
    if (setter.key.test(key) && (!setter.value || setter.value.test(value))) return setter.file;
  }
  const redirect = command.redirects.find((r) => writeRedirect.test(r.op) && r.target);
  const target = redirect?.target?.value ?? (words[0] === "tee" ? words.at(-1) : undefined);
  if (target && credentialFile.test(target)) return target;
  const readsSecret = command.args.some((a) => mentionsSecret(a.value, secrets));
  if (readsSecret && target && !target.startsWith("/dev/")) return target;
  if (readsSecret && (words[0] === "cp" || words[0] === "install") && words.length > 2) return words.at(-1);
  return undefined;
}

function mentionsSecret(value: string, secrets: Secrets): boolean {
  return (
    secrets.paths.some((path) => value.includes(path)) ||
    secrets.variables.some((name) => value.includes(`$${name}`) || value.includes(`\${${name}}`))
  );
}

/** True when a later command removes the file (or a directory holding it) or logs out. */
function cleansUp(command: ShellCommand, file: string): boolean {
  const words = commandWords(command);
  if (logouts.some((logout) => startsWith(words, logout))) return true;
  if (words[0] === "git" && command.args.some((a) => a.value.startsWith("--unset"))) return true;
  if (words[0] !== "rm") return false;
  const written = homeRelative(file);
  return words.slice(1).some((path) => {
    const removed = homeRelative(path).replace(/\/\*?$/, "");
    return removed === written || removed === "" || written.startsWith(`${removed}/`);
  });
}

/** `~/.aws`, `$HOME/.aws` and `/root/.aws` all read as `.aws`. */
function homeRelative(path: string): string {
  return path.replace(/^(~|\$HOME|\$\{HOME\}|\/root|\/home\/[^/]+)(\/|$)/, "");
}

/** The command name (`pip3` read as `pip`) and its positional arguments. */
function commandWords(command: ShellCommand): string[] {
  const name = (commandName(command) ?? "").replace(/^pip[\d.]*$/, "pip");
  return [name, ...positionalArgs(command).map((a) => a.value)];
}

function startsWith(words: string[], prefix: string[]): boolean {
  return prefix.every((word, i) => words[i] === word);
}
