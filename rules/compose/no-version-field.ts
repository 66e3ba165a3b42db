import { mapEntry, nodeSpan, valueSpan } from "../../src/parse/yaml.js";
import type { Fix } from "../../src/rule.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile, Span } from "../../src/source.js";

export default defineRule({
  code: "DC010",
  name: "no-version-field",
  target: "compose",
  category: "maintainability",
  severity: "warning",
  aliases: ["dclint:no-version-field"],
  fixable: true,
  docs: {
    summary: "Leave out the obsolete top-level `version`.",
    why: "Compose v2 ignores `version` and prints a warning that the attribute `version` is obsolete on every command, so the warning buries the ones that matter in deploy logs. Worse, the field suggests the file is checked against that format version: it is not — `version: '3.8'` does not stop keys from newer specs (`gpus`, `start_interval`) or make old Swarm-only ones work.",
    examples: [
      {
        kind: "invalid",
        files: "version: '3.8'\n\nservices:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n",
      },
      { kind: "valid", files: "name: ml-api\nservices:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n" },
    ],
    fix: "Delete the `version:` line. The autofix (safe) removes the key's whole line(s) — value and any comment on them — and leaves the rest of the file untouched; Compose reads the file the same way without it.",
    references: ["https://docs.docker.com/reference/compose-file/version-and-name/"],
  },
  check({ file, model, report }) {
    const entry = model.document && model.root && mapEntry(model.document, model.root, "version");
    if (!entry) return;
    const fix = entry.via
      ? undefined
      : deleteLines(file, { start: nodeSpan(entry.pair.key).start, end: valueSpan(entry.pair).end });
    report({
      message: "`version` is obsolete: Compose ignores it and warns about it on every run; delete it",
      at: nodeSpan(entry.pair.key),
      fix,
    });
  },
});

/** Deletes the lines a top-level entry fills, when nothing but a comment shares them (not in a flow mapping). */
function deleteLines(file: SourceFile, span: Span): Fix | undefined {
  const first = file.position(span.start);
  const last = file.position(Math.max(span.start, span.end - 1)).line;
  const after = file.text.slice(span.end, file.lineEnd(last));
  if (first.column !== 1 || !/^[ \t]*(?:#.*)?$/.test(after)) return undefined;
  const end = last < file.lines.length ? file.lineStart(last + 1) : file.text.length;
  return {
    title: "Delete the `version` line",
    safety: "safe",
    edits: [{ span: { start: span.start, end }, text: "" }],
  };
}
