import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

// `security_opt` entries that switch a confinement off (Docker accepts `:` and `=` between name and value).
const unconfined: [RegExp, string][] = [
  [/^seccomp[:=]unconfined$/i, "turns off seccomp, so every system call reaches the host's kernel"],
  [/^apparmor[:=]unconfined$/i, "turns off the AppArmor profile that confines the container"],
  [/^label[:=]disable$/i, "turns off SELinux labelling, so the container is not confined by SELinux"],
  [/^systempaths[:=]unconfined$/i, "unmasks /proc and /sys paths Docker hides from containers"],
];

export default defineRule({
  code: "DC046",
  name: "no-unconfined-security-profile",
  target: "compose",
  category: "security",
  severity: "warning",
  aliases: ["kics:404fde2c-bc4b-4371-9747-7054132ac953"],
  docs: {
    summary: "`security_opt` must not turn off seccomp, AppArmor or SELinux confinement.",
    why: "Docker's default seccomp profile blocks the few dozen system calls behind most kernel escapes, and its AppArmor/SELinux profiles stop a container from writing to /proc and /sys; `seccomp:unconfined` and friends remove that layer, so a kernel bug reachable from a model server or notebook becomes a host compromise. They are usually copied from a forum answer to make a profiler, `perf` or an old CUDA debugger work.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  notebook:\n    image: quay.io/jupyter/pytorch-notebook:2024-10-07\n    security_opt:\n      - "seccomp:unconfined"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  notebook:\n    image: quay.io/jupyter/pytorch-notebook:2024-10-07\n    security_opt:\n      - "no-new-privileges:true"\n',
      },
    ],
    fix: "Remove the option. If one tool needs a blocked system call, write a seccomp profile that allows just it (`seccomp:./profile.json`) or run that tool outside production.",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const option of service.securityOpt) {
        const what = unconfined.find(([pattern]) => pattern.test(option.value.trim()))?.[1];
        if (what) once({ message: `\`${option.value}\` ${what}`, at: option.span });
      }
    }
  },
});
