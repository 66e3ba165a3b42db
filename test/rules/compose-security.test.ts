import { describe, expect, it } from "vitest";
import noBackendPort from "../../rules/compose/no-backend-port-on-all-interfaces.js";
import noDangerousCapability from "../../rules/compose/no-dangerous-capability.js";
import noDisabledAuthentication from "../../rules/compose/no-disabled-authentication.js";
import noTlsOff from "../../rules/compose/no-disabled-tls-verification-in-environment.js";
import noDockerSocketMount from "../../rules/compose/no-docker-socket-mount.js";
import noHostIpc from "../../rules/compose/no-host-ipc.js";
import noHostNamespace from "../../rules/compose/no-host-namespace.js";
import noLiteralSecret from "../../rules/compose/no-literal-secret-in-environment.js";
import noPrivilegedContainer from "../../rules/compose/no-privileged-container.js";
import noRootUser from "../../rules/compose/no-root-user.js";
import noSensitiveHostMount from "../../rules/compose/no-sensitive-host-mount.js";
import noUnauthenticatedPort from "../../rules/compose/no-unauthenticated-port-on-all-interfaces.js";
import noUnconfinedProfile from "../../rules/compose/no-unconfined-security-profile.js";
import requireNoNewPrivileges from "../../rules/compose/require-no-new-privileges.js";
import { rules } from "../../rules/index.js";
import { applyFixes } from "../../src/engine/fix.js";
import type { AnyRule } from "../../src/rule.js";
import { seedFile as seed } from "../fixtures.js";
import { lintText, positions } from "../harness.js";

const security = rules.filter((r) => /^DC0[4-6]\d$/.test(r.code) && r.enabledByDefault);
/** `line:column CODE text-at-span` of each finding. */
const found = (text: string, rules: readonly AnyRule[]) => {
  const findings = lintText(text, rules);
  const at = positions(findings);
  return findings.map((f, i) => `${at[i]} ${f.rule.code} ${text.slice(f.span.start, f.span.end)}`);
};
const at = (text: string, rule: AnyRule) => positions(lintText(text, [rule]));
const fixed = (text: string, rule: AnyRule) =>
  applyFixes(
    text,
    lintText(text, [rule]).flatMap((f) => (f.fix ? [f.fix] : [])),
  ).text;

describe("the seed's compose examples", () => {
  it("ML API with Redis and Postgres: the DSN password, POSTGRES_PASSWORD, Redis and Postgres on all interfaces", () => {
    expect(found(seed("docker-compose.yml"), security)).toEqual([
      "11:40 DC050 password",
      "43:27 DC050 password",
      '28:9 DC053 "6379:6379"',
      '47:9 DC053 "5432:5432"',
    ]);
  });

  it("monitoring: the Grafana admin password, Prometheus and Grafana on all interfaces", () => {
    expect(found(seed("docker-compose.monitoring.yml"), security)).toEqual([
      "29:36 DC050 admin",
      '17:9 DC053 "9090:9090"',
      '27:9 DC053 "3000:3000"',
    ]);
    const [grafana] = lintText(seed("docker-compose.monitoring.yml"), [noLiteralSecret]);
    expect(grafana?.message).toContain("well-known password `admin`");
  });

  it("leaves the model API's own port alone and suggests the loopback binding", () => {
    const messages = lintText(seed("docker-compose.yml"), [noBackendPort]).map((f) => f.message);
    expect(messages[0]).toContain("Bind it to 127.0.0.1 (`127.0.0.1:6379:6379`)");
    expect(messages[0]).toContain("other services reach it as `redis:6379`");
  });
});

describe("anchors", () => {
  const anchored = `x-env: &env
  HF_TOKEN: hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789
  PYTHONHTTPSVERIFY: "0"
x-hardening: &risky
  privileged: true
  cap_add: [SYS_ADMIN]
services:
  api:
    <<: *risky
    image: ghcr.io/acme/ml-api:1.4.2
    environment: *env
  worker:
    <<: *risky
    image: ghcr.io/acme/ml-worker:1.4.2
    environment:
      <<: *env
`;

  it("reports a setting merged into several services once, at the anchor", () => {
    expect(
      found(anchored, [noLiteralSecret, noTlsOff, noPrivilegedContainer, noDangerousCapability]),
    ).toEqual([
      "2:13 DC050 hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
      '3:22 DC052 "0"',
      "5:15 DC040 true",
      "6:13 DC041 SYS_ADMIN",
    ]);
  });
});

