import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC015",
  name: "no-unbound-port-interfaces",
  target: "compose",
  category: "security",
  severity: "info",
  enabledByDefault: false,
  aliases: ["dclint:no-unbound-port-interfaces"],
  docs: {
    summary: "Name the host address of every published port, so exposure on all interfaces is a decision.",
    why: "A port published without a host IP (`\"8000:8000\"`, or long syntax without `host_ip`) binds to every interface of the host, and Docker's own iptables rules let it through UFW and firewalld: a service meant for the reverse proxy on the same machine is reachable from the network. This is dclint's generic check, off by default because most published ports are meant to be public; mllint's security rules already report the dangerous cases (databases, caches and dashboards on all interfaces) on their own. Turn it on to require every binding to be explicit; as in dclint, an explicit `0.0.0.0:` counts as a decision and passes.",
    examples: [
      {
        kind: "invalid",
        count: 2,
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - "8000:8000"\n      - target: 9400\n        published: 9400\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    ports:\n      - "127.0.0.1:8000:8000"\n      - "0.0.0.0:443:8443"\n      - target: 9400\n        published: 9400\n        host_ip: 127.0.0.1\n',
      },
    ],
    fix: "Bind to the address that needs it: `127.0.0.1:8000:8000` for a proxy on the same host, or `host_ip: 127.0.0.1` in long syntax; write `0.0.0.0:` when the port is meant to be public. Between services, use the compose network (`http://ml-api:8000`) and `expose` instead of `ports`.",
    references: ["https://docs.docker.com/reference/compose-file/services/#ports"],
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const port of service.ports) {
        if (port.hostIp !== undefined) continue;
        const where = port.hostPort ? `host port ${port.hostPort}` : "a random host port";
        report({
          message: `\`${service.name}\` publishes container port ${port.containerPort} on ${where} on every interface; name the host IP (\`127.0.0.1:\` or an explicit \`0.0.0.0:\`)`,
          at: port.span,
        });
      }
    }
  },
});
