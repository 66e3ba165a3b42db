/**
 * Settings that switch a service's authentication off: environment variables the official images read and
 * command-line options of the servers. Shared by the rules that read environments and commands (compose,
 * Kubernetes), and by the port rules, which treat a published service without authentication as a control plane.
 */

const isTrue = (value: string) => /^(1|true|yes|on)$/i.test(value.trim());
const isFalse = (value: string) => /^(0|false|no|off)$/i.test(value.trim());
const isEmpty = (value: string) => value === "";

interface Switch {
  /** What the setting does, for the message. */
  what: string;
  disables(value: string): boolean;
}

// Maps, not plain objects: a name from the file such as `constructor` must not find a prototype member.
const variables = new Map<string, Switch>(
  Object.entries({
    JUPYTER_TOKEN: {
      what: "an empty JUPYTER_TOKEN starts Jupyter without a token, so anyone who reaches it runs code",
      disables: isEmpty,
    },
    POSTGRES_HOST_AUTH_METHOD: {
      what: "POSTGRES_HOST_AUTH_METHOD=trust lets every client connect to PostgreSQL without a password",
      disables: (value: string) => value.trim().toLowerCase() === "trust",
    },
    MYSQL_ALLOW_EMPTY_PASSWORD: {
      what: "MYSQL_ALLOW_EMPTY_PASSWORD creates the MySQL root user without a password",
      disables: isTrue,
    },
    MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: {
      what: "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD creates the MariaDB root user without a password",
      disables: isTrue,
    },
    ALLOW_EMPTY_PASSWORD: {
      what: "ALLOW_EMPTY_PASSWORD starts the Bitnami image without a password",
      disables: isTrue,
    },
    "xpack.security.enabled": {
      what: "xpack.security.enabled=false turns off Elasticsearch's authentication",
      disables: isFalse,
    },
    DISABLE_SECURITY_PLUGIN: {
      what: "DISABLE_SECURITY_PLUGIN turns off OpenSearch's authentication and TLS",
      disables: isTrue,
    },
    AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: {
      what: "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED lets anyone read and write Weaviate",
      disables: isTrue,
    },
    NEO4J_AUTH: {
      what: "NEO4J_AUTH=none turns off Neo4j's authentication",
      disables: (value: string) => value.trim().toLowerCase() === "none",
    },
    DOCKER_TLS_CERTDIR: {
      what: "an empty DOCKER_TLS_CERTDIR makes docker:dind serve the Docker API on 2375 without TLS or authentication",
      disables: isEmpty,
    },
    TS_DISABLE_TOKEN_AUTHORIZATION: {
      what: "TS_DISABLE_TOKEN_AUTHORIZATION turns off TorchServe's token authorization",
      disables: isTrue,
    },
  }),
);

/** Why setting `name` to `value` turns authentication off, or undefined when it does not. */
export function authDisablingVariable(name: string, value: string): string | undefined {
  const found = variables.get(name);
  return found?.disables(value) ? found.what : undefined;
}

// Jupyter's token options (Notebook, Jupyter Server, and the identity provider of Jupyter Server 2).
const jupyterToken = /^--(?:NotebookApp|ServerApp|IdentityProvider)\.token$/;

/**
 * The word of a command that turns authentication off, and why: an empty Jupyter token (`--ServerApp.token=''`
 * once the shell has removed the quotes, or `--ServerApp.token ''`) or TorchServe's `--disable-token-auth`.
 */
export function authDisablingOption<W extends { value: string }>(
  words: readonly W[],
): { word: W; what: string } | undefined {
  for (const [i, word] of words.entries()) {
    if (word.value === "--disable-token-auth")
      return { word, what: "--disable-token-auth turns off TorchServe's token authorization" };
    const [option, value] = splitOption(word.value, words[i + 1]?.value);
    if (jupyterToken.test(option) && value === "")
      return {
        word,
        what: `an empty ${option} starts Jupyter without a token, so anyone who reaches it runs code`,
      };
  }
  return undefined;
}

/** `--name=value` or `--name value` into name and value (undefined when there is none). */
function splitOption(word: string, next: string | undefined): [string, string | undefined] {
  const equals = word.indexOf("=");
  return equals === -1 ? [word, next] : [word.slice(0, equals), word.slice(equals + 1)];
}
