import { aptManagers, commandSpan, packageCommandsOf, runsIn } from "../../src/knowledge/os-packages.js";
import type { PackageCommand } from "../../src/knowledge/packages.js";
import { lineage, type RunInstruction } from "../../src/model/dockerfile.js";
import { commandName, hasFlag } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// apt actions that read the package index `update` downloads.
const indexReaders = new Set([
  "install",
  "reinstall",
  "upgrade",
  "dist-upgrade",
  "full-upgrade",
  "build-dep",
  "source",
  "download",
]);

export default defineRule({
  code: "DF005",
  name: "require-apt-update-with-install",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  aliases: ["trivy:DS-0017", "checkov:CKV_DOCKER_5"],
  docs: {
    summary: "Run `apt-get update` and `apt-get install` in the same RUN.",
    why: "Docker caches each RUN by its text. `RUN apt-get update` alone is built once and reused for months; an install in a later RUN then reads that stale index and fails with `404 Not Found` or `Unable to locate package` as soon as the mirror moves on — or, worse, silently installs old versions. Editing the install line does not refresh the index, because the update layer is still cached. Updating and installing in one RUN ties the index to the install list.",
    examples: [
      {
        kind: "invalid",
        files: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
        count: 2,
      },
      {
        kind: "invalid",
        files:
          "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y --no-install-recommends git\n",
      },
      {
        kind: "valid",
        files:
          "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    fix: "Chain them: `RUN apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`, and drop the separate update RUN.",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      let lastUpdate: PackageCommand | undefined;
      for (const run of lineage(stage)
        .reverse()
        .flatMap((s) => runsIn(s.instructions))) {
        const apt = packageCommandsOf(run).filter((pc) => aptManagers.includes(pc.manager));
        if (run.stage === stage) {
          for (const update of updatesAlone(apt))
            report({
              message: `${update.manager} update without an install in the same RUN: later installs reuse a stale cached index`,
              at: commandSpan(update),
            });
          const earlier = run.onbuild ? undefined : lastUpdate;
          if (earlier)
            for (const install of installsBeforeUpdate(apt, indexRefreshedAt(run)))
              report({
                message: `${install.manager} install relies on the package index of an earlier RUN: run ${install.manager} update in this RUN`,
                at: commandSpan(install),
                related: [{ file, span: commandSpan(earlier), message: "the index was updated here" }],
              });
        }
        if (!run.onbuild) lastUpdate = apt.filter((pc) => pc.action === "update").at(-1) ?? lastUpdate;
      }
    }
  },
});

/** Updates that no command after them in the RUN reads. */
function updatesAlone(apt: PackageCommand[]): PackageCommand[] {
  return apt.filter(
    (pc, i) => pc.action === "update" && !apt.slice(i + 1).some((later) => indexReaders.has(later.action)),
  );
}

/**
 * Installs that run before any refresh of the index in their own RUN, so they read whatever index the layer
 * below left. `refreshedAt` is where another command refreshed it (an `add-apt-repository`).
 */
function installsBeforeUpdate(apt: PackageCommand[], refreshedAt: number): PackageCommand[] {
  const firstUpdate = apt.findIndex((pc) => pc.action === "update");
  return (firstUpdate === -1 ? apt : apt.slice(0, firstUpdate)).filter(
    (pc) => pc.action === "install" && pc.command.span.start < refreshedAt,
  );
}

/** `add-apt-repository` updates the index itself (Ubuntu 18.04 and later) unless told not to with `-n`. */
function indexRefreshedAt(run: RunInstruction): number {
  const refresh = run.commands.find(
    (command) => commandName(command) === "add-apt-repository" && !hasFlag(command, "-n", "--no-update"),
  );
  return refresh?.span.start ?? Number.POSITIVE_INFINITY;
}
