import type { Span } from "../source.js";
import type { Stage } from "./dockerfile.js";

/** An image reference `[registry/]repository[:tag][@digest]`, after ARG substitution. */
export interface ImageRef {
  /** As written in the file, e.g. `${BASE}` or `python:3.11-slim`. */
  written: string;
  /** With `${VAR}` references replaced by their defaults, e.g. `python:3.11-slim`. */
  text: string;
  span: Span;
  /** Registry host when the reference names one (`nvcr.io`, `localhost:5000`); undefined means Docker Hub. */
  registry?: string;
  /** The path without registry, tag or digest: `python`, `nvidia/cuda`, `pytorch/pytorch`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** True when a variable in the reference has no default, so the real image is only known at build time. */
  unresolved: boolean;
  /** `FROM scratch`: the empty image. */
  scratch: boolean;
  /** The earlier build stage this reference names, when it names one. */
  stage?: Stage;
}

const variablePattern = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

const wordPart = /'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)|([^'"\\]+|.)/gs;

/**
 * Expands a word as BuildKit does in FROM lines and ARG defaults: substitutes `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}` and `${VAR:+alt}` from `values`, outside single quotes, and removes quotes and backslash escapes
 * (an unbalanced quote stays as written). Reports whether some variable had neither a value nor a default.
 */
export function substitute(
  text: string,
  values: ReadonlyMap<string, string>,
): { text: string; unresolved: boolean } {
  let unresolved = false;
  const expand = (part: string) =>
    part.replace(variablePattern, (_match, braced, operator, operand, bare) => {
      const name: string = braced ?? bare;
      const value = values.get(name);
      const isSet = value !== undefined && (value !== "" || !operator?.startsWith(":"));
      if (operator?.endsWith("+")) return isSet ? (operand ?? "") : "";
      if (operator?.endsWith("-")) return isSet ? value! : (operand ?? "");
      if (value === undefined) unresolved = true;
      return value ?? "";
    });
  let result = "";
  for (const [, single, double, escaped, plain] of text.matchAll(wordPart)) {
    if (single !== undefined) result += single;
    // Inside double quotes a backslash escapes only `"`, `$` and `\`; an escaped `$` is not expanded.
    else if (double !== undefined) {
      result += double
        .split(/(\\["$\\])/)
        .map((piece, i) => (i % 2 ? piece[1] : expand(piece)))
        .join("");
    } else if (escaped !== undefined) result += escaped;
    else result += expand(plain!);
  }
  return { text: result, unresolved };
}

/** Splits an image reference by Docker's reference grammar. */
export function parseImageRef(
  word: { value: string; span: Span },
  values: ReadonlyMap<string, string>,
): ImageRef {
  const { text, unresolved } = substitute(word.value, values);
  const [beforeDigest = "", digest] = splitOnce(text, "@");
  const lastSlash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.indexOf(":", lastSlash + 1);
  const name = colon === -1 ? beforeDigest : beforeDigest.slice(0, colon);
  const tag = colon === -1 ? undefined : beforeDigest.slice(colon + 1);
  const firstSlash = name.indexOf("/");
  const head = firstSlash === -1 ? "" : name.slice(0, firstSlash);
  const hasRegistry = head !== "" && (head.includes(".") || head.includes(":") || head === "localhost");
  return {
    written: word.value,
    text,
    span: word.span,
    registry: hasRegistry ? head : undefined,
    repository: hasRegistry ? name.slice(firstSlash + 1) : name,
    tag: tag || undefined,
    digest: digest || undefined,
    unresolved,
    scratch: name.toLowerCase() === "scratch",
  };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** The Docker Hub name of an official image is `library/<name>`; this compares `python` and `library/python` alike. */
export function isImage(ref: ImageRef, repository: string, registry?: string): boolean {
  const normalize = (path: string) => path.toLowerCase().replace(/^library\//, "");
  const registryMatches = (ref.registry ?? "docker.io") === (registry ?? "docker.io");
  return registryMatches && normalize(ref.repository) === normalize(repository);
}

/**
 * Build arguments the builder provides without an ARG, with a typical value for the platform ones (what a FROM
 * line resolves to on an amd64 Linux build).
 */
export const predefinedArgs: ReadonlyMap<string, string> = new Map([
  ...["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"].flatMap((name) => [
    [name, ""] as const,
    [name.toLowerCase(), ""] as const,
  ]),
  ["TARGETPLATFORM", "linux/amd64"],
  ["TARGETOS", "linux"],
  ["TARGETARCH", "amd64"],
  ["TARGETVARIANT", ""],
  ["BUILDPLATFORM", "linux/amd64"],
  ["BUILDOS", "linux"],
  ["BUILDARCH", "amd64"],
  ["BUILDVARIANT", ""],
  ["TARGETSTAGE", ""],
  ["SOURCE_DATE_EPOCH", "0"],
  ["BUILDKIT_INLINE_CACHE", ""],
  ["BUILDKIT_MULTI_PLATFORM", ""],
  ["BUILDKIT_SANDBOX_HOSTNAME", ""],
  ["BUILDKIT_SYNTAX", ""],
  ["BUILDKIT_CONTEXT_KEEP_GIT_DIR", ""],
  ["BUILDKIT_SBOM_SCAN_CONTEXT", ""],
  ["BUILDKIT_SBOM_SCAN_STAGE", ""],
  ["BUILDKIT_DOCKERFILE_CHECK", ""],
]);
