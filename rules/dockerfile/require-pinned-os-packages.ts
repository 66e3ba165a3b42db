import { commandSpan, packageCommandsOf, runsIn } from "../../src/knowledge/os-packages.js";
import { isInstall, type PackageCommand, type PackageManager } from "../../src/knowledge/packages.js";
import { flagValue, hasFlag, type ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

// How each manager spells a version: `curl=8.5.0-2`, `curl=8.5.0-r0` / `curl~8.5`, `curl-8.5.0`, `curl>=8.5`.
const pinned: Partial<Record<PackageManager, RegExp>> = {
  "apt-get": /=/,
  apt: /=/,
  apk: /[=~<>]/,
  yum: /-\d/,
  dnf: /-\d/,
  microdnf: /-\d/,
  zypper: /[=<>]/,
};
const rpmManagers = new Set<PackageManager>(["yum", "dnf", "microdnf"]);
// Local package files, paths and URLs name one exact build; yum/dnf `@group` and `@module` have no version syntax.
const exactFile = /\.(deb|apk|rpm)$|\/|^@/;

export default defineRule({
  code: "DF100",
  name: "require-pinned-os-packages",
  target: "dockerfile",
  category: "reproducibility",
  severity: "info",
  aliases: ["hadolint:DL3008", "hadolint:DL3018", "hadolint:DL3033", "hadolint:DL3041", "hadolint:DL3037"],
  docs: {
    summary: "Pin the versions of OS packages installed with apt, apk, yum, dnf or zypper.",
    why: "An unpinned `apt-get install libgomp1` installs whatever the mirror has on the day of the build, so two builds of one commit can differ. But distribution mirrors keep only the current version of most packages: a pinned `curl=7.88.1-10` starts failing with `Version not found` as soon as a security update lands (hadolint/hadolint#884), which is why many projects turn hadolint's DL3008/DL3018 off. mllint keeps the check at info level: pin where you build from a snapshot mirror (snapshot.debian.org, a fixed Alpine release) or need an exact library under a compiled wheel; otherwise prefer a pinned base image digest. Local `.deb`/`.apk`/`.rpm` files and `apt-get -t <release>` installs are not checked.",
    examples: [
      { kind: "invalid", files: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl git\n" },
      { kind: "invalid", files: "FROM alpine:3.20\nRUN apk add --no-cache libstdc++\n" },
      { kind: "invalid", files: "FROM rockylinux:9\nRUN dnf install -y gcc && dnf clean all\n" },
      {
        kind: "valid",
        files:
          "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./vendor/tool.deb\n",
      },
      {
        kind: "valid",
        files:
          "FROM alpine:3.20\nRUN apk add --no-cache libstdc++=13.2.1_git20240309-r0\nFROM rockylinux:9\nRUN yum install -y gcc-11.4.1 && yum clean all\n",
      },
    ],
    fix: "Append the version in the manager's syntax: `pkg=1.2-3` (apt), `pkg=1.2-r0` or `pkg~1.2` (apk), `pkg-1.2` (yum, dnf), `pkg=1.2` or `pkg>=1.2` (zypper). `apt-cache policy pkg`, `apk policy pkg` or `dnf list pkg` print the versions available.",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const pc of packageCommandsOf(run)) {
        const unpinned = unpinnedPackages(pc);
        if (unpinned.length === 0) continue;
        const names = unpinned.map((w) => w.value).join(", ");
        const what = isModuleInstall(pc)
          ? "module install of modules without a stream"
          : `${pc.action} of packages without a version`;
        report({
          message: `${pc.manager} ${what}: ${names}`,
          at: commandSpan(pc),
        });
      }
    }
  },
});

function unpinnedPackages(pc: PackageCommand): ShellWord[] {
  if (isModuleInstall(pc)) return pc.packages.slice(1).filter((w) => !w.value.includes(":") && !w.dynamic);
  const version = pinned[pc.manager];
  if (!version || !isInstall(pc) || releaseChosen(pc)) return [];
  return pc.packages.filter((w) => !version.test(w.value) && !exactFile.test(w.value) && !w.dynamic);
}

/** `dnf module install nodejs` installs the default stream; `nodejs:20` names one. */
function isModuleInstall(pc: PackageCommand): boolean {
  return rpmManagers.has(pc.manager) && pc.action === "module" && pc.packages[0]?.value === "install";
}

/** `apt-get -t bookworm-backports install x` picks the release instead of the version. */
function releaseChosen(pc: PackageCommand): boolean {
  if (pc.manager !== "apt-get" && pc.manager !== "apt") return false;
  return (
    hasFlag(pc.command, "--target-release", "--default-release") || flagValue(pc.command, "-t") !== undefined
  );
}
