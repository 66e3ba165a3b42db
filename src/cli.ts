/**
 * The command line: flags -> options -> lint() -> format -> exit code. Nothing else lives here. The engine and the
 * rules are imported when a command needs them, so `--version` and `--help` start as fast as Node does.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type { FailOn, ResolvedConfig } from "./engine/config.js";
import type { LintOptions, LintRun } from "./index.js";
import { type RuleMeta, severityRank } from "./rule.js";

declare const MLLINT_VERSION: string;
const version = typeof MLLINT_VERSION === "string" ? MLLINT_VERSION : "0.0.0-dev";

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

interface LintFlags {
  format: "text" | "json" | "sarif" | "github";
  outputFile?: string;
  failOn?: FailOn;
  /** A path from `--config`, or false from `--no-config` (commander folds the pair into one option). */
  config?: string | false;
  color?: boolean;
  codeFrame: boolean;
  ignore: boolean;
  forceExclude: boolean;
  stdin: boolean;
  stdinFilename?: string;
  sarifCategory?: string;
  quiet: boolean;
  maxWarnings?: string;
  printConfig: boolean;
  fix: boolean;
  unsafeFixes: boolean;
}

function program(): Command {
  const cli = new Command("mllint")
    .description(
      "Lint the files that ship an ML model: Dockerfiles, compose files, Kubernetes manifests, .dockerignore.",
    )
    .version(version, "-v, --version")
    .argument("[paths...]", "files or directories to lint", ["."])
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "sarif", "github"])
        .default("text"),
    )
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .addOption(
      new Option(
        "--fail-on <level>",
        "lowest severity that makes the exit code 1 (default: from config, else error)",
      ).choices(["error", "warning", "info", "none"]),
    )
    .option("-c, --config <file>", "use this config file instead of searching for .mllint.yaml")
    .option("--no-config", "ignore .mllint.yaml files")
    .option("--color", "force colored text output")
    .option("--no-color", "disable colored text output (also NO_COLOR)")
    .option("--code-frame", "show the source lines under each finding (text format)", false)
    .option("--no-ignore", "do not read .gitignore files while walking directories")
    .option("--force-exclude", "apply ignores to files named on the command line too", false)
    .option("--stdin", "lint standard input (name it with --stdin-filename)", false)
    .option("--stdin-filename <path>", "the path standard input stands for; decides its kind and config")
    .option("--sarif-category <category>", "GitHub code scanning category (SARIF automationDetails.id)")
    .option("-q, --quiet", "report errors only", false)
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings, whatever the fail level")
    .option("--print-config", "print the configuration that applies to the paths, as JSON, and exit", false)
    .option("--fix", "apply safe fixes and write the files back", false)
    .option("--unsafe-fixes", "with --fix, also apply fixes that may change behaviour", false)
    .enablePositionalOptions()
    .showHelpAfterError("(mllint --help lists the options)")
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });

  cli
    .command("rules")
    .description("list every rule")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "markdown"])
        .default("text"),
    )
    .action(async (flags: { format: "text" | "json" | "markdown" }) => {
      const { allRules } = await import("./index.js");
      const { rulesJson, rulesMarkdown, rulesText } = await import("./format/docs.js");
      const render = {
        text: rulesText,
        json: rulesJson,
        markdown: (r: readonly RuleMeta[]) => `${rulesMarkdown(r)}\n`,
      };
      process.stdout.write(render[flags.format](allRules));
    });

  cli
    .command("explain")
    .description("show the documentation of a rule")
    .argument("<rule>", "a rule code, name or peer alias (DF001, require-non-root-user, hadolint:DL3002)")
    .action(async (id: string) => {
      const { allRules } = await import("./index.js");
      const { RuleNames } = await import("./engine/rule-names.js");
      const { explainMarkdown } = await import("./format/docs.js");
      const names = new RuleNames(allRules);
      const codes = names.resolve(id);
      if (codes.length === 0) {
        const suggestion = names.suggest(id);
        process.stderr.write(
          `mllint: no rule named ${id}${suggestion ? `; did you mean ${suggestion}?` : ""}\n`,
        );
        process.exitCode = EXIT_USAGE;
        return;
      }
      const docs = allRules.filter((r) => codes.includes(r.code)).map(explainMarkdown);
      process.stdout.write(docs.join("\n"));
    });
  return cli;
}

