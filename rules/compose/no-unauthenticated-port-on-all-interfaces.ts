import { authenticationOff, reportOpenPorts } from "../../src/knowledge/compose-security.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC054",
  name: "no-unauthenticated-port-on-all-interfaces",
  target: "compose",
  category: "security",
  severity: "error",
  tags: ["ml", "gpu"],
  fixable: true,
  aliases: ["kics:451d79dc-0588-476a-ad03-3c7f0320abb3"],
  docs: {
    summary:
      "Control planes that run code without authentication must not be published on every host interface.",
    why: "The Ray dashboard and client (8265, 10001), the TorchServe management API (8081), Ollama (11434), the Docker API on 2375, and any service whose authentication the file switches off (an empty Jupyter token, `POSTGRES_HOST_AUTH_METHOD=trust`, `xpack.security.enabled=false`) execute what anyone who reaches them sends: jobs, model archives from any URL, notebooks, containers. Published without a host IP they are on the internet, and Docker's iptables rules bypass ufw and firewalld. ShadowRay (CVE-2023-48022) and ShellTorch (CVE-2023-43654) were exploited this way to mine crypto on GPU clusters and steal models and credentials.",
    examples: [
      {
        kind: "invalid",
        files:
          'services:\n  ray-head:\n    image: rayproject/ray:2.37.0-gpu\n    command: ray start --head --dashboard-host=0.0.0.0 --block\n    ports:\n      - "8265:8265"\n',
      },
      {
        kind: "invalid",
        files:
          'services:\n  notebook:\n    image: quay.io/jupyter/pytorch-notebook:2024-10-07\n    environment:\n      JUPYTER_TOKEN: ""\n    ports:\n      - "8888:8888"\n',
      },
      {
        kind: "valid",
        files:
          'services:\n  ollama:\n    image: ollama/ollama:0.3.14\n    ports:\n      - "127.0.0.1:11434:11434"\n  ray-head:\n    image: rayproject/ray:2.37.0-gpu\n    expose:\n      - "8265"\n',
      },
    ],
    fix: "Bind the port to 127.0.0.1 (`127.0.0.1:8265:8265`) and reach it through an SSH tunnel or an authenticating reverse proxy, or drop `ports:` and let only the services that need it connect over the compose network. The unsafe autofix adds `127.0.0.1:` to short-syntax ports.",
  },
  check({ model, report }) {
    reportOpenPorts(model, report, (service, { listener }) => {
      const port = listener?.port;
      const control = port?.controlPlane
        ? `${port.auth}, and it runs what anyone who reaches it sends`
        : undefined;
      return authenticationOff(service)[0]?.what ?? control;
    });
  },
});
