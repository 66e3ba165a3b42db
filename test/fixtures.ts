/** Fixture text shared by several suites: the seed example project's files, and its compose variants. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The seed example project (fixtures/projects/seed-ml-api), linted whole by the end-to-end tests. */
export const seedDir = join(import.meta.dirname, "../fixtures/projects/seed-ml-api");

/** The text of one file of the seed example project. */
export const seedFile = (name: string): string => readFileSync(join(seedDir, name), "utf8");

/** `text` without its first line: the seed's compose files as the seed document prints them, with no title comment. */
export const withoutTitle = (text: string): string => text.slice(text.indexOf("\n") + 1);