describe("DC050 no-literal-secret-in-environment", () => {
  it("skips `<placeholder>` values, keeps defaults, and calls a default key a credential, not a password", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    environment:
      HF_TOKEN: <secret>
      OPENAI_API_KEY: "<your-token>"
      DB_PASSWORD: changeme
      AWS_ACCESS_KEY_ID: minioadmin
`;
    expect(found(text, [noLiteralSecret])).toEqual(["7:20 DC050 changeme", "8:26 DC050 minioadmin"]);
    const [, key] = lintText(text, [noLiteralSecret]);
    expect(key!.message).toMatch(
      /^`AWS_ACCESS_KEY_ID` is set to the well-known default credential `minioadmin`/,
    );
  });

  it("finds a URL password in the value as written, not as .env fills it in", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    environment:
      - DATABASE_URL=postgresql://app:\${DB_PASSWORD}@db/app
      - REDIS_URL=redis://:hunter2@redis:6379/0
`;
    expect(found(text, [noLiteralSecret])).toEqual(["6:28 DC050 hunter2"]);
  });

  it("reads both environment syntaxes and reports the value only", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    environment:
      - OPENAI_API_KEY=not-a-real-key
      - "REDIS_URL=redis://:s3cret@redis:6379/0"
  db:
    image: mongo:7
    environment:
      MONGO_INITDB_ROOT_PASSWORD: 'hunter2'
      MINIO_ROOT_PASSWORD: minioadmin
    build:
      context: .
      args:
        - PIP_TOKEN=abc123
`;
    expect(found(text, [noLiteralSecret])).toEqual([
      "5:24 DC050 not-a-real-key",
      "6:29 DC050 s3cret",
      "10:35 DC050 'hunter2'",
      "11:28 DC050 minioadmin",
      "15:21 DC050 abc123",
    ]);
  });

  it("passes references, switches, settings about secrets and secret files", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    environment:
      HF_TOKEN: \${HF_TOKEN}
      WANDB_API_KEY: \${WANDB_API_KEY:?set it}
      DATABASE_URL: postgresql://app:\${DB_PASSWORD}@postgres:5432/mldb
      REDIS_URL: redis://redis:6379
      GF_AUTH_ANONYMOUS_ENABLED: "true"
      TOKENIZERS_PARALLELISM: "false"
      MAX_TOKENS: 512
      TOKEN_EXPIRY: 3600
      AUTH_URL: https://auth.example.com
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
      GOOGLE_APPLICATION_CREDENTIALS: /run/secrets/gcp.json
      AWS_SECRET_ACCESS_KEY:
      - HF_HOME=/models
`;
    expect(found(text, [noLiteralSecret])).toEqual([]);
  });
});

describe("DC051 no-disabled-authentication", () => {
  it("reports empty tokens in both command forms, and trust auth", () => {
    const text = `services:
  lab:
    image: quay.io/jupyter/scipy-notebook:2024-10-07
    command: ["start-notebook.py", "--ServerApp.token="]
  lab2:
    image: quay.io/jupyter/scipy-notebook:2024-10-07
    command: start-notebook.py --NotebookApp.token '' --NotebookApp.password=''
  db:
    image: postgres:16
    environment:
      - POSTGRES_HOST_AUTH_METHOD=trust
      - JUPYTER_TOKEN=
`;
    expect(found(text, [noDisabledAuthentication])).toEqual([
      '4:36 DC051 "--ServerApp.token="',
      "7:32 DC051 --NotebookApp.token",
      "11:35 DC051 trust",
      "12:9 DC051 JUPYTER_TOKEN=",
    ]);
  });

  it("does not take quotes in the list form for an empty token", () => {
    const text = `services:
  lab:
    image: quay.io/jupyter/scipy-notebook:2024-10-07
    command: ["start-notebook.py", "--ServerApp.token=''"]
    environment:
      JUPYTER_TOKEN:
`;
    expect(at(text, noDisabledAuthentication)).toEqual([]);
  });
});

