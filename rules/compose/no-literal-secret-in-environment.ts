import { interpolates, oncePerSpan, writtenText } from "../../src/knowledge/compose-security.js";
import {
  credentialIn,
  isReference,
  isSecretName,
  isSecretSettingName,
  isWellKnownPassword,
  urlPasswords,
} from "../../src/knowledge/secrets.js";
import type { KeyValueEntry, Value } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

// Values that configure rather than hold a secret: a switch, a path to a file holding it, or a `<placeholder>`.
const notASecret = /^(true|false|yes|no|on|off|none|null)$|^(\/|\.\.?\/|~\/)|^<[^<>]+>$/i;

interface Literal {
  at: Span;
  message: string;
}

const fixHint = (name: string) =>
  `use a Compose secret (\`${name}_FILE=/run/secrets/...\` where the image reads one) or \`\${${name}}\` from an untracked .env`;

/** What is literal about the entry's value as written (before `.env` fills it in); undefined when nothing is. */
function literalSecret(file: SourceFile, entry: KeyValueEntry): Literal | undefined {
  if (!entry.value) return undefined;
  const token = credentialIn(entry.value.written);
  if (token)
    return {
      at: entry.value.span,
      message: `\`${entry.name}\` holds ${token} written in the file: treat it as leaked, rotate it, and ${fixHint(entry.name)}`,
    };
  return urlPassword(file, entry.value, entry.name) ?? namedSecret(entry.value, entry.name);
}

/** A literal password in a `scheme://user:password@host` URL, at the password when the value is written verbatim. */
function urlPassword(file: SourceFile, value: Value, name: string): Literal | undefined {
  const found = urlPasswords(value.written).find((p) => !interpolates(value.written.slice(p.start, p.end)));
  if (!found) return undefined;
  const password = value.written.slice(found.start, found.end);
  const known = isWellKnownPassword(password)
    ? ` the well-known password \`${password}\``
    : " a literal password";
  const source = writtenText(file, value.span);
  return {
    at:
      source.text === value.written
        ? { start: source.start + found.start, end: source.start + found.end }
        : value.span,
    message: `the URL in \`${name}\` carries${known}; write \`\${DB_PASSWORD}\` in its place and set it from a Compose secret or an untracked .env`,
  };
}

/** A literal value of a variable whose name says it is a credential (`POSTGRES_PASSWORD=password`). */
function namedSecret(value: Value, name: string): Literal | undefined {
  const text = value.written.trim();
  if (!isSecretName(name) || isSecretSettingName(name)) return undefined;
  if (isReference(text) || interpolates(text) || notASecret.test(text)) return undefined;
  // `AWS_ACCESS_KEY_ID: minioadmin` is a well-known default, but not a password.
  const kind = /pass(word)?|pwd/i.test(name) ? "password" : "default credential";
  const known = isWellKnownPassword(text)
    ? `the well-known ${kind} \`${text}\`, which anyone who reaches the service can guess`
    : "a literal credential, readable by everyone with the repository";
  return { at: value.span, message: `\`${name}\` is set to ${known}; ${fixHint(name)}` };
}

export default defineRule({
  code: "DC050",
  name: "no-literal-secret-in-environment",
  target: "compose",
  category: "security",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary: "Passwords, tokens and URL credentials must not be written into `environment:` or `build.args`.",
    why: "A compose file lives in the repository: a literal `POSTGRES_PASSWORD`, `HF_TOKEN` or `DATABASE_URL=postgresql://user:password@...` is readable by everyone with access to it, stays in its history after it is changed, and shows in `docker inspect`. Defaults copied from tutorials (`GF_SECURITY_ADMIN_PASSWORD=admin`, `MINIO_ROOT_PASSWORD=minioadmin`, `password`) are worse: scanners try them first. Values written as `${VAR}` are references to a `.env` file or the shell and are not reported, even when `.env` sets them, nor are `<placeholder>` values (they cannot work as a credential); a default such as `changeme` is, because it does. Tokens with a known format (`hf_...`, `AKIA...`, `sk-...`) are reported whatever the variable is called.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  postgres:\n    image: postgres:16-alpine\n    environment:\n      - POSTGRES_USER=user\n      - POSTGRES_PASSWORD=password\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    environment:\n      DATABASE_URL: postgresql://app:s3cr3t-Pa55@postgres:5432/mldb\n      HF_TOKEN: hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    environment:\n      DATABASE_URL: postgresql://app:${DB_PASSWORD}@postgres:5432/mldb\n      HF_TOKEN: ${HF_TOKEN:?set HF_TOKEN in .env}\n      TOKENIZERS_PARALLELISM: "false"\n      GOOGLE_APPLICATION_CREDENTIALS: /run/secrets/gcp.json\n  postgres:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
      },
    ],
    fix: "Rotate the credential, then pass it as a Compose secret: declare `secrets: {db_password: {file: ./secrets/db_password.txt}}`, grant it to the service, and point the image at it (`POSTGRES_PASSWORD_FILE=/run/secrets/db_password`; most official images read a `*_FILE` variable). Or write `${POSTGRES_PASSWORD}` and keep the value in a `.env` that git ignores. For URLs, interpolate only the password: `postgresql://app:${DB_PASSWORD}@postgres:5432/mldb`.",
  },
  check({ model, file, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const entry of [...service.environment, ...(service.build?.args ?? [])]) {
        const literal = literalSecret(file, entry);
        if (literal) once(literal);
      }
    }
  },
});
