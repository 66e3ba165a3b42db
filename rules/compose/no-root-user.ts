import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

/** `root`, `0`, `root:root`, `0:0`, `root:1000`...: the user part names root. */
const rootUser = /^(root|0)(:.*)?$/;

export default defineRule({
  code: "DC049",
  name: "no-root-user",
  target: "compose",
  category: "security",
  severity: "warning",
  docs: {
    summary: "Services must not set `user:` to root.",
    why: "`user: root` (or `0`) overrides the non-root `USER` an image was built with, so a compromised model server — a malicious pickle, an injected prompt that reaches a tool — runs as root, writes to every mounted volume and is one kernel bug away from the host. It is usually added to fix a permission error on a mounted model or cache directory; fix the directory's owner instead.",
    examples: [
      {
        kind: "invalid",
        files: "services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    user: root\n",
      },
      {
        kind: "invalid",
        files: 'services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    user: "0:0"\n',
      },
      {
        kind: "valid",
        files: 'services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    user: "1000:1000"\n',
      },
    ],
    fix: 'Remove `user:` to keep the image\'s own user, or set a non-root UID (`user: "1000:1000"`) and `chown` the mounted model and cache directories to it.',
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      const user = service.user;
      if (!user || !rootUser.test(user.value.trim())) continue;
      once({ message: `\`user: ${user.value}\` runs \`${service.name}\` as root`, at: user.span });
    }
  },
});