describe("DC053 / DC054 ports on all interfaces", () => {
  it("reads both port syntaxes and explicit all-interface addresses", () => {
    const text = `services:
  qdrant:
    image: qdrant/qdrant:v1.12.1
    ports:
      - 0.0.0.0:6333:6333
      - "[::]:6334:6334"
      - target: 6333
        published: 16333
      - target: 6334
        host_ip: "::"
  cache:
    build: ./cache
    ports:
      - "6379"
`;
    expect(found(text, [noBackendPort])).toEqual([
      "5:9 DC053 0.0.0.0:6333:6333",
      '6:9 DC053 "[::]:6334:6334"',
      "7:9 DC053 target: 6333\n        published: 16333",
      '9:9 DC053 target: 6334\n        host_ip: "::"',
      '14:9 DC053 "6379"',
    ]);
  });

  it("fixes short-syntax ports to bind 127.0.0.1, whatever address they had", () => {
    const text = `services:
  qdrant:
    image: qdrant/qdrant:v1.12.1
    ports:
      - 0.0.0.0:6333:6333
      - "[::]:6334:6334"
      - "6379"
      - '::6333'
`;
    expect(fixed(text, noBackendPort)).toBe(`services:
  qdrant:
    image: qdrant/qdrant:v1.12.1
    ports:
      - 127.0.0.1:6333:6333
      - "127.0.0.1:6334:6334"
      - "6379"
      - '127.0.0.1::6333'
`);
    expect(fixed('services:\n  redis:\n    image: redis:7\n    ports: ["6379"]\n', noBackendPort)).toBe(
      'services:\n  redis:\n    image: redis:7\n    ports: ["127.0.0.1::6379"]\n',
    );
  });

  it("leaves loopback, private addresses, unknown ports and unresolved host IPs alone", () => {
    const text = `services:
  redis:
    image: redis:7
    ports:
      - 127.0.0.1:6379:6379
      - 10.0.0.5:6380:6379
      - "\${BIND_IP}:6381:6379"
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    ports:
      - "8000:8000"
      - "3000:3000"
      - "8081:8081"
  weaviate:
    image: cr.weaviate.io/semitechnologies/weaviate:1.26.1
    ports:
      - "8080:8080"
    expose:
      - "50051"
`;
    expect(found(text, [noBackendPort, noUnauthenticatedPort])).toEqual(['17:9 DC053 "8080:8080"']);
  });

  it("words MongoDB's authentication after whether the environment creates a root user", () => {
    const mongo = (environment: string) =>
      `services:\n  db:\n    image: mongo:7\n    ports: ["27017:27017"]\n${environment}`;
    const message = (text: string) => lintText(text, [noBackendPort])[0]!.message;
    expect(message(mongo(""))).toContain("it has no authentication unless a root user is created");
    const root =
      "    environment:\n      MONGO_INITDB_ROOT_USERNAME: admin\n      MONGO_INITDB_ROOT_PASSWORD_FILE: /run/secrets/mongo\n";
    expect(message(mongo(root))).toContain("it is only as safe as its root password");
    const empty =
      "    environment:\n      MONGO_INITDB_ROOT_USERNAME: admin\n      MONGO_INITDB_ROOT_PASSWORD: ''\n";
    expect(message(mongo(empty))).toContain("it has no authentication unless a root user is created");
  });

  it("words Redis's authentication after whether its command sets a password", () => {
    const redis = (command: string) =>
      `services:\n  cache:\n    image: redis:7-alpine\n    ports: ["6379:6379"]\n${command}`;
    const message = (text: string) => lintText(text, [noBackendPort])[0]!.message;
    expect(message(redis(""))).toContain("sets no password");
    expect(message(redis('    command: redis-server --requirepass "${REDIS_PASSWORD}"\n'))).toContain(
      "it is only as safe as its password",
    );
  });

  it("raises control planes and services without authentication to DC054, once", () => {
    const text = `services:
  ray:
    image: rayproject/ray:2.37.0-gpu
    ports:
      - "8265:8265"
      - "10001:10001"
      - "6379:6379"
  torchserve:
    image: pytorch/torchserve:0.12.0-gpu
    ports:
      - "8080:8080"
      - "8081:8081"
  db:
    image: postgres:16
    environment:
      POSTGRES_HOST_AUTH_METHOD: trust
    ports:
      - "5432:5432"
  app:
    build: .
    ports:
      - "11434:11434"
`;
    expect(found(text, [noBackendPort, noUnauthenticatedPort])).toEqual([
      '5:9 DC054 "8265:8265"',
      '6:9 DC054 "10001:10001"',
      '7:9 DC054 "6379:6379"',
      '12:9 DC054 "8081:8081"',
      '18:9 DC054 "5432:5432"',
      '22:9 DC054 "11434:11434"',
    ]);
    const [, , , , postgres, byPort] = lintText(text, [noUnauthenticatedPort]).map((f) => f.message);
    expect(postgres).toContain("POSTGRES_HOST_AUTH_METHOD=trust");
    expect(byPort).toContain("container port 11434, the Ollama API's default,");
  });
});

