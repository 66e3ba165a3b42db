// Rewrites the rule table in README.md from the registry, through the built CLI (`mllint rules --format markdown`).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const table = execFileSync(process.execPath, ["dist/cli.js", "rules", "--format", "markdown"], {
  encoding: "utf8",
});
const readme = readFileSync("README.md", "utf8");
const updated = readme.replace(
  /<!-- rules:start -->[\s\S]*<!-- rules:end -->/,
  `<!-- rules:start -->\n${table.trimEnd()}\n<!-- rules:end -->`,
);
writeFileSync("README.md", updated);
