import {
  cacheDirs,
  commandSpan,
  isCacheClean,
  mountsOver,
  packageCommandsOf,
  removedPaths,
  rpmManagers,
  runsIn,
  within,
} from "../../src/knowledge/os-packages.js";
import {
  isInstall,
  type PackageCommand,
  type PackageManager,
  packageCommand,
} from "../../src/knowledge/packages.js";
import { finalStage, lineage, type RunInstruction } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

// yum, dnf and microdnf share one cache (on RHEL 8+ yum is dnf), so any of their cleanups counts for the others.
const families: readonly (readonly PackageManager[])[] = [rpmManagers, ["zypper"]];

export default defineRule({
  code: "DF105",
  name: "require-rpm-cache-cleanup",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  aliases: [
    "hadolint:DL3032",
    "hadolint:DL3040",
    "hadolint:DL3036",
    "trivy:DS-0015",
    "trivy:DS-0019",
    "trivy:DS-0020",
    "trivy:DS-0027",
  ],
  docs: {
    summary: "Clean the yum, dnf, microdnf or zypper cache in the RUN that installs.",
    why: "yum, dnf and zypper keep repository metadata (often 100 MB or more with EPEL or the CUDA repository) and downloaded packages under `/var/cache`. Left in the layer, they ship with the runtime image and slow every pull and cold start of a model server; a cleanup in a later RUN cannot remove them from the earlier layer. Only the final stage (and the stages it builds on) is checked; a cache mount on the cache directory counts.",
    examples: [
      { kind: "invalid", files: "FROM redhat/ubi9\nRUN dnf install -y python3.11\n" },
      { kind: "invalid", files: "FROM redhat/ubi9-minimal\nRUN microdnf install -y python3.11\n" },
      { kind: "invalid", files: "FROM opensuse/leap:15.6\nRUN zypper -n install python311\n" },
      {
        kind: "valid",
        files:
          "FROM redhat/ubi9\nRUN dnf install -y python3.11 && dnf clean all && rm -rf /var/cache/dnf\nFROM opensuse/leap:15.6\nRUN zypper -n install python311 && zypper clean --all\n",
      },
      {
        kind: "valid",
        files: "FROM redhat/ubi9\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y python3.11\n",
      },
    ],
    fix: "End the RUN with `&& dnf clean all` (`yum clean all`, `microdnf clean all`, `zypper clean --all`), or mount a build cache on `/var/cache/dnf` (`/var/cache/yum`, `/var/cache/zypp`).",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const run of lineage(stage).flatMap((s) => runsIn(s.instructions))) {
      for (const family of families) {
        const last = packageCommandsOf(run)
          .filter((pc) => family.includes(pc.manager) && isInstall(pc))
          .at(-1);
        const dirs = family.flatMap((m) => cacheDirs[m] ?? []);
        if (!last || mountsOver(run, dirs) || cleanedAfter(run, last, family, dirs)) continue;
        report({
          message: `${last.manager} ${last.action} leaves its cache in the layer: end the RUN with ${cleanCommand(last)}`,
          at: commandSpan(last),
        });
      }
    }
  },
});

function cleanedAfter(
  run: RunInstruction,
  install: PackageCommand,
  family: readonly PackageManager[],
  dirs: string[],
): boolean {
  return run.commands
    .filter((c) => c.span.start > install.command.span.start)
    .some((c) => {
      const pc = packageCommand(c);
      if (pc && family.includes(pc.manager) && isCacheClean(pc)) return true;
      return removedPaths(c).some((p) => dirs.some((dir) => within(dir, p.value)));
    });
}

function cleanCommand(pc: PackageCommand): string {
  return pc.manager === "zypper" ? "zypper clean --all" : `${pc.manager} clean all`;
}
