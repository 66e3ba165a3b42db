// Builds what ships: the precompiled validators, then the CLI as self-contained ESM: `dist/cli.js` plus chunks
// it imports only when a command needs them (the compose validator only for runs with a compose file).
// The build is committed so that `node dist/cli.js`, `npx`, pre-commit and the GitHub Action run without a
// build step; CI rebuilds it and fails if the committed copy is stale.
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

execFileSync(process.execPath, ["scripts/gen-config-validator.mjs"], { stdio: "inherit" });
execFileSync(process.execPath, ["scripts/gen-compose-validator.mjs"], { stdio: "inherit" });
const { version } = JSON.parse(readFileSync("package.json", "utf8"));

// Chunk names carry content hashes: start clean so no stale chunk lingers beside the new ones.
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
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
