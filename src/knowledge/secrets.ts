/**
 * What a secret looks like, by name and by value. Shared by the Dockerfile, compose and Kubernetes rules so
 * they agree on what counts.
 */

// BuildKit's heuristic (SecretsUsedInArgOrEnv): a `_`-separated word of the name is one of these.
const secretWords = new Set([
  "apikey",
  "auth",
  "credential",
  "credentials",
  "key",
  "password",
  "pword",
  "passwd",
  "secret",
  "token",
]);
// Words that make a secret-looking name harmless: it names a public key, a file holding the secret, a version.
const harmlessWords = new Set(["public", "file", "path", "version", "id"]);
// Words that make a name a boolean switch about credentials: `SCCACHE_S3_NO_CREDENTIALS`, `USE_AUTH`.
const switchWords = new Set(["no", "use"]);
// Names whose whole meaning is a credential even though no word above appears in them.
const knownSecretNames = new Set([
  "HF_TOKEN",
  "HUGGING_FACE_HUB_TOKEN",
  "HUGGINGFACEHUB_API_TOKEN",
  "WANDB_API_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "DATABASE_URL_PASSWORD",
  "PGPASSWORD",
  "RABBITMQ_DEFAULT_PASS",
]);

/** True when an environment or build-argument name says it holds a credential (`HF_TOKEN`, `DB_PASSWORD`). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (knownSecretNames.has(upper)) return true;
  const words = name.toLowerCase().split(/[_\-.]+/);
  if (words.some((w) => harmlessWords.has(w)) && !words.includes("password")) return false;
  if (words.some((w) => switchWords.has(w))) return false;
  return words.some((w) => secretWords.has(w));
}

interface CredentialPattern {
  what: string;
  pattern: RegExp;
}

// Token formats with a fixed, documented prefix: a match is almost never a coincidence.
const credentialPatterns: CredentialPattern[] = [
  { what: "a Hugging Face token", pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { what: "an AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    what: "a GitHub token",
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/,
  },
  { what: "an OpenAI API key", pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { what: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { what: "a private key", pattern: /-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/ },
];

/** Names the kind of credential `value` contains, if it contains a recognisable one. */
export function credentialIn(value: string): string | undefined {
  return credentialPatterns.find((c) => c.pattern.test(value))?.what;
}

/** A value that only refers to a secret kept elsewhere (`${HF_TOKEN}`, `$(cat /run/secrets/x)`) is not one. */
export function isReference(value: string): boolean {
  return value === "" || /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^}]*)?\}?$/.test(value.trim());
}

// Last words that make a secret-looking name a setting about the secret: `TOKEN_EXPIRY`, `AUTH_ENABLED`, `AUTH_URL`.
const settingWords = new Set([
  "enabled",
  "disabled",
  "enable",
  "disable",
  "expiry",
  "expiration",
  "ttl",
  "timeout",
  "lifetime",
  "length",
  "type",
  "method",
  "mode",
  "header",
  "prefix",
  "algorithm",
  "provider",
  "url",
  "uri",
  "host",
  "port",
  "user",
  "username",
  "endpoint",
  "scope",
  "issuer",
  "realm",
]);

/** True when a name that looks secret (`isSecretName`) holds a setting about the secret, not the secret. */
export function isSecretSettingName(name: string): boolean {
  const words = name.toLowerCase().split(/[_\-.]+/);
  return settingWords.has(words.at(-1) ?? "");
}

// `scheme://user:password@host`: the userinfo of a URL (a DSN) with a password in it.
const urlPassword = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:([^\s/?#@]+)@/gi;

/** Where the password of each `scheme://user:password@` URL in `text` is (offsets into `text`). */
export function urlPasswords(text: string): { start: number; end: number }[] {
  return [...text.matchAll(urlPassword)].map((match) => {
    const start = match.index + match[0].length - 1 - match[1]!.length;
    return { start, end: start + match[1]!.length };
  });
}

// Default and guessable passwords that scanners try first (images' documented defaults among them).
const wellKnownPasswords = new Set([
  "admin",
  "password",
  "passw0rd",
  "changeme",
  "secret",
  "root",
  "toor",
  "postgres",
  "mysql",
  "guest",
  "minioadmin",
  "123456",
  "12345678",
  "test",
  "default",
]);

/** True for a password attackers try first: a documented default (`admin`, `minioadmin`, `guest`) or a classic. */
export function isWellKnownPassword(value: string): boolean {
  return wellKnownPasswords.has(value.trim().toLowerCase());
}
