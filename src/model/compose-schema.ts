/**
 * Checks a compose document against the Compose Specification schema (precompiled by
 * scripts/gen-compose-validator.mjs) and turns every ajv error into a problem at its YAML node: an unknown key at
 * the key (with a "did you mean"), a wrong type, value or pattern at the value.
 *
 * The schema spells alternatives with `oneOf` (`build: string | mapping`, `environment: mapping | list`), and ajv
 * reports every failed branch plus the `oneOf` itself. Only the most specific errors are kept: the `oneOf` error
 * goes when a branch explains it, and a branch's type mismatch goes when another branch accepted the type and
 * failed deeper; when every branch failed on type, their types are merged into one message.
 */
import type { ErrorObject } from "ajv";
import { keySpan, nodeAtPath, nodeSpan, type YamlDocument } from "../parse/yaml.js";
import type { Span } from "../source.js";
import { closest } from "../suggest.js";
import type { ComposeProblem } from "./compose.js";

type Path = (string | number)[];

type Validator = typeof import("../generated/compose-validator.js").default;
let validateCompose: Validator | undefined;

/**
 * Loads the precompiled validator (about 40% of the CLI's code) once, and only for runs that have a compose file:
 * a Dockerfile-only run never compiles it. The pipeline awaits this before building compose models.
 */
export async function loadComposeSchema(): Promise<void> {
  validateCompose ??= (await import("../generated/compose-validator.js")).default;
}

/** Every schema error in `data` (the document as plain data), at its node, in file order. */
export function schemaProblems(document: YamlDocument, data: unknown): ComposeProblem[] {
  if (!validateCompose) throw new Error("the compose schema was not loaded (call loadComposeSchema first)");
  if (validateCompose(data)) return [];
  const seen = new Set<string>();
  const problems: ComposeProblem[] = [];
  for (const error of mostSpecific(validateCompose.errors ?? [])) {
    const problem = describe(document, error);
    // Two services inheriting one wrong anchor share its node: one finding there is enough.
    const id = `${problem.span.start}:${problem.span.end}:${problem.detail}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ kind: "schema", message: problem.message, span: problem.span });
  }
  return problems.sort((a, b) => a.span.start - b.span.start);
}

/** Drops the errors a more specific one explains (see the module comment) and merges type alternatives. */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  // Paths at or above a specific (not type, not alternative) error, and paths strictly above a type error.
  const aboveSpecific = new Set<string>();
  const aboveType = new Set<string>();
  for (const error of errors) {
    if (isAlternative(error)) continue;
    const ancestors = pathAndAncestors(error.instancePath);
    if (error.keyword === "type") for (const path of ancestors.slice(1)) aboveType.add(path);
    else for (const path of ancestors) aboveSpecific.add(path);
  }
  const explained = (error: ErrorObject) =>
    aboveSpecific.has(error.instancePath) || aboveType.has(error.instancePath);
  const kept: ErrorObject[] = [];
  const typeAt = new Map<string, ErrorObject>();
  for (const error of errors) {
    if ((isAlternative(error) || error.keyword === "type") && explained(error)) continue;
    if (isAlternative(error) && typeAt.has(error.instancePath)) continue;
    if (error.keyword !== "type") {
      kept.push(error);
      continue;
    }
    const earlier = typeAt.get(error.instancePath);
    if (earlier) {
      earlier.params = { type: [...typeList(earlier.params.type), ...typeList(error.params.type)] };
      continue;
    }
    const copy = { ...error, params: { ...error.params } };
    typeAt.set(error.instancePath, copy);
    kept.push(copy);
  }
  return kept;
}

function isAlternative(error: ErrorObject): boolean {
  return error.keyword === "oneOf" || error.keyword === "anyOf";
}

/** `/a/b` -> ["/a/b", "/a", ""]. */
function pathAndAncestors(pointer: string): string[] {
  const paths = [pointer];
  for (let end = pointer.lastIndexOf("/"); end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
    paths.push(pointer.slice(0, end));
    if (end === 0) break;
  }
  return paths;
}

function typeList(type: unknown): string[] {
  return Array.isArray(type) ? type : String(type).split(",");
}

interface Described {
  message: string;
  /** The message without its location, to recognise the same problem reached by two paths. */
  detail: string;
  span: Span;
}

function describe(document: YamlDocument, error: ErrorObject): Described {
  const path = pointerSegments(error.instancePath);
  const where = pathText(path);
  const params = error.params as Record<string, unknown>;
  const at = (detail: string, span: Span) => ({
    message: where ? `${where}: ${detail}` : detail,
    detail,
    span,
  });
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      return at(unknownKeyText(key, error), keyOrValueSpan(document, [...path, key]));
    }
    case "required":
      return at(`missing required key \`${params.missingProperty}\``, keyOrValueSpan(document, path));
    case "uniqueItems":
      return at(
        `item ${params.i} repeats item ${params.j}`,
        valueSpanAt(document, [...path, Number(params.i)]),
      );
    case "type":
      return at(`must be ${typeNames(typeList(params.type))}`, valueSpanAt(document, path));
    case "enum":
      return at(enumText(params.allowedValues as unknown[], error.data), valueSpanAt(document, path));
    case "pattern":
      return at(`must match /${params.pattern}/`, valueSpanAt(document, path));
    default:
      return at(error.message ?? `fails ${error.keyword}`, valueSpanAt(document, path));
  }
}

/** For an unknown key: the keys its mapping allows (from the failing schema, which `verbose` attaches). */
function unknownKeyText(key: string, error: ErrorObject): string {
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  const names = error.parentSchema?.patternProperties as object | undefined;
  const namePattern = Object.keys(names ?? {}).find((pattern) => pattern !== "^x-");
  if (known.length === 0 && namePattern)
    return `\`${key}\` is not a valid name (must match /${namePattern}/)`;
  const suggestion = closest(key, known);
  return `unknown key \`${key}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`;
}

function enumText(allowed: readonly unknown[], data: unknown): string {
  const names = allowed.map(String);
  const suggestion = typeof data === "string" ? closest(data, names) : undefined;
  return `must be one of ${names.join(", ")}${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`;
}

const YAML_TYPE_NAMES: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  null: "empty",
};

function typeNames(types: readonly string[]): string {
  return [...new Set(types)].map((type) => YAML_TYPE_NAMES[type] ?? type).join(" or ");
}

/** The key of the entry at `path`; the item (or the document) when it is a list item or the root. */
function keyOrValueSpan(document: YamlDocument, path: Path): Span {
  const target = nodeAtPath(document, path);
  if (target?.pair) return keySpan(target.pair);
  return target?.node ? nodeSpan(target.node) : documentSpan(document);
}

/**
 * The value at `path` where its text is written (inside the anchor for an aliased value); the key when the
 * value is empty (`ports:`), so the span is never zero-length.
 */
function valueSpanAt(document: YamlDocument, path: Path): Span {
  const target = nodeAtPath(document, path);
  if (!target) return documentSpan(document);
  const span = target.node ? nodeSpan(target.node) : target.written;
  return span.start === span.end && target.pair ? keySpan(target.pair) : span;
}

function documentSpan(document: YamlDocument): Span {
  const [start, end] = document.range;
  return { start, end };
}

/** `/services/api/ports/0` -> ["services", "api", "ports", 0] (JSON pointer escapes undone). */
function pointerSegments(pointer: string): Path {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** ["services", "api", "ports", 0] -> `services.api.ports[0]`. */
function pathText(path: Path): string {
  return path
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i ? `.${segment}` : segment))
    .join("");
}
