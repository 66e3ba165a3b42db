import { expect, it } from "vitest";
import { closest, editDistance } from "../src/suggest.js";

it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
  expect(editDistance("healtcheck", "healthcheck")).toBe(1);
  expect(editDistance("PAHT", "PATH")).toBe(1);
  expect(editDistance("FROOM", "FROM")).toBe(1);
  expect(editDistance("abc", "xyz")).toBe(3);
  expect(editDistance("", "abc")).toBe(3);
});

it("suggests only candidates close enough to be what was meant", () => {
  expect(closest("PAHT", ["PATH", "HOME"])).toBe("PATH");
  expect(closest("failon", ["failOn", "rules"])).toBe("failOn");
  expect(closest("zzzz", ["PATH", "HOME"])).toBeUndefined();
});
