import { commandSpan, insertAfter, packageCommandsOf, runsIn } from "../../src/knowledge/os-packages.js";
import type { PackageCommand, PackageManager } from "../../src/knowledge/packages.js";
import { hasFlag } from "../../src/parse/shell.js";
import { defineRule, type Edit } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

const yumActions = [
  "install",
  "groupinstall",
  "localinstall",
  "reinstall",
  "remove",
  "erase",
  "update",
  "upgrade",
];
// The actions that ask for confirmation, and the flags that answer it.
const interactive: Partial<Record<PackageManager, { actions: string[]; yes: string[] }>> = {
  yum: { actions: yumActions, yes: ["-y", "--assumeyes"] },
  dnf: { actions: [...yumActions, "downgrade", "distro-sync", "autoremove"], yes: ["-y", "--assumeyes"] },
  microdnf: { actions: ["install", "reinstall", "remove", "update", "upgrade"], yes: ["-y", "--assumeyes"] },
  zypper: {
    actions: [
      "install",
      "in",
      "remove",
      "rm",
      "update",
      "up",
      "patch",
      "dist-upgrade",
      "dup",
      "source-install",
      "si",
    ],
    yes: ["-n", "--non-interactive", "-y", "--no-confirm"],
  },
};

export default defineRule({
  code: "DF103",
  name: "require-non-interactive-rpm-install",
  target: "dockerfile",
  category: "reliability",
  severity: "warning",
  fixable: true,
  aliases: ["hadolint:DL3030", "hadolint:DL3038", "hadolint:DL3034"],
  docs: {
    summary: "Pass `-y` to yum, dnf and microdnf, and `-n` to zypper, when they change packages.",
    why: "yum, dnf and zypper ask `Is this ok [y/N]` / `Continue? [y/n/v/...]` before installing, updating or removing packages. A build has no terminal to answer: the prompt reads end-of-input, the manager answers no (`Operation aborted.`) and the RUN fails — on UBI, Rocky, Fedora and openSUSE bases alike.",
    examples: [
      { kind: "invalid", files: "FROM rockylinux:9\nRUN dnf install python3.11 && dnf clean all\n" },
      { kind: "invalid", files: "FROM opensuse/leap:15.6\nRUN zypper install python311 && zypper clean\n" },
      {
        kind: "valid",
        files:
          "FROM rockylinux:9\nRUN dnf install -y python3.11 && dnf clean all\nFROM opensuse/leap:15.6\nRUN zypper --non-interactive install python311 && zypper clean\n",
      },
    ],
    fix: "Add `-y` after the yum/dnf/microdnf action, or `--non-interactive` after `zypper`. The autofix does so (safe: it only answers the prompt the build cannot answer).",
  },
  check({ model, file, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const pc of packageCommandsOf(run)) {
        const spec = interactive[pc.manager];
        if (!spec?.actions.includes(pc.action) || hasFlag(pc.command, ...spec.yes)) continue;
        const edit = yesEdit(file, pc);
        report({
          message: `${pc.manager} ${pc.action} without ${spec.yes[0]}: the build fails at the confirmation prompt`,
          at: commandSpan(pc),
          fix: edit && { title: `Add ${spec.yes[0]}`, safety: "safe", edits: [edit] },
        });
      }
    }
  },
});

/** `-y` belongs after a yum/dnf action; `--non-interactive` is a zypper global option, so it goes after the name. */
function yesEdit(file: SourceFile, pc: PackageCommand): Edit | undefined {
  return pc.manager === "zypper"
    ? insertAfter(file, pc.command.name!, "--non-interactive")
    : insertAfter(file, pc.actionWord, "-y");
}
