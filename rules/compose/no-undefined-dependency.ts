import { isOverrideFile } from "../../src/knowledge/compose-services.js";
import type { ComposeFile, ComposeService } from "../../src/model/compose.js";
import { mapEntry } from "../../src/parse/yaml.js";
import { defineRule } from "../../src/rule.js";
import { closest } from "../../src/suggest.js";

export default defineRule({
  code: "DC073",
  name: "no-undefined-dependency",
  target: "compose",
  category: "correctness",
  severity: "error",
  docs: {
    summary: "`depends_on` must name a service the project defines and enables.",
    why: 'Compose checks the dependency graph before it starts anything: a misspelt or removed service stops every command with `service "api" depends on undefined service "postgress": invalid compose project`. The same error appears when a service that runs by default depends on a service that only runs with a profile (`profiles: [core]`): without `--profile core` the dependency does not exist. The schema cannot check names, so DC001 does not report this. Only a base file (`compose.yaml`, `docker-compose.yml`) without `include:` is checked for unknown names, since other files are often merged with one that defines the rest; `required: false` dependencies are skipped.',
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      - postgress\n  postgres:\n    image: postgres:16\n",
      },
      {
        kind: "invalid",
        files:
          "services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    depends_on:\n      - minio-init\n  minio-init:\n    image: minio/mc:RELEASE.2025-04-16T18-13-26Z\n    profiles: [core]\n",
      },
      {
        kind: "valid",
        files:
          "services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      postgres:\n        condition: service_started\n      tracing:\n        condition: service_started\n        required: false\n  postgres:\n    image: postgres:16\n",
      },
    ],
    fix: "Correct the name (the message suggests the closest service), define the service, or give the dependent service the same profile.",
  },
  check({ model, report }) {
    if (isOverrideFile(model)) return;
    const byName = new Map(model.services.map((service) => [service.name, service]));
    const names = [...byName.keys()];
    const complete = definesWholeProject(model);
    for (const service of model.services) {
      for (const dependency of service.dependsOn) {
        if (!dependency.required) continue;
        const target = byName.get(dependency.name);
        if (!target && complete) {
          const suggestion = closest(dependency.name, names);
          report({
            message: `\`${service.name}\` depends on \`${dependency.name}\`, which is not a service of this file: Compose refuses the project${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
            at: dependency.nameSpan,
          });
        } else if (target) {
          const gap = profileGap(service, target);
          if (gap) report({ message: gap, at: dependency.nameSpan });
        }
      }
    }
  },
});

/** The problem when a service enabled by default depends on one that only a profile enables. */
function profileGap(service: ComposeService, target: ComposeService): string | undefined {
  if (service.profiles.length > 0 || target.profiles.length === 0) return undefined;
  const profiles = target.profiles.map((p) => `\`${p.value}\``).join(" or ");
  return `\`${service.name}\` runs without a profile but depends on \`${target.name}\`, which runs only with profile ${profiles}: without it Compose refuses the project ("depends on undefined service")`;
}

/** A base compose file without `include:` holds every service its dependencies may name. */
function definesWholeProject(model: ComposeFile): boolean {
  if (!/(^|\/)(docker-)?compose\.ya?ml$/i.test(model.file.path)) return false;
  return !(model.root && model.document && mapEntry(model.document, model.root, "include"));
}
