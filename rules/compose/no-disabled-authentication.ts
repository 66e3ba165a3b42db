import { authenticationOff, oncePerSpan } from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC051",
  name: "no-disabled-authentication",
  target: "compose",
  category: "security",
  severity: "error",
  tags: ["ml"],
  docs: {
    summary:
      "Services must not switch their authentication off (empty Jupyter token, `trust`, empty passwords).",
    why: "An empty `JUPYTER_TOKEN` or `--ServerApp.token=''` gives a Python shell to whoever reaches the port; `POSTGRES_HOST_AUTH_METHOD=trust`, `MYSQL_ALLOW_EMPTY_PASSWORD`, `xpack.security.enabled=false`, `NEO4J_AUTH=none` or an empty `DOCKER_TLS_CERTDIR` open the database, search cluster or Docker API to every container on the network and, once a port is published, to the internet. These switches are copied from quick-start guides to make a demo work and then ship. Bots scan for open Jupyter, Docker and Elasticsearch endpoints within hours.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  notebook:\n    image: quay.io/jupyter/pytorch-notebook:2024-10-07\n    command: start-notebook.py --IdentityProvider.token=''\n",
      },
      {
        kind: "invalid",
        files:
          'services:\n  postgres:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n  notebook:\n    image: quay.io/jupyter/pytorch-notebook:2024-10-07\n    environment:\n      JUPYTER_TOKEN: ""\n',
        count: 2,
      },
      {
        kind: "valid",
        files:
          "services:\n  notebook:\n    image: quay.io/jupyter/pytorch-notebook:2024-10-07\n    environment:\n      JUPYTER_TOKEN: ${JUPYTER_TOKEN:?set a token in .env}\n  postgres:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n",
      },
    ],
    fix: "Remove the switch and give the service a credential from a Compose secret or an untracked .env (`JUPYTER_TOKEN=${JUPYTER_TOKEN}`, `POSTGRES_PASSWORD_FILE=/run/secrets/db_password`, `ELASTIC_PASSWORD_FILE`); for local-only experiments, at least bind the port to 127.0.0.1.",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const { at, what } of authenticationOff(service)) once({ message: what, at });
    }
  },
});
