import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import type { ComposeService, Value } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

const noNewPrivileges = /^no-new-privileges(?:[:=](\S+))?$/i;

/** The service's `no-new-privileges` option and whether it turns the flag on (bare, or `:true`). */
function noNewPrivilegesOption(service: ComposeService): { option: Value; enabled: boolean } | undefined {
  for (const option of service.securityOpt) {
    const match = noNewPrivileges.exec(option.value.trim());
    if (match) return { option, enabled: (match[1] ?? "true").toLowerCase() === "true" };
  }
  return undefined;
}

export default defineRule({
  code: "DC047",
  name: "require-no-new-privileges",
  target: "compose",
  category: "security",
  severity: "info",
  enabledByDefault: false,
  aliases: ["kics:27fcc7d6-c49b-46e0-98f1-6c082a6a2750"],
  docs: {
    summary:
      'Set `security_opt: ["no-new-privileges:true"]` so no process in the service can gain privileges.',
    why: "Without it, a process in the container can become root again through a setuid binary (`sudo`, `su`, a vulnerable helper left in the image) even when the service runs as a non-root user. The flag costs nothing for a model server, which never needs to escalate. KICS rates its absence high; mllint reports it as information and only when enabled, because most images run as root anyway, where `require-non-root-user` is the fix that matters.",
    examples: [
      {
        kind: "invalid",
        files: 'services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    user: "1000:1000"\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    security_opt:\n      - "no-new-privileges:false"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    user: "1000:1000"\n    security_opt:\n      - "no-new-privileges:true"\n',
      },
    ],
    fix: 'Add `security_opt: ["no-new-privileges:true"]` to the service (or to a shared `x-` anchor merged into every service).',
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      const found = noNewPrivilegesOption(service);
      if (found?.enabled) continue;
      const option = found?.option;
      once({
        message: option
          ? `\`${option.value}\` lets processes in \`${service.name}\` gain privileges through setuid binaries`
          : `\`${service.name}\` does not set \`no-new-privileges:true\`, so its processes can gain privileges through setuid binaries`,
        at: option?.span ?? service.nameSpan,
      });
    }
  },
});
