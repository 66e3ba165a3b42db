// Speed and memory of the built CLI (dist/cli.js), measured against the floors a Node CLI cannot beat:
// `node -e 0` for start-up, and reading every file for a large tree. Medians over repeated runs in one session;
// compare the ratios, not the absolute numbers (this machine is shared and noisy).
//
//   node scripts/bench.mjs [--runs 15] [--files 2000]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const runs = option("--runs", 15);
const fileCount = option("--files", 2000);
const cli = join(import.meta.dirname, "../dist/cli.js");

function time(argv, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd, stdio: "ignore" });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${argv.join(" ")} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(label, argv, cwd) {
  time(argv, cwd); // warm the file cache
  const ms = median(Array.from({ length: runs }, () => time(argv, cwd)));
  return { label, ms };
}

/** Peak resident memory in MiB, from GNU time (written to its own file: mllint's stderr may carry notices). */
function peakMemory(argv, cwd) {
  const report = join(tmpdir(), `mllint-bench-time-${process.pid}`);
  spawnSync("/usr/bin/time", ["-o", report, "-f", "%M", process.execPath, ...argv], { cwd, stdio: "ignore" });
  const kib = Number(readFileSync(report, "utf8").trim().split("\n").at(-1));
  rmSync(report, { force: true });
  return Number.isFinite(kib) ? kib / 1024 : Number.NaN;
}

/** A tree of ML-project-like files: Dockerfiles of several shapes, compose files, ignore files. */
function makeTree(count) {
  const root = mkdtempSync(join(tmpdir(), "mllint-bench-"));
  mkdirSync(join(root, ".git"));
  const example = join(import.meta.dirname, "../fixtures/projects/seed-ml-api");
  const samples = readdirSync(example)
    .filter((name) => /^(Dockerfile|docker-compose|\.dockerignore)/.test(name))
    .map((name) => ({ name, text: readFileSync(join(example, name), "utf8") }));
  for (let i = 0; i < count; i++) {
    const dir = join(root, `service-${String(Math.floor(i / samples.length)).padStart(4, "0")}`);
    mkdirSync(dir, { recursive: true });
    const sample = samples[i % samples.length];
    writeFileSync(join(dir, sample.name), sample.text);
  }
  return root;
}

const tree = makeTree(fileCount);
const single = join(import.meta.dirname, "../fixtures/projects/seed-ml-api/Dockerfile");
const readAll = `const fs=require("fs"),p=require("path");(function w(d){for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory()){if(e.name!==".git")w(f)}else fs.readFileSync(f,"utf8")}})(process.argv[1])`;
try {
  const results = [
    bench("node -e 0 (start-up floor)", ["-e", "0"]),
    bench("mllint --version", [cli, "--version"]),
    bench("mllint <one Dockerfile>", [cli, single]),
    bench(`read ${fileCount} files (tree floor)`, ["-e", readAll, tree]),
    bench(`mllint <tree of ${fileCount} files>`, [cli, "."], tree),
  ];
  const floor = results[0].ms;
  const treeFloor = results[3].ms;
  console.log(
    `mllint ${execFileSync(process.execPath, [cli, "--version"], { encoding: "utf8" }).trim()}, Node ${process.version}, median of ${runs} runs`,
  );
  for (const { label, ms } of results) {
    const base = label.includes("tree of") ? treeFloor : floor;
    console.log(`${label.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / base).toFixed(2)}x its floor`);
  }
  console.log(`peak memory, one Dockerfile: ${peakMemory([cli, single]).toFixed(0)} MiB`);
  console.log(`peak memory, tree of ${fileCount} files: ${peakMemory([cli, "."], tree).toFixed(0)} MiB`);
} finally {
  rmSync(tree, { recursive: true, force: true });
}
