import { agreementSuite, casesFor, type PeerCase } from "./agreement.js";

// Cases written from what dclint's rule docs (docs/rules/*.md) say each rule reports or accepts — our own compose
// files, not theirs. The suite's `dockerfile` field holds the compose.yaml text.
const api = "services:\n  api:\n    image: ghcr.io/acme/ml-api:1.4.2\n";

const cases: PeerCase[] = [
  ...casesFor(
    "dclint:no-version-field",
    { peerFlags: true, dockerfile: `version: "3.9"\n${api}`, note: "version first" },
    { peerFlags: true, dockerfile: `${api}version: '2.4'\n`, note: "version last" },
    { peerFlags: false, dockerfile: api },
    { peerFlags: false, dockerfile: `x-version: 1\n${api}`, note: "an extension field" },
    {
      peerFlags: false,
      dockerfile: "services:\n  version:\n    image: acme/versioner:1.0\n",
      note: "a service named version",
    },
  ),
  ...casesFor(
    "dclint:no-duplicate-container-names",
    {
      peerFlags: true,
      dockerfile:
        "services:\n  api:\n    image: acme/api:1.0\n    container_name: app\n  worker:\n    image: acme/worker:1.0\n    container_name: app\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "services:\n  a:\n    image: acme/a:1.0\n    container_name: one\n  b:\n    image: acme/b:1.0\n    container_name: two\n  c:\n    image: acme/c:1.0\n    container_name: one\n",
      note: "two of three",
    },
    {
      peerFlags: false,
      dockerfile:
        "services:\n  api:\n    image: acme/api:1.0\n    container_name: api\n  worker:\n    image: acme/worker:1.0\n    container_name: worker\n",
    },
    {
      peerFlags: false,
      dockerfile:
        "services:\n  api:\n    image: acme/api:1.0\n    container_name: api\n  worker:\n    image: acme/worker:1.0\n",
      note: "only one named",
    },
    { peerFlags: false, dockerfile: `${api}  worker:\n    image: acme/worker:1.0\n`, note: "none named" },
  ),
  ...casesFor(
    "dclint:no-duplicate-exported-ports",
    {
      peerFlags: true,
      dockerfile:
        'services:\n  api:\n    image: acme/api:1.0\n    ports:\n      - "8080:80"\n  admin:\n    image: acme/admin:1.0\n    ports:\n      - "8080:8080"\n',
    },
    {
      peerFlags: true,
      dockerfile:
        'services:\n  a:\n    image: acme/a:1.0\n    ports:\n      - "3000-3005:3000-3005"\n  b:\n    image: acme/b:1.0\n    ports:\n      - "3003:80"\n',
      note: "a port inside another service's range",
    },
    {
      peerFlags: false,
      dockerfile:
        'services:\n  a:\n    image: acme/a:1.0\n    ports:\n      - "8081:80"\n  b:\n    image: acme/b:1.0\n    ports:\n      - "8082:80"\n',
      note: "same container port, different host ports",
    },
    {
      peerFlags: false,
      dockerfile:
        'services:\n  a:\n    image: acme/a:1.0\n    ports:\n      - "${A_PORT}:80"\n  b:\n    image: acme/b:1.0\n    ports:\n      - "8080:80"\n',
      note: "documented limitation: a variable host port is not checked",
    },
    {
      peerFlags: false,
      dockerfile:
        'services:\n  dns:\n    image: acme/dns:1.0\n    ports:\n      - "5353:53/udp"\n  web:\n    image: acme/web:1.0\n    ports:\n      - "5353:53"\n',
      note: "different protocols",
    },
    {
      peerFlags: true,
      dockerfile:
        'services:\n  cpu:\n    image: acme/api:1.0\n    profiles: [cpu]\n    ports:\n      - "8000:8000"\n  gpu:\n    image: acme/api:1.0-cuda\n    profiles: [gpu]\n    ports:\n      - "8000:8000"\n',
      mllintDiffers: "services in disjoint profiles never run together, so they may share a port",
    },
  ),
  ...casesFor(
    "dclint:no-build-and-image",
    { peerFlags: true, dockerfile: "services:\n  api:\n    build: .\n    image: acme/api:1.0\n" },
    {
      peerFlags: true,
      dockerfile: "services:\n  api:\n    build:\n      context: ./api\n    image: acme/api:1.0\n",
      note: "long build syntax",
    },
    { peerFlags: false, dockerfile: "services:\n  api:\n    build: .\n" },
    { peerFlags: false, dockerfile: api },
    {
      peerFlags: false,
      dockerfile: "services:\n  api:\n    build: .\n    image: acme/api:1.0\n    pull_policy: build\n",
      note: "checkPullPolicy (default) accepts both with pull_policy",
    },
  ),
  ...casesFor(
    "dclint:service-image-require-explicit-tag",
    { peerFlags: true, dockerfile: "services:\n  web:\n    image: httpd\n", note: "no tag" },
    { peerFlags: true, dockerfile: "services:\n  web:\n    image: httpd:latest\n" },
    { peerFlags: true, dockerfile: "services:\n  web:\n    image: httpd:stable\n" },
    { peerFlags: false, dockerfile: "services:\n  web:\n    image: httpd:2.4.62\n" },
    {
      peerFlags: false,
      dockerfile: `services:\n  web:\n    image: httpd@sha256:${"1".repeat(64)}\n`,
      note: "a digest",
    },
    {
      peerFlags: false,
      dockerfile: "services:\n  web:\n    image: localhost:5000/acme/web:3.1\n",
      note: "a registry port is not a tag",
    },
  ),
  ...casesFor(
    "dclint:no-unbound-port-interfaces",
    {
      peerFlags: true,
      dockerfile: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
    },
    {
      peerFlags: true,
      dockerfile:
        "services:\n  db:\n    image: postgres:16\n    ports:\n      - target: 5432\n        published: 5432\n",
      note: "long syntax without host_ip",
    },
    {
      peerFlags: false,
      dockerfile: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    {
      peerFlags: false,
      dockerfile:
        "services:\n  db:\n    image: postgres:16\n    ports:\n      - target: 5432\n        published: 5432\n        host_ip: 127.0.0.1\n",
    },
    {
      peerFlags: false,
      dockerfile: 'services:\n  db:\n    image: postgres:16\n    expose:\n      - "5432"\n',
      note: "expose publishes nothing",
    },
  ),
  ...casesFor(
    "dclint:require-project-name-field",
    { peerFlags: true, dockerfile: api },
    { peerFlags: false, dockerfile: `name: ml-serving\n${api}` },
    { peerFlags: false, dockerfile: `name: ml-\${ENV:-dev}\n${api}`, note: "a name with a variable" },
    {
      peerFlags: true,
      dockerfile: `${api}    labels:\n      name: ml-api\n`,
      note: "a nested `name` is not the project name",
    },
  ),
  ...casesFor(
    "dclint:services-alphabetical-order",
    { peerFlags: true, dockerfile: "services:\n  web:\n    image: a:1\n  db:\n    image: b:1\n" },
    { peerFlags: false, dockerfile: "services:\n  db:\n    image: b:1\n  web:\n    image: a:1\n" },
    { peerFlags: false, dockerfile: api, note: "one service" },
  ),
  ...casesFor(
    "dclint:service-dependencies-alphabetical-order",
    {
      peerFlags: true,
      dockerfile: "services:\n  web:\n    image: a:1\n    depends_on:\n      - queue\n      - cache\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "services:\n  web:\n    image: a:1\n    depends_on:\n      queue:\n        condition: service_started\n      cache:\n        condition: service_healthy\n",
      note: "long syntax",
    },
    {
      peerFlags: false,
      dockerfile: "services:\n  web:\n    image: a:1\n    depends_on:\n      - cache\n      - queue\n",
    },
  ),
  ...casesFor(
    "dclint:service-ports-alphabetical-order",
    {
      peerFlags: true,
      dockerfile: "services:\n  web:\n    image: a:1\n    ports:\n      - '9000:9000'\n      - '3000:3000'\n",
    },
    {
      peerFlags: false,
      dockerfile: "services:\n  web:\n    image: a:1\n    ports:\n      - '3000:3000'\n      - '9000:9000'\n",
    },
    { peerFlags: false, dockerfile: "services:\n  web:\n    image: a:1\n    ports:\n      - '3000:3000'\n" },
  ),
  ...casesFor(
    "dclint:service-keys-order",
    { peerFlags: true, dockerfile: "services:\n  web:\n    container_name: web\n    image: a:1\n" },
    {
      peerFlags: true,
      dockerfile: "services:\n  web:\n    image: a:1\n    restart: always\n    ports:\n      - '80:80'\n",
    },
    {
      peerFlags: false,
      dockerfile:
        "services:\n  web:\n    image: a:1\n    container_name: web\n    depends_on:\n      - db\n    volumes:\n      - data:/data\n    environment:\n      - A=1\n    ports:\n      - '80:80'\n    restart: always\n  db:\n    image: b:1\n",
    },
  ),
  ...casesFor(
    "dclint:top-level-properties-order",
    { peerFlags: true, dockerfile: `${api}name: ml\n` },
    { peerFlags: true, dockerfile: `x-b: 1\nx-a: 2\n${api}`, note: "extension fields sorted" },
    { peerFlags: false, dockerfile: `x-a: 1\nname: ml\n${api}volumes:\n  data:\n` },
  ),
  ...casesFor(
    "dclint:require-quotes-in-ports",
    { peerFlags: true, dockerfile: "services:\n  web:\n    image: a:1\n    ports:\n      - 80:80\n" },
    { peerFlags: true, dockerfile: "services:\n  web:\n    image: a:1\n    expose:\n      - 3000\n" },
    { peerFlags: false, dockerfile: "services:\n  web:\n    image: a:1\n    ports:\n      - '80:80'\n" },
    {
      peerFlags: true,
      dockerfile: 'services:\n  web:\n    image: a:1\n    ports:\n      - "80:80"\n',
      mllintDiffers: "either quote passes unless quoteType asks for one (dclint defaults to single)",
    },
  ),
  ...casesFor(
    "dclint:no-quotes-in-volumes",
    { peerFlags: true, dockerfile: 'services:\n  web:\n    image: a:1\n    volumes:\n      - "/srv:/srv"\n' },
    {
      peerFlags: true,
      dockerfile:
        "services:\n  web:\n    image: a:1\n    volumes:\n      - 'cache:/cache'\nvolumes:\n  cache:\n",
    },
    { peerFlags: false, dockerfile: "services:\n  web:\n    image: a:1\n    volumes:\n      - /srv:/srv\n" },
  ),
  ...casesFor(
    "dclint:invalid-yaml",
    { peerFlags: true, dockerfile: 'services:\n  web:\n    image: "a:1\n' },
    {
      peerFlags: true,
      dockerfile: "services:\n  web:\n    image: a:1\n     ports: []\n",
      note: "bad indentation",
    },
    { peerFlags: false, dockerfile: api },
  ),
  ...casesFor(
    "dclint:invalid-schema",
    { peerFlags: true, dockerfile: `${api}    imagee: typo\n`, note: "unknown service key" },
    { peerFlags: true, dockerfile: `${api}    ports: 8000\n`, note: "ports must be a list" },
    { peerFlags: false, dockerfile: `${api}    ports:\n      - "8000:8000"\n` },
  ),
];

agreementSuite("dclint", cases);
