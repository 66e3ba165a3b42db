import { oncePerSpan } from "../../src/knowledge/compose-security.js";
import { insecureVariable } from "../../src/knowledge/tls.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DC052",
  name: "no-disabled-tls-verification-in-environment",
  target: "compose",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "`environment:` must not turn off TLS certificate verification.",
    why: "`PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY` or `PIP_TRUSTED_HOST` make every HTTPS client in the container accept any certificate, so whoever sits on the network path can swap the model weights, the packages or the API responses the service downloads — and read the tokens it sends. The empty `CURL_CA_BUNDLE` trick shared for Hugging Face downloads behind proxies does the same in requests before 2.28. These are added to get past a corporate proxy; trust the proxy's CA instead.",
    examples: [
      {
        kind: "invalid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    environment:\n      - PYTHONHTTPSVERIFY=0\n",
      },
      {
        kind: "invalid",
        files:
          'services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    environment:\n      CURL_CA_BUNDLE: ""\n',
      },
      {
        kind: "valid",
        files:
          "services:\n  ml-api:\n    image: ghcr.io/acme/ml-api:1.4.2\n    environment:\n      REQUESTS_CA_BUNDLE: /etc/ssl/certs/corp-ca.pem\n      SSL_CERT_FILE: /etc/ssl/certs/corp-ca.pem\n    volumes:\n      - ./corp-ca.pem:/etc/ssl/certs/corp-ca.pem:ro\n",
      },
    ],
    fix: "Remove the variable; mount the proxy's CA certificate and point the clients at it (`REQUESTS_CA_BUNDLE`, `SSL_CERT_FILE`, `NODE_EXTRA_CA_CERTS`, `PIP_CERT`).",
  },
  check({ model, report }) {
    const once = oncePerSpan(report);
    for (const service of model.services) {
      for (const entry of service.environment) {
        const value = entry.value;
        const what = value && value.unresolved.length === 0 && insecureVariable(entry.name, value.value);
        if (what) once({ message: what, at: value.span.start < value.span.end ? value.span : entry.span });
      }
    }
  },
});
