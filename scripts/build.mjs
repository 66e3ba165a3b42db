// Builds what ships: the precompiled config validator, then the CLI as one self-contained ESM file.
// The bundle is committed so that `node dist/cli.js`, `npx`, pre-commit and the GitHub Action run without a
// build step; CI rebuilds it and fails if the committed copy is stale.
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync } from "node:fs";
import { build } from "esbuild";

execFileSync(process.execPath, ["scripts/gen-config-validator.mjs"], { stdio: "inherit" });
execFileSync(process.execPath, ["scripts/gen-compose-validator.mjs"], { stdio: "inherit" });
const { version } = JSON.parse(readFileSync("package.json", "utf8"));

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/cli.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "eof",
  // dockerfile-ast and its LSP types are CommonJS; give the ESM bundle a real `require` for them.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __mllintRequire } from 'node:module';\nconst require = __mllintRequire(import.meta.url);",
  },
  define: { MLLINT_VERSION: JSON.stringify(version) },
  logLevel: "warning",
});
chmodSync("dist/cli.js", 0o755);
