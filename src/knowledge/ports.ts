/** The ports EXPOSE declares, split into port and protocol with exact spans; shared by the EXPOSE rules. */
import type { Dockerfile, Instruction, Word } from "../model/dockerfile.js";
import type { Span } from "../source.js";

export interface ExposedPort {
  instruction: Instruction;
  /** The whole `port[/protocol]` word. */
  word: Word;
  /** What comes before the `/`: `8000`, `8000-8010`, `80:8080`, `$PORT`. */
  port: Word;
  protocol?: Word;
}

/** Every port word of every EXPOSE, ONBUILD triggers included; words of comments inside continuations are not ports. */
export function exposedPorts(doc: Dockerfile): ExposedPort[] {
  const comments = doc.comments.map((c) => c.span);
  return doc.instructions
    .map((i) => (i.kind === "onbuild" ? i.trigger : i))
    .filter((i): i is Instruction => i?.keyword === "EXPOSE")
    .flatMap((instruction) =>
      instruction.args
        .filter((word) => word.value !== "\\" && !comments.some((c) => within(word.span, c)))
        .map((word) => ({
          instruction,
          word,
          ...splitProtocol({ value: doc.file.slice(word.span), span: word.span }),
        })),
    );
}

/** Splits the word as written (`word.value` may have lost quotes, which would shift the spans). */
function splitProtocol(word: Word): { port: Word; protocol?: Word } {
  const slash = word.value.lastIndexOf("/");
  if (slash === -1) return { port: word };
  const at = word.span.start + slash;
  return {
    port: { value: word.value.slice(0, slash), span: { start: word.span.start, end: at } },
    protocol: { value: word.value.slice(slash + 1), span: { start: at + 1, end: word.span.end } },
  };
}

function within(span: Span, outer: Span): boolean {
  return outer.start <= span.start && span.end <= outer.end;
}

/** `--port 8000`, `--port=8000`, streamlit's `--server.port`, and gunicorn's `--bind`/`-b` `host:8000`. */
const portFlags = ["--port", "--server.port"];
const bindFlags = ["--bind", "-b"];

/**
 * The port a server's command line says it listens on, with the word that says it; undefined when the words do not
 * name one. `words` is the whole command line (ENTRYPOINT then CMD, or compose `command`).
 */
export function listenPort<W extends Word>(words: readonly W[]): { port: string; word: W } | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [flag, attached] = splitOption(word.value);
    const valueWord = attached === undefined ? words[i + 1] : word;
    const value = attached ?? words[i + 1]?.value;
    if (value === undefined || !valueWord) continue;
    const port = portFlags.includes(flag)
      ? value
      : bindFlags.includes(flag)
        ? value.split(":").at(-1)
        : undefined;
    if (port !== undefined && /^\d+$/.test(port)) return { port, word: valueWord };
  }
  return undefined;
}

function splitOption(text: string): [string, string | undefined] {
  const equals = text.indexOf("=");
  return text.startsWith("--") && equals !== -1
    ? [text.slice(0, equals), text.slice(equals + 1)]
    : [text, undefined];
}
