/** Rule documentation rendered from each rule's own `docs`: `mllint explain`, `mllint rules`, the README table. */
import type { DocExample, RuleMeta } from "../rule.js";

/** The `mllint rules --format json` contract: one entry per rule, in code order. */
export function rulesJson(rules: readonly RuleMeta[]): string {
  const entries = rules.map((rule) => ({
    code: rule.code,
    name: rule.name,
    target: rule.target,
    category: rule.category,
    severity: rule.severity,
    status: rule.status,
    tags: rule.tags,
    aliases: rule.aliases,
    summary: rule.docs.summary,
    fixable: rule.fixable,
    enabledByDefault: rule.enabledByDefault,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** One line per rule, for terminals. */
export function rulesText(rules: readonly RuleMeta[]): string {
  const width = Math.max(...rules.map((r) => r.name.length));
  return rules
    .map((r) => `${r.code.padEnd(6)} ${r.name.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.docs.summary}\n`)
    .join("");
}

/** The README's rule table. */
export function rulesMarkdown(rules: readonly RuleMeta[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const rows = rules.map(
    (r) =>
      `| ${r.code} | \`${r.name}\` | ${r.enabledByDefault ? r.severity : `${r.severity} (opt-in)`} | ${r.category} | ${r.fixable ? "🔧" : ""} | ${cell(r.docs.summary)} | ${r.aliases.map((a) => `\`${a}\``).join(" ")} |`,
  );
  return [
    "| Code | Name | Severity | Category | Fix | What it checks | Peer ids |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The full documentation of one rule, with ruff's fixed headings, as Markdown (readable as plain text too). */
export function explainMarkdown(rule: RuleMeta): string {
  const sections = [
    `# ${rule.code} ${rule.name}`,
    `${rule.docs.summary}\n\nSeverity: ${rule.severity} · Category: ${rule.category}${rule.tags.length ? ` · Tags: ${rule.tags.join(", ")}` : ""}${rule.status === "preview" ? " · Preview" : ""}${rule.enabledByDefault ? "" : " · Off unless configured"}${rule.fixable ? " · Autofix available" : ""}`,
    `## Why is this bad?\n\n${rule.docs.why}`,
  ];
  const invalid = rule.docs.examples.filter((e) => e.kind === "invalid");
  const valid = rule.docs.examples.filter((e) => e.kind === "valid");
  if (invalid.length)
    sections.push(`## Example\n\n${invalid.map((e) => exampleBlock(e, rule)).join("\n\n")}`);
  if (valid.length)
    sections.push(`## Use instead\n\n${valid.map((e) => exampleBlock(e, rule)).join("\n\n")}`);
  if (rule.docs.fix) sections.push(`## How to fix\n\n${rule.docs.fix}`);
  if (rule.aliases.length)
    sections.push(`## Same check in other tools\n\n${rule.aliases.map((a) => `- \`${a}\``).join("\n")}`);
  if (rule.docs.references?.length)
    sections.push(`## References\n\n${rule.docs.references.map((r) => `- ${r}`).join("\n")}`);
  return `${sections.join("\n\n")}\n`;
}

function exampleBlock(example: DocExample, rule: RuleMeta): string {
  const files = typeof example.files === "string" ? { "": example.files } : example.files;
  const singleLanguage = rule.target === "dockerfile" ? "dockerfile" : "yaml";
  const options = example.options ? `With options \`${JSON.stringify(example.options)}\`:\n\n` : "";
  const blocks = Object.entries(files).map(([path, text]) => {
    const language = !path
      ? singleLanguage
      : /\.ya?ml$/.test(path)
        ? "yaml"
        : /ockerfile/.test(path)
          ? "dockerfile"
          : "";
    return `${path ? `\`${path}\`:\n` : ""}\`\`\`${language}\n${text.trimEnd()}\n\`\`\``;
  });
  return options + blocks.join("\n\n");
}
