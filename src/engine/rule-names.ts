import type { RuleMeta } from "../rule.js";
import { closest } from "../suggest.js";

/** What it takes to name a rule: config keys and suppression comments only need these. */
export type RuleIdentity = Pick<RuleMeta, "code" | "name" | "aliases">;

/**
 * Every way a user may name a rule — its code, its name, or a peer alias such as `hadolint:DL3007` — matched
 * without regard to case. An alias may be shared by several rules, so lookups return a list of codes.
 */
export class RuleNames {
  private readonly codesById = new Map<string, string[]>();
  private readonly nameByCode = new Map<string, string>();

  constructor(rules: readonly RuleIdentity[]) {
    for (const rule of rules) {
      this.nameByCode.set(rule.code, rule.name);
      for (const id of [rule.code, rule.name, ...rule.aliases]) this.add(id, rule.code);
    }
  }

  /** The codes of the rules `id` names; empty when it names none. */
  resolve(id: string): string[] {
    return this.codesById.get(id.toLowerCase()) ?? [];
  }

  /** The codes of the rules that have at least one alias from `tool` (e.g. every `buildkit:` rule). */
  withAliasFrom(tool: string): string[] {
    const prefix = `${tool.toLowerCase()}:`;
    const codes = new Set<string>();
    for (const [id, ruleCodes] of this.codesById) {
      if (id.startsWith(prefix)) for (const code of ruleCodes) codes.add(code);
    }
    return [...codes];
  }

  /** `DF001 (no-latest-tag)`: how messages name a rule. */
  describe(code: string): string {
    const name = this.nameByCode.get(code);
    return name === undefined ? code : `${code} (${name})`;
  }

  /** The closest known rule to a misspelt `id`, described, or undefined when nothing is close enough. */
  suggest(id: string): string | undefined {
    const match = closest(id, [...this.codesById.keys()]);
    return match === undefined ? undefined : this.describe(this.codesById.get(match)![0]!);
  }

  private add(id: string, code: string): void {
    const key = id.toLowerCase();
    const codes = this.codesById.get(key);
    if (codes === undefined) this.codesById.set(key, [code]);
    else if (!codes.includes(code)) codes.push(code);
  }
}
