import { mayRunTogether, portsClash } from "../../src/knowledge/compose.js";
import type { ComposeService, Port } from "../../src/model/compose.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC012",
  name: "no-duplicate-exported-ports",
  target: "compose",
  category: "correctness",
  severity: "error",
  aliases: ["dclint:no-duplicate-exported-ports"],
  docs: {
    summary: "Publish each host port (or port range) once: two containers cannot bind the same host address.",
    why: "Only one process can listen on a host IP, port and protocol. When two services publish the same one, `docker compose up` starts the first and the second fails with `Bind for 0.0.0.0:8000 failed: port is already allocated` — typically the model server and a dashboard both left on 8000. Overlapping ranges (`8000-8010` and `8005`) clash too, and so does a port on all interfaces with the same port on one address; different protocols (`/udp`) or different specific addresses do not. Services in disjoint `profiles` (a CPU and a GPU variant of one server) never start together, so they may share a port. A port whose number comes from an unset variable is not checked.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - "8000:8000"\n  tensorboard:\n    image: tensorflow/tensorflow:2.16.1\n    ports:\n      - "8000:6006"\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  triton:\n    image: nvcr.io/nvidia/tritonserver:24.05-py3\n    ports:\n      - "8000-8002:8000-8002"\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - target: 8000\n        published: "8001"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  api-cpu:\n    image: ghcr.io/acme/ml-api:1.4.2\n    profiles: [cpu]\n    ports:\n      - "8000:8000"\n  api-gpu:\n    image: ghcr.io/acme/ml-api:1.4.2-cuda\n    profiles: [gpu]\n    ports:\n      - "8000:8000"\n  metrics:\n    image: prom/prometheus:v2.53.0\n    ports:\n      - "127.0.0.1:9090:9090"\n      - "9090:9090/udp"\n',
      },
    ],
    fix: "Give each service its own host port (`8001:8000`), bind them to different addresses, or publish only the front door and let the others talk over the compose network by service name.",
  },
  check({ file, model, report }) {
    const published: { service: ComposeService; port: Port }[] = [];
    for (const service of model.services) {
      for (const port of service.ports) {
        const earlier = published.find(
          (other) =>
            other.service !== service &&
            portsClash(other.port, port) &&
            mayRunTogether(other.service, service),
        );
        published.push({ service, port });
        if (!earlier) continue;
        const inherited = earlier.port.span.start === port.span.start;
        report({
          message: `host port ${describe(port)} is already published by service \`${earlier.service.name}\`${inherited ? " (both inherit it here)" : ""}: \`${service.name}\` fails to start with "port is already allocated"`,
          at: port.span,
          related: [
            inherited
              ? { file, span: service.nameSpan, message: `service \`${service.name}\` inherits it` }
              : { file, span: earlier.port.span, message: `published by \`${earlier.service.name}\`` },
          ],
        });
      }
    }
  },
});

/** `127.0.0.1:8000/tcp`, `8000-8010/udp`. */
function describe(port: Port): string {
  return `${port.hostIp ? `${port.hostIp}:` : ""}${port.hostPort}/${port.protocol}`;
}
