import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { rulesMarkdown } from "../../src/format/docs.js";
import { allRules } from "../../src/index.js";

it("README's rule table is generated from the registry (run npm run readme)", () => {
  const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
  const table = /<!-- rules:start -->\n([\s\S]*)\n<!-- rules:end -->/.exec(readme)?.[1];
  expect(table).toBe(rulesMarkdown(allRules));
});
