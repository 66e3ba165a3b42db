import { posix } from "node:path";
import type { CopyInstruction, Stage, Word } from "../../src/model/dockerfile.js";
import { commandName, type ShellCommand } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// The archives ADD unpacks by itself (tar, optionally gzip, bzip2 or xz compressed), and zip, which it does not.
const tarArchive = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;
const zipArchive = /\.zip$/i;

interface CopiedArchive {
  copy: CopyInstruction;
  source: Word;
  /** The file names the archive can be reached by after the copy. */
  names: Set<string>;
}

export default defineRule({
  code: "DF043",
  name: "no-extract-copied-archive",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  aliases: ["hadolint:DL3010"],
  docs: {
    summary: "Do not COPY a local archive only to extract it in a later RUN.",
    why: "The COPY layer keeps the archive forever, even when the RUN deletes it after unpacking: the image carries the data twice. For packed model weights or datasets that is gigabytes of dead weight pulled on every deploy. `ADD` unpacks a local tar archive in one layer, and `RUN --mount=type=bind` lets any archive (zip too) be extracted without ever being stored.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nCOPY weights.tar.gz /tmp/\nRUN tar -xzf /tmp/weights.tar.gz -C /models && rm /tmp/weights.tar.gz\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nADD weights.tar.gz /models/\nRUN --mount=type=bind,source=tokenizer.zip,target=/tmp/tokenizer.zip unzip /tmp/tokenizer.zip -d /models\n",
      },
    ],
    fix: "For a tar archive, `ADD weights.tar.gz /models/` extracts it directly. For any archive, extract from a bind mount: `RUN --mount=type=bind,source=weights.zip,target=/tmp/weights.zip unzip /tmp/weights.zip -d /models`.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const { archive, extraction } of extractedArchives(stage)) {
        const how = tarArchive.test(archive.source.value)
          ? "use ADD to extract it, or RUN --mount=type=bind"
          : "extract it from RUN --mount=type=bind";
        report({
          message: `${archive.source.value} is copied in and then extracted: the archive stays in the image; ${how}`,
          at: archive.source.span,
          related: [{ file: model.file, span: extraction.span, message: "extracted here" }],
        });
      }
    }
  },
});

/** Each archive COPYed into the stage from the build context, paired with the first RUN command that unpacks it. */
function extractedArchives(stage: Stage): { archive: CopiedArchive; extraction: ShellCommand }[] {
  const archives: CopiedArchive[] = [];
  const found: { archive: CopiedArchive; extraction: ShellCommand }[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.kind === "copy") archives.push(...copiedArchives(instruction));
    if (instruction.kind !== "run") continue;
    for (const command of instruction.commands) {
      const index = archives.findIndex((archive) => extracts(command, archive.names));
      if (index !== -1) found.push({ archive: archives.splice(index, 1)[0]!, extraction: command });
    }
  }
  return found;
}

function copiedArchives(copy: CopyInstruction): CopiedArchive[] {
  if (copy.flags.some((f) => f.name === "from") || !copy.destination) return [];
  const destination = copy.destination.value;
  return copy.sources
    .filter((s) => tarArchive.test(s.value) || zipArchive.test(s.value))
    .map((source) => {
      const names = new Set([posix.basename(source.value)]);
      if (copy.sources.length === 1 && !destination.endsWith("/")) names.add(posix.basename(destination));
      return { copy, source, names };
    });
}

/** `tar -x`/`tar xzf`/`tar --extract` or `unzip` naming one of the archive's file names. */
function extracts(command: ShellCommand, names: Set<string>): boolean {
  if (!isTarExtract(command) && commandName(command) !== "unzip") return false;
  return command.args.some((a) => names.has(posix.basename(a.value.replace(/^--file=/, ""))));
}

function isTarExtract(command: ShellCommand): boolean {
  if (commandName(command) !== "tar") return false;
  // Old-style `tar xzf file`: the first argument is a bundle of letters without a dash.
  if (/^[A-Za-z]*x[A-Za-z]*$/.test(command.args[0]?.value ?? "")) return true;
  return command.args.some(
    (a) => a.value === "--extract" || a.value === "--get" || /^-[A-Za-z]*x/.test(a.value),
  );
}
