import { parseDockerfileSyntax } from "../parse/dockerfile.js";
import type { ShellCommand, ShellScript } from "../parse/shell.js";
import type { SourceFile, Span } from "../source.js";
import { type ImageRef, parseImageRef, predefinedArgs, substitute } from "./image.js";

/** A piece of instruction text with its exact span: an argument, a key, a value, a path. */
export interface Word {
  value: string;
  span: Span;
}

/** `--name=value` on an instruction; `--mount` options are split into `options`. */
export interface Flag {
  name: string;
  value?: string;
  span: Span;
  valueSpan?: Span;
  options: Record<string, string>;
  /** Where each option's value is written (`from=` of a `--mount`, for a finding on it). */
  optionSpans: Record<string, Span>;
}

export interface KeyValue {
  key: Word;
  value?: Word;
}

export interface Heredoc {
  name: string;
  body: string;
  bodySpan: Span;
  /** The body parsed as a shell script, when it is one (`RUN <<EOF`, `RUN bash <<EOF`). */
  script?: ShellScript;
}

/**
 * How CMD, ENTRYPOINT, RUN and HEALTHCHECK CMD run their command: exec form (a JSON array, no shell) or shell
 * form (`/bin/sh -c`). Either way `commands` lists the simple commands with exact spans; for exec form it is
 * the one command the array spells (plus the commands of an `sh -c "..."` script inside it).
 */
export interface CommandLine {
  form: "exec" | "shell";
  /** The JSON array's strings, for exec form. */
  exec?: Word[];
  /** The parsed script, for shell form. */
  script?: ShellScript;
  commands: ShellCommand[];
}

interface InstructionBase {
  /** The instruction keyword, upper-cased (`RUN`), whatever its casing in the file. */
  keyword: string;
  /** The keyword as written. */
  keywordSpan: Span;
  /** The whole instruction, continuation lines included. */
  span: Span;
  /** The arguments after the keyword and its flags; empty at the keyword's end when there are none. */
  argumentsSpan: Span;
  /** Arguments after the flags, split on whitespace (heredoc bodies excluded). */
  args: Word[];
  flags: Flag[];
  /** The stage the instruction belongs to; undefined before the first FROM. */
  stage?: Stage;
  /** True for the instruction an ONBUILD wraps. */
  onbuild: boolean;
}

export interface FromInstruction extends InstructionBase {
  kind: "from";
  image?: ImageRef;
  alias?: Word;
}
export interface RunInstruction extends InstructionBase, CommandLine {
  kind: "run";
  mounts: Flag[];
  heredocs: Heredoc[];
  /**
   * The package names of the requirements files this RUN installs with `pip install -r FILE`, keyed by FILE as
   * written, when the file was found in the build context (see model/requirements.ts).
   */
  requirements?: Map<string, string[]>;
}
export interface CmdInstruction extends InstructionBase, CommandLine {
  kind: "cmd" | "entrypoint";
}
export interface HealthcheckInstruction extends InstructionBase {
  kind: "healthcheck";
  /** `HEALTHCHECK NONE` disables an inherited check. */
  none: boolean;
  command?: CommandLine & { span: Span };
}
export interface UserInstruction extends InstructionBase {
  kind: "user";
  /** The user part of `user[:group]`. */
  user?: Word;
  group?: Word;
}
export interface PairsInstruction extends InstructionBase {
  kind: "env" | "arg" | "label";
  pairs: KeyValue[];
}
export interface CopyInstruction extends InstructionBase {
  kind: "copy" | "add";
  /** `COPY ["a b", "/dst/"]` (exec form: paths with spaces) or `COPY a /dst/`. */
  form: "exec" | "shell";
  /** The source paths, unquoted in exec form (their spans keep the quotes). */
  sources: Word[];
  destination?: Word;
  heredocs: Heredoc[];
}
export interface WorkdirInstruction extends InstructionBase {
  kind: "workdir";
  path?: Word;
}
export interface ShellFormInstruction extends InstructionBase {
  kind: "shell";
  exec?: Word[];
}
export interface OnbuildInstruction extends InstructionBase {
  kind: "onbuild";
  trigger?: Instruction;
}
/** EXPOSE, VOLUME, STOPSIGNAL, MAINTAINER and unknown keywords. */
export interface OtherInstruction extends InstructionBase {
  kind: "other";
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | HealthcheckInstruction
  | UserInstruction
  | PairsInstruction
  | CopyInstruction
  | WorkdirInstruction
  | ShellFormInstruction
  | OnbuildInstruction
  | OtherInstruction;

export interface Stage {
  index: number;
  from: FromInstruction;
  name?: Word;
  /** The FROM image with global ARG defaults substituted; undefined when FROM has no argument. */
  image?: ImageRef;
  /** The earlier stage this one builds on (`FROM builder`). */
  base?: Stage;
  /** The FROM and every instruction up to the next FROM. */
  instructions: Instruction[];
  isFinal: boolean;
}

export interface Directive {
  name: string;
  value: string;
  span: Span;
}

export interface Comment {
  text: string;
  span: Span;
}

/** A syntax problem: the build would fail or do something other than what the text seems to say. */
export interface SyntaxProblem {
  message: string;
  span: Span;
}

export interface Dockerfile {
  file: SourceFile;
  /** Every top-level instruction in order (ONBUILD triggers hang off their ONBUILD). */
  instructions: Instruction[];
  stages: Stage[];
  /** ARGs before the first FROM; their defaults resolve `${VAR}` in FROM lines. */
  globalArgs: PairsInstruction[];
  directives: Directive[];
  comments: Comment[];
  problems: SyntaxProblem[];
}

/** Parses a Dockerfile into the model every Dockerfile rule reads. Never throws on bad input. */
export function buildDockerfile(file: SourceFile): Dockerfile {
  const syntax = parseDockerfileSyntax(file);
  const globalArgs: PairsInstruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of syntax.instructions) {
    if (instruction.kind === "from") {
      stages.push(openStage(instruction, stages, globalArgs));
    } else if (stages.length === 0) {
      if (instruction.kind === "arg") globalArgs.push(instruction);
    }
    const current = stages.at(-1);
    if (current) {
      current.instructions.push(instruction);
      instruction.stage = current;
      if (instruction.kind === "onbuild" && instruction.trigger) instruction.trigger.stage = current;
    }
  }
  const last = stages.at(-1);
  if (last) last.isFinal = true;
  return { file, globalArgs, stages, ...syntax };
}

