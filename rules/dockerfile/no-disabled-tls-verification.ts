import { insecureVariable, tlsBypasses } from "../../src/knowledge/tls.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF150",
  name: "no-disabled-tls-verification",
  target: "dockerfile",
  category: "security",
  severity: "error",
  tags: ["ml"],
  aliases: [
    "checkov:CKV2_DOCKER_2",
    "checkov:CKV2_DOCKER_3",
    "checkov:CKV2_DOCKER_4",
    "checkov:CKV2_DOCKER_5",
    "checkov:CKV2_DOCKER_6",
    "checkov:CKV2_DOCKER_12",
    "checkov:CKV2_DOCKER_13",
    "checkov:CKV2_DOCKER_14",
    "checkov:CKV2_DOCKER_16",
  ],
  docs: {
    summary: "Downloads must verify TLS certificates.",
    why: "With certificate checks off, anyone on the network path — a proxy, a hijacked mirror, a compromised Wi-Fi or CI runner network — can serve a different wheel, script or model file, and the build accepts it: the image ships code you never reviewed, and a pickled checkpoint runs it on load. Switching checks off usually papers over a corporate proxy's certificate; mllint reports curl `-k`/`--insecure`, wget `--no-check-certificate`, pip/uv `--trusted-host`/`--allow-insecure-host`, `strict-ssl false` for npm and yarn, git `http.sslVerify false`, conda `ssl_verify false`, and the variables `PIP_TRUSTED_HOST`, `UV_INSECURE_HOST`, `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`, `YARN_ENABLE_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY` (any value) and `CONDA_SSL_VERIFY=false`, in RUN, ENV and ARG.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nRUN curl -fsSLk https://example.com/model.onnx -o /models/model.onnx\n",
      },
      {
        kind: "invalid",
        files:
          "FROM python:3.12-slim\nENV PIP_TRUSTED_HOST=pypi.internal\nRUN GIT_SSL_NO_VERIFY=1 git clone https://git.internal/org/repo.git \\\n && pip install --trusted-host pypi.internal -r requirements.txt\n",
        count: 3,
      },
      {
        kind: "invalid",
        files: "FROM node:20-slim\nARG NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm config set strict-ssl false\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates\nENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt PYTHONHTTPSVERIFY=1\nRUN curl -fsSL https://example.com/model.onnx -o /models/model.onnx\n",
      },
    ],
    fix: "Keep verification on and teach the tools the certificate they should trust: copy your CA into `/usr/local/share/ca-certificates/` and run `update-ca-certificates`, then point the tools at it (`PIP_CERT`, `REQUESTS_CA_BUNDLE`, `NODE_EXTRA_CA_CERTS`, `git config http.sslCAInfo`, `npm config set cafile`).",
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const target = instruction.kind === "onbuild" ? instruction.trigger : instruction;
      if (target?.kind === "env" || target?.kind === "arg") {
        for (const { key, value } of target.pairs) {
          // A bare `ARG NAME` sets nothing unless the build passes a value.
          if (!value) continue;
          const what = insecureVariable(key.value, value.value);
          if (what) report({ message: what, at: key.span });
        }
      } else if (target?.kind === "run") {
        for (const { word, what } of target.commands.flatMap(tlsBypasses))
          report({ message: what, at: word.span });
      }
    }
  },
});
