import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import type { Settings } from "../../src/rule.js";
import { lintProject, lintText } from "../harness.js";

/** One behaviour a peer documents: whether it flags this Dockerfile under the peer id. */
export interface PeerCase {
  peer: string;
  dockerfile: string;
  peerFlags: boolean;
  note?: string;
  /** Why mllint deliberately decides the other way (stated in the rule's `why`); kept out of the agreement figure. */
  mllintDiffers?: string;
  ruleOptions?: Record<string, unknown>;
  settings?: Partial<Settings>;
  /** Other files of the build context (`.dockerignore`, sources), for cross-file rules. */
  context?: Record<string, string>;
}

/** The cases of one peer id. */
export function casesFor(peer: string, ...cases: Omit<PeerCase, "peer">[]): PeerCase[] {
  return cases.map((c) => ({ peer, ...c }));
}

/** Runs the mllint rules carrying each case's peer id and checks that mllint agrees with the peer. */
export async function agreementSuite(tool: string, cases: PeerCase[]): Promise<void> {
  const outcomes = await Promise.all(
    cases.map(async (c) => {
      const carriers = rules.filter((rule) => rule.aliases.includes(c.peer));
      const codes = carriers.map((rule) => rule.code);
      const findings = carriers.some((rule) => rule.target === "project")
        ? await lintProject({ Dockerfile: c.dockerfile, ...c.context }, codes)
        : lintText(c.dockerfile, carriers, { ruleOptions: c.ruleOptions, settings: c.settings });
      return { ...c, codes: codes.join(","), fired: findings.length > 0 };
    }),
  );
  const compared = outcomes.filter((o) => !o.mllintDiffers);
  const disagreements = compared.filter((o) => o.fired !== o.peerFlags);
  const agreement = (compared.length - disagreements.length) / compared.length;
  const claimed = [...new Set(rules.flatMap((rule) => rule.aliases))]
    .filter((a) => a.startsWith(`${tool}:`))
    .sort();

  describe(`${tool} agreement`, () => {
    it("every case names a peer id an mllint rule claims", () => {
      expect(outcomes.filter((o) => o.codes === "").map((o) => o.peer)).toEqual([]);
    });

    it("every claimed peer id has 3 to 6 cases", () => {
      const counts = claimed.map((id) => [id, cases.filter((c) => c.peer === id).length] as const);
      expect(counts.filter(([, n]) => n < 3 || n > 6)).toEqual([]);
    });

    it(`agrees on at least 95% of ${compared.length} cases (${(agreement * 100).toFixed(1)}%)`, () => {
      if (disagreements.length > 0)
        console.log(
          `${tool} disagreements:\n${disagreements
            .map(
              (o) =>
                `  ${o.peer} (${o.codes}) peer ${o.peerFlags ? "flags" : "accepts"}: ${JSON.stringify(o.dockerfile)}`,
            )
            .join("\n")}`,
        );
      expect(agreement).toBeGreaterThanOrEqual(0.95);
    });

    it("keeps its own verdict where it deliberately differs", () => {
      const differing = outcomes.filter((o) => o.mllintDiffers);
      expect(
        differing.filter((o) => o.fired === o.peerFlags).map((o) => `${o.peer}: ${o.mllintDiffers}`),
      ).toEqual([]);
    });
  });
}