function openStage(from: FromInstruction, earlier: Stage[], globalArgs: PairsInstruction[]): Stage {
  const imageWord = from.args[0];
  const defaults = globalArgDefaults(globalArgs);
  const written = imageWord ? parseImageRef(imageWord, defaults) : undefined;
  const reference = written && !written.registry ? stageReference(written, imageWord!, defaults) : undefined;
  const base = reference === undefined ? undefined : findStage(earlier, reference);
  // A stage named through a platform argument is that stage, not an unknown image.
  const image =
    base && written?.unresolved
      ? { ...written, text: reference!, repository: reference!, unresolved: false }
      : written;
  from.image = image;
  const stage: Stage = {
    index: earlier.length,
    from,
    name: from.alias,
    image,
    base,
    instructions: [],
    isFinal: false,
  };
  if (base && image) image.stage = base;
  return stage;
}

/**
 * The text a FROM names a stage by. `FROM runtime-${TARGETARCH}` picks a per-platform stage with an argument the
 * builder supplies; read with amd64's values, so the final stage still has a lineage.
 */
function stageReference(image: ImageRef, word: Word, defaults: ReadonlyMap<string, string>): string {
  if (!image.unresolved) return image.text;
  return substitute(word.value, new Map([...predefinedArgs, ...defaults])).text;
}

/**
 * The defaults of the ARGs before the first FROM: what `${VAR}` in a FROM (or `--from`) resolves to. Each default
 * is expanded as BuildKit does, with the ARGs declared before it.
 */
export function globalArgDefaults(globalArgs: PairsInstruction[]): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const arg of globalArgs) {
    for (const pair of arg.pairs) {
      if (pair.value) defaults.set(pair.key.value, substitute(pair.value.value, defaults).text);
    }
  }
  return defaults;
}

/** The stage named `ref` (case-insensitively, as BuildKit matches aliases) or with that index, before `before`. */
export function findStage(stages: readonly Stage[], ref: string): Stage | undefined {
  const lower = ref.toLowerCase();
  const byName = stages.find((stage) => stage.name?.value.toLowerCase() === lower);
  if (byName) return byName;
  return /^\d+$/.test(ref) ? stages[Number(ref)] : undefined;
}

/** The stage and the stages it builds on, nearest first: what ends up in that stage's image. */
export function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let current: Stage | undefined = stage; current && !seen.has(current); current = current.base) {
    seen.add(current);
    chain.push(current);
  }
  return chain;
}

export function finalStage(doc: Dockerfile): Stage | undefined {
  return doc.stages.at(-1);
}

/** Instructions of one kind in a stage, in order. */
export function instructionsOf<K extends Instruction["kind"]>(
  stage: Stage,
  kind: K,
): (Instruction & { kind: K })[] {
  return stage.instructions.filter((i): i is Instruction & { kind: K } => i.kind === kind);
}

/** Every shell command of every RUN in a stage, with the RUN it belongs to. */
export function runCommands(stage: Stage): { run: RunInstruction; command: ShellCommand }[] {
  return instructionsOf(stage, "run").flatMap((run) => run.commands.map((command) => ({ run, command })));
}

/** The first ENV or ARG pair that sets `name` in the stage's lineage, nearest definition last wins. */
export function envValue(stage: Stage, name: string): KeyValue | undefined {
  let found: KeyValue | undefined;
  for (const s of lineage(stage).reverse()) {
    for (const instruction of s.instructions) {
      if (instruction.kind !== "env") continue;
      for (const pair of instruction.pairs) if (pair.key.value === name) found = pair;
    }
  }
  return found;
}
