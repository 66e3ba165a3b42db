import { basename } from "node:path";
import type { Node } from "yaml";
import { nodeSpan } from "../../src/parse/yaml.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC016",
  name: "require-project-name-field",
  target: "compose",
  category: "maintainability",
  severity: "info",
  enabledByDefault: false,
  aliases: ["dclint:require-project-name-field"],
  docs: {
    summary: "Set the project's `name` at the top of the compose file.",
    why: "Without `name`, the project is named after the directory the file sits in. Two checkouts called `deploy/` on one host then share containers, networks and volumes — `docker compose down -v` in one deletes the other's model cache — and container names change when the directory is renamed. Off by default: many teams set `COMPOSE_PROJECT_NAME` or `-p` instead. Override files (`compose.override.yaml`, `*.override.yml`) are not checked, since the base file names the project.",
    examples: [
      { kind: "invalid", files: "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n" },
      {
        kind: "valid",
        files: "name: ml-serving\nservices:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n",
      },
    ],
    fix: "Add `name: <project>` as the first key (it may use variables: `name: ml-serving-${ENV:-dev}`).",
    references: ["https://docs.docker.com/reference/compose-file/version-and-name/#name-top-level-element"],
  },
  check({ file, model, report }) {
    const first = model.root?.items[0]?.key as Node | null | undefined;
    if (model.name || !first || /\.override\.ya?ml$/i.test(basename(file.path))) return;
    report({
      message: "no project `name`: the project is named after the directory, so two copies of it collide",
      at: nodeSpan(first),
    });
  },
});
