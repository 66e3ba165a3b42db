import type { Rule, Target } from "../src/rule.js";

/** The registry: every rule mllint knows, one line each, in code order. */
export const rules: Rule<Target, any>[] = [];