describe("DC041 no-dangerous-capability", () => {
  it("reports dangerous capabilities in any spelling, and IPC_LOCK without RDMA", () => {
    const text = `services:
  a:
    image: ghcr.io/acme/a:1
    cap_add: [cap_sys_admin, NET_BIND_SERVICE, ALL, IPC_LOCK]
  dcgm:
    image: nvcr.io/nvidia/k8s/dcgm-exporter:3.3.8-3.6.0-ubuntu22.04
    cap_add: [SYS_ADMIN]
`;
    expect(found(text, [noDangerousCapability])).toEqual([
      "4:15 DC041 cap_sys_admin",
      "4:48 DC041 ALL",
      "4:53 DC041 IPC_LOCK",
    ]);
  });

  it("accepts IPC_LOCK with InfiniBand devices or NCCL InfiniBand settings, unless InfiniBand is disabled", () => {
    const service = (extra: string) =>
      `services:\n  trainer:\n    image: nvcr.io/nvidia/pytorch:24.08-py3\n    cap_add: [IPC_LOCK]\n${extra}`;
    expect(at(service("    devices:\n      - /dev/infiniband/uverbs0\n"), noDangerousCapability)).toEqual([]);
    expect(at(service("    environment:\n      - NCCL_IB_HCA=mlx5\n"), noDangerousCapability)).toEqual([]);
    expect(
      at(
        service("    environment:\n      - NCCL_IB_HCA=mlx5\n      - NCCL_IB_DISABLE=1\n"),
        noDangerousCapability,
      ),
    ).toEqual(["4:15"]);
  });
});

describe("host access", () => {
  it("reports sockets and sensitive paths at the host path, in both mount syntaxes", () => {
    const text = `services:
  agent:
    image: ghcr.io/acme/agent:1
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - "/:/host:ro"
      - /etc/:/host/etc
      - /root/.ssh:/root/.ssh:ro
      - type: bind
        source: /run/docker.sock
        target: /var/run/docker.sock
      - /dev/nvidia0:/dev/nvidia0
      - /etc/localtime:/etc/localtime:ro
      - docker.sock:/data
`;
    expect(found(text, [noDockerSocketMount, noSensitiveHostMount])).toEqual([
      "5:9 DC042 /var/run/docker.sock",
      "9:9 DC042 type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock",
      "6:10 DC043 /",
      "7:9 DC043 /etc/",
      "8:9 DC043 /root/.ssh",
    ]);
  });

  it("reports host namespaces, unconfined profiles and root users at their values", () => {
    const text = `services:
  a:
    image: ghcr.io/acme/a:1
    network_mode: host
    pid: host
    userns_mode: host
    ipc: host
    user: "0:0"
    security_opt: ["seccomp=unconfined", "apparmor:unconfined", "no-new-privileges:true"]
  b:
    image: ghcr.io/acme/b:1
    network_mode: "service:a"
    ipc: shareable
    user: "1000:0"
`;
    expect(
      found(text, [noHostNamespace, noHostIpc, noUnconfinedProfile, noRootUser, requireNoNewPrivileges]),
    ).toEqual([
      "4:19 DC044 host",
      "5:10 DC044 host",
      "6:18 DC044 host",
      "7:10 DC045 host",
      '9:20 DC046 "seccomp=unconfined"',
      '9:42 DC046 "apparmor:unconfined"',
      '8:11 DC049 "0:0"',
      "10:3 DC047 b",
    ]);
  });

  it("replaces `ipc: host` with shm_size only when the service does not size /dev/shm", () => {
    expect(fixed("services:\n  vllm:\n    image: vllm/vllm-openai:v0.6.3\n    ipc: host\n", noHostIpc)).toBe(
      "services:\n  vllm:\n    image: vllm/vllm-openai:v0.6.3\n    shm_size: 8gb\n",
    );
    const sized =
      "services:\n  vllm:\n    image: vllm/vllm-openai:v0.6.3\n    ipc: host\n    shm_size: 16gb\n";
    expect(lintText(sized, [noHostIpc]).map((f) => f.fix)).toEqual([undefined]);
  });
});

describe("DC052 no-disabled-tls-verification-in-environment", () => {
  it("reports TLS switches, an empty CURL_CA_BUNDLE, and not a CA bundle path or an unset value", () => {
    const text = `services:
  api:
    image: ghcr.io/acme/ml-api:1.4.2
    environment:
      - NODE_TLS_REJECT_UNAUTHORIZED=0
      - CURL_CA_BUNDLE=
      - REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca.pem
      - PYTHONHTTPSVERIFY
      - GIT_SSL_NO_VERIFY=\${UNSET_FLAG}
`;
    expect(found(text, [noTlsOff])).toEqual(["5:38 DC052 0", "6:9 DC052 CURL_CA_BUNDLE="]);
  });
});