async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  if (flags.stdin && !flags.stdinFilename) {
    process.stderr.write("mllint: --stdin needs --stdin-filename to know what kind of file it reads\n");
    return EXIT_USAGE;
  }
  if (flags.stdin && flags.fix) {
    process.stderr.write("mllint: --fix writes files, so it cannot be used with --stdin\n");
    return EXIT_USAGE;
  }
  const maxWarnings = flags.maxWarnings === undefined ? undefined : Number(flags.maxWarnings);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    process.stderr.write(`mllint: --max-warnings takes a whole number, not ${flags.maxWarnings}\n`);
    return EXIT_USAGE;
  }
  const { configFor, lint } = await import("./index.js");
  const { ConfigError } = await import("./engine/config.js");
  const options: LintOptions = {
    configPath: typeof flags.config === "string" ? flags.config : undefined,
    noConfig: flags.config === false,
    respectGitignore: flags.ignore,
    forceExclude: flags.forceExclude,
    fix: flags.fix ? { unsafe: flags.unsafeFixes } : undefined,
  };
  let run: LintRun;
  try {
    if (flags.printConfig) {
      process.stdout.write(printedConfig(await configFor(paths, options)));
      return EXIT_CLEAN;
    }
    const stdin = flags.stdin ? { text: await readStdin(), filename: flags.stdinFilename! } : undefined;
    run = await lint(paths, { ...options, stdin });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`mllint: invalid configuration\n${error.messages.map((m) => `  ${m}\n`).join("")}`);
    return EXIT_USAGE;
  }
  if (flags.quiet) run.findings = run.findings.filter((f) => f.severity === "error");
  for (const problem of run.problems) process.stderr.write(`mllint: ${problem.path}: ${problem.message}\n`);
  if (flags.fix)
    process.stderr.write(`mllint: applied ${run.fixesApplied} fix${run.fixesApplied === 1 ? "" : "es"}\n`);

  const report = await render(run, flags);
  if (flags.outputFile) writeFileSync(flags.outputFile, report);
  else process.stdout.write(report);

  if (run.problems.length > 0) return EXIT_USAGE;
  const warnings = run.findings.filter((f) => f.severity === "warning").length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`mllint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  const failOn = flags.failOn ?? run.failOn;
  if (failOn === "none") return EXIT_CLEAN;
  const failing = run.findings.some((f) => severityRank[f.severity] >= severityRank[failOn]);
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The resolved configuration as JSON: which files applied, the fail level, settings, and every rule's state. */
function printedConfig(config: ResolvedConfig): string {
  const rules = Object.fromEntries([...config.rules].map(([code, rule]) => [code, rule]));
  const { files, failOn, settings } = config;
  return `${JSON.stringify({ files, failOn, settings, rules }, null, 2)}\n`;
}

async function render(run: LintRun, flags: LintFlags): Promise<string> {
  const { findRepositoryRoot } = await import("./engine/discover.js");
  const { formatGithub } = await import("./format/github.js");
  const { formatJson } = await import("./format/json.js");
  const { formatSarif } = await import("./format/sarif.js");
  const { formatText, shouldColor } = await import("./format/text.js");
  const cwd = process.cwd();
  const root = process.env.GITHUB_WORKSPACE || findRepositoryRoot(cwd) || cwd;
  switch (flags.format) {
    case "json":
      return formatJson(run, { toolVersion: version });
    case "sarif":
      return formatSarif(run, { toolVersion: version, cwd, root, category: flags.sarifCategory });
    case "github":
      return formatGithub(run, { cwd, root }) + humanReportInActions(run, formatText);
    default: {
      const color =
        !flags.outputFile &&
        shouldColor({ flag: flags.color, env: process.env, isTTY: process.stdout.isTTY === true });
      return formatText(run, { color, codeFrame: flags.codeFrame });
    }
  }
}

/**
 * The text report after the annotations, for people reading the log. Inside Actions it echoes file text, so it is
 * fenced with `stop-commands` and a random token: nothing in it can be read as a workflow command.
 */
function humanReportInActions(
  run: LintRun,
  formatText: typeof import("./format/text.js").formatText,
): string {
  if (run.findings.length === 0) return "";
  const token = randomBytes(16).toString("hex");
  return `::stop-commands::${token}\n${formatText(run, { color: false, codeFrame: false })}::${token}::\n`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(argv: string[]): Promise<void> {
  const cli = program().exitOverride();
  try {
    await cli.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT_CLEAN : EXIT_USAGE;
      return;
    }
    process.stderr.write(
      `mllint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT_USAGE;
  }
}

await main(process.argv);
