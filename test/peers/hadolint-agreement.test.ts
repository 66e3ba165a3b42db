import { agreementSuite, casesFor, type PeerCase } from "./agreement.js";

// Cases written from what hadolint's docs and spec files say each DL rule flags or accepts (own texts, not theirs).
const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
const schema = (requiredLabels: Record<string, string>, strictLabels = false) => ({
  ruleOptions: { requiredLabels, strictLabels },
});
const trusting = (...trustedRegistries: string[]) => ({ settings: { trustedRegistries } });
const builderStage =
  "only the final image is checked; a builder stage's leftovers never ship (hadolint#405, #1068)";

const cases: PeerCase[] = [
  ...casesFor(
    "hadolint:DL1000",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUNN echo hi\n", note: "unknown instruction" },
    { peerFlags: true, dockerfile: 'FROM python:3.12\nENTRYPIONT ["python"]\n' },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN echo hi\n" },
  ),
  ...casesFor(
    "hadolint:DL3061",
    { peerFlags: true, dockerfile: "LABEL team=ml\nFROM debian:12\n" },
    { peerFlags: true, dockerfile: "ENV MODE=prod\nFROM debian:12\n" },
    { peerFlags: false, dockerfile: "ARG BASE=debian:12\nFROM ${BASE}\n" },
    { peerFlags: false, dockerfile: "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN true\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nARG VERSION=1\nRUN echo $VERSION\n" },
  ),
  ...casesFor(
    "hadolint:DL3043",
    { peerFlags: true, dockerfile: "FROM debian:12\nONBUILD ONBUILD RUN make\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nONBUILD FROM alpine:3.20\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nONBUILD MAINTAINER ops@example.com\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nONBUILD COPY . /src\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nONBUILD RUN make\n" },
  ),
  ...casesFor(
    "hadolint:DL3002",
    { peerFlags: true, dockerfile: "FROM debian:12\nUSER root\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nUSER 0:0\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12 AS base\nUSER root\nFROM base\nRUN make\n",
      note: "inherited",
    },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nRUN make\n",
      mllintDiffers: "no USER at all still runs as root; mllint reports it (hadolint#328)",
    },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nUSER 1000\n",
      mllintDiffers: builderStage,
    },
  ),
  ...casesFor(
    "hadolint:DL3006",
    { peerFlags: true, dockerfile: "FROM ubuntu\n" },
    { peerFlags: true, dockerfile: "FROM golang:1.22 AS build\nFROM node AS web\n" },
    { peerFlags: false, dockerfile: "FROM ubuntu:24.04\n" },
    { peerFlags: false, dockerfile: `FROM ubuntu@${digest}\n` },
    { peerFlags: false, dockerfile: "FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\n" },
    { peerFlags: false, dockerfile: "ARG IMAGE\nFROM ${IMAGE}\n", note: "unresolvable variable image" },
  ),
  ...casesFor(
    "hadolint:DL3007",
    { peerFlags: true, dockerfile: "FROM python:latest\n" },
    { peerFlags: true, dockerfile: "FROM python:latest AS build\nFROM python:3.12-slim\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12-slim\n" },
    { peerFlags: false, dockerfile: `FROM python:latest@${digest}\n`, note: "a digest pins it" },
  ),
  ...casesFor(
    "hadolint:DL3057",
    { peerFlags: true, dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n' },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK CMD ["python", "/check.py"]\n',
    },
    {
      peerFlags: false,
      dockerfile:
        'FROM python:3.12 AS base\nHEALTHCHECK CMD ["python", "/check.py"]\nFROM base\nEXPOSE 8000\n',
    },
    {
      peerFlags: true,
      dockerfile:
        'FROM python:3.12 AS base\nHEALTHCHECK CMD ["python", "/check.py"]\nFROM python:3.12\nEXPOSE 8000\n',
    },
    {
      peerFlags: true,
      dockerfile: "FROM alpine:3.20\nCOPY tool /usr/bin/tool\n",
      mllintDiffers: "a HEALTHCHECK is asked for only when the image serves (EXPOSE or a server CMD)",
    },
  ),
  ...casesFor(
    "hadolint:DL3014",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get update && apt-get install curl\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nRUN apt-get install -q curl\n",
      note: "one -q does not say yes",
    },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y curl\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get -qq install curl\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get --assume-yes install curl\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nONBUILD RUN apt-get install curl\n" },
  ),
  ...casesFor(
    "hadolint:DL3015",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get install -y curl\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get -y install python3\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n" },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out\n",
      mllintDiffers: builderStage,
    },
  ),
  ...casesFor(
    "hadolint:DL3009",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n" },
    {
      peerFlags: false,
      dockerfile:
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      peerFlags: false,
      dockerfile:
        "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN echo ok\n",
    },
    {
      peerFlags: false,
      dockerfile:
        "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n",
      mllintDiffers: "a cache mount on /var/lib/apt keeps the lists out of the layer",
    },
  ),
  ...casesFor(
    "hadolint:DL3042",
    { peerFlags: true, dockerfile: "FROM python:3.12\nRUN pip install flask==3.0.3\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3\n" },
    {
      peerFlags: true,
      dockerfile: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip install flask==3.0.3\n",
      mllintDiffers: "pip turns its cache off for any PIP_NO_CACHE_DIR value, false included",
    },
    { peerFlags: false, dockerfile: "FROM python:3.12\nRUN pipx install black\n" },
    {
      peerFlags: false,
      dockerfile:
        "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask==3.0.3\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask==3.0.3\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3025",
    { peerFlags: true, dockerfile: "FROM python:3.12\nCMD python app.py\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nENTRYPOINT uvicorn app:app\n" },
    { peerFlags: true, dockerfile: 'FROM python:3.12\nSHELL ["/bin/bash", "-c"]\nCMD python app.py\n' },
    { peerFlags: false, dockerfile: 'FROM python:3.12\nCMD ["python", "app.py"]\n' },
    { peerFlags: false, dockerfile: 'FROM python:3.12\nENTRYPOINT [ "uvicorn", "app:app" ]\n' },
  ),
  ...casesFor(
    "hadolint:DL3020",
    { peerFlags: true, dockerfile: "FROM python:3.12\nADD app.py /app/\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nADD src/ /app/src/\n" },
    {
      peerFlags: true,
      dockerfile: "FROM python:3.12\nADD weights.zip /models/\n",
      note: "zip is not unpacked",
    },
    { peerFlags: false, dockerfile: "FROM python:3.12\nADD model.tar.gz /models/\n" },
    { peerFlags: false, dockerfile: 'FROM python:3.12\nADD "model.tgz" /models/\n', note: "quoted archive" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nADD https://example.com/model.bin /models/\n" },
  ),
  ...casesFor(
    "hadolint:DL1001",
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n",
    },
    { peerFlags: true, dockerfile: "# hadolint global ignore=DL3059\nFROM debian:12\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\n# curl is needed by the health check\nRUN true\n" },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\n# mllint ignore=DF100\nRUN apt-get install -y curl\n",
      mllintDiffers: "mllint also reports its own ignore comments",
    },
  ),
  ...casesFor(
    "hadolint:DL3000",
    { peerFlags: true, dockerfile: "FROM python:3.12\nWORKDIR app\n" },
    { peerFlags: true, dockerfile: 'FROM python:3.12\nWORKDIR "src/app"\n' },
    { peerFlags: false, dockerfile: "FROM python:3.12\nWORKDIR /app\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nWORKDIR '/srv/app'\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nENV APP_HOME=/srv\nWORKDIR ${APP_HOME}\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nWORKDIR /srv\nWORKDIR app\n" },
  ),
  ...casesFor(
    "hadolint:DL3064",
    { peerFlags: true, dockerfile: "ARG AWS_ACCESS_KEY_ID\nFROM debian:12\n" },
    { peerFlags: true, dockerfile: "ARG openai_api_key\nFROM debian:12\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nENV db_password=changeme\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nENV MODEL_NAME=bert\n" },
    { peerFlags: false, dockerfile: "ARG VERSION=1\nFROM debian:12\n" },
  ),
  ...casesFor(
    "hadolint:DL3001",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN service nginx start\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN vim /etc/hosts\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN top -b -n 1\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y openssh-client vim\n" },
    {
      peerFlags: true,
      dockerfile: "FROM ollama/ollama:0.3.0\nRUN ollama serve & sleep 5 && ollama pull llama3 && kill $!\n",
      mllintDiffers: "kill of a job the same RUN started warms a model cache",
    },
  ),
  ...casesFor(
    "hadolint:DL3003",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN cd /app && make\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN cd /usr/src/app\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nWORKDIR /app\nRUN make\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nRUN git clone https://github.com/acme/tool.git && cd tool && make\n",
      mllintDiffers: "entering a directory the same RUN cloned",
    },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nRUN (cd /tmp && make)\n",
      mllintDiffers: "cd inside a subshell",
    },
  ),
  ...casesFor(
    "hadolint:DL3004",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN sudo apt-get update\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get update && sudo make install\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nONBUILD RUN sudo make install\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y sudo\n" },
  ),
  ...casesFor(
    "hadolint:DL3010",
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nCOPY model.tar /opt/\nRUN tar -xf /opt/model.tar -C /opt\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM debian:12\nCOPY data/w.tar.gz /tmp/w.tar.gz\nWORKDIR /tmp\nRUN echo go && tar -xzf w.tar.gz\n",
    },
    { peerFlags: false, dockerfile: "FROM debian:12\nCOPY model.tar /opt/model.tar\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nCOPY requirements.txt /app/\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nCOPY --from=build /out/bundle.tar /opt/bundle.tar\n" },
  ),
  ...casesFor(
    "hadolint:DL3011",
    { peerFlags: true, dockerfile: "FROM python:3.12\nEXPOSE 80000\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nEXPOSE 8000 70000/udp\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nEXPOSE 8000\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nEXPOSE 65535\n" },
  ),
  ...casesFor(
    "hadolint:DL3012",
    { peerFlags: true, dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n' },
    { peerFlags: false, dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD ["a"]\n' },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12 AS a\nHEALTHCHECK CMD ["a"]\nFROM python:3.12\nHEALTHCHECK CMD ["b"]\n',
    },
    { peerFlags: false, dockerfile: "FROM python:3.12\n" },
  ),
  ...casesFor(
    "hadolint:DL4003",
    { peerFlags: true, dockerfile: 'FROM debian:12\nCMD ["a"]\nRUN make\nCMD ["b"]\n' },
    {
      peerFlags: true,
      dockerfile: 'FROM debian:12 AS one\nCMD ["a"]\nCMD ["b"]\nFROM debian:12\nCMD ["c"]\n',
    },
    { peerFlags: false, dockerfile: 'FROM debian:12 AS one\nCMD ["a"]\nFROM debian:12\nCMD ["b"]\n' },
    { peerFlags: false, dockerfile: 'FROM debian:12\nCMD ["a"]\n' },
  ),
  ...casesFor(
    "hadolint:DL4004",
    { peerFlags: true, dockerfile: 'FROM debian:12\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n' },
    { peerFlags: false, dockerfile: 'FROM debian:12\nENTRYPOINT ["a"]\n' },
    {
      peerFlags: false,
      dockerfile: 'FROM debian:12 AS one\nENTRYPOINT ["a"]\nFROM debian:12\nENTRYPOINT ["b"]\n',
    },
  ),
  ...casesFor(
    "hadolint:DL3021",
    { peerFlags: true, dockerfile: "FROM python:3.12\nCOPY app.py config.yaml /app\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nCOPY app.py config.yaml /app/\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nCOPY app.py /app/app.py\n" },
    { peerFlags: false, dockerfile: 'FROM python:3.12\nCOPY ["app.py", "config.yaml", "/app/"]\n' },
  ),
  ...casesFor(
    "hadolint:DL3022",
    { peerFlags: true, dockerfile: "FROM debian:12\nCOPY --from=builder /out /app\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nCOPY --from=build /out /app\nFROM golang:1.22 AS build\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM golang:1.22 AS build\nFROM debian:12\nCOPY --from=build /out /app\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n",
    },
    { peerFlags: false, dockerfile: "FROM golang:1.22\nFROM debian:12\nCOPY --from=0 /out /app\n" },
  ),
  ...casesFor(
    "hadolint:DL3023",
    { peerFlags: true, dockerfile: "FROM node:20 AS web\nCOPY --from=web /a /b\n" },
    { peerFlags: true, dockerfile: "FROM node:20 AS a\nFROM node:20 AS b\nCOPY --from=b /x /y\n" },
    { peerFlags: false, dockerfile: "FROM node:20 AS a\nFROM node:20 AS b\nCOPY --from=a /x /y\n" },
  ),
  ...casesFor(
    "hadolint:DL3024",
    { peerFlags: true, dockerfile: "FROM node:20 AS app\nFROM debian:12 AS app\n" },
    { peerFlags: false, dockerfile: "FROM node:20 AS build\nFROM debian:12 AS run\n" },
    { peerFlags: false, dockerfile: "FROM debian:12 AS a\nFROM a AS b\n" },
  ),
  ...casesFor(
    "hadolint:DL3026",
    { peerFlags: false, dockerfile: "FROM random.example.com/debian:12\n", note: "no registries configured" },
    { peerFlags: true, dockerfile: "FROM quay.io/org/img:1\n", ...trusting("docker.io") },
    {
      peerFlags: false,
      dockerfile: "FROM ubuntu:24.04\nFROM acme/tool:1\nFROM docker.io/acme/tool:1\n",
      ...trusting("docker.io"),
    },
    { peerFlags: true, dockerfile: "FROM other.io/img:1\n", ...trusting("*.example.com") },
    { peerFlags: false, dockerfile: "FROM mirror.example.com/python:3.12\n", ...trusting("*.example.com") },
    { peerFlags: false, dockerfile: "FROM quay.io/org/base:1 AS base\nFROM base\n", ...trusting("quay.io") },
  ),
  ...casesFor(
    "hadolint:DL3029",
    { peerFlags: true, dockerfile: "FROM --platform=linux/amd64 python:3.12\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\n" },
    { peerFlags: false, dockerfile: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n" },
    {
      peerFlags: true,
      dockerfile: "FROM --platform=linux/arm64 alpine:3.20 AS build_arm64\n",
      mllintDiffers: "as in BuildKit, a stage named after its platform is deliberately platform-specific",
    },
  ),
  ...casesFor(
    "hadolint:DL3065",
    { peerFlags: true, dockerfile: "FROM --platform=$TARGETPLATFORM alpine:3.20\n" },
    { peerFlags: true, dockerfile: "FROM --platform=${TARGETPLATFORM} alpine:3.20\n" },
    { peerFlags: false, dockerfile: "FROM --platform=$BUILDPLATFORM alpine:3.20\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\n" },
  ),
  ...casesFor(
    "hadolint:DL3044",
    { peerFlags: true, dockerfile: 'FROM debian:12\nENV BASE=/opt EXTRA="$BASE/bin"\n' },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nENV PATH=/opt/a:$PATH PATH=/opt/b:$PATH\n",
      note: "PATH set twice",
    },
    { peerFlags: false, dockerfile: "FROM debian:12\nENV BASE=/opt\nENV EXTRA=$BASE/bin\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nENV PATH=/opt/bin:$PATH\n" },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nENV A=1 B=$AB\n",
      note: "a longer name is another variable",
    },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nENV BASE=/usr\nENV BASE=/opt EXTRA=$BASE/bin\n",
      mllintDiffers: "the old value is used, not the one written next to it",
    },
  ),
  ...casesFor(
    "hadolint:DL3045",
    { peerFlags: true, dockerfile: "FROM debian:12\nCOPY app.py app.py\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12 AS a\nWORKDIR /srv\nFROM debian:12\nCOPY app.py app.py\n",
    },
    { peerFlags: false, dockerfile: "FROM debian:12\nCOPY app.py /srv/app.py\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nWORKDIR /srv\nCOPY app.py app.py\n" },
    { peerFlags: false, dockerfile: "FROM debian:12 AS a\nWORKDIR /srv\nFROM a\nCOPY app.py app.py\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nENV APP_HOME=/srv\nCOPY app.py ${APP_HOME}\n" },
  ),
  ...casesFor(
    "hadolint:DL3046",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN useradd -u 1000680000 app\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN useradd app\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN useradd -u 1001 app\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN useradd -l -u 1000680000 app\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN useradd --no-log-init -u 1000680000 app\n" },
  ),
  ...casesFor(
    "hadolint:DL3059",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN ./a.sh\nRUN ./b.sh\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN ./a.sh\n# then\nRUN ./b.sh\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN ./a.sh\nWORKDIR /x\nRUN ./b.sh\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN --mount=type=secret,id=a ./a.sh\nRUN ./b.sh\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN ./a.sh && ./b.sh\nRUN ./c.sh\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN ./a.sh && ./b.sh\nRUN ./c.sh\nRUN ./d.sh\n" },
  ),
  ...casesFor(
    "hadolint:DL3063",
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS scratch\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS context\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20 AS builder\n" },
    { peerFlags: false, dockerfile: "FROM scratch\n" },
  ),
  ...casesFor(
    "hadolint:DL3066",
    { peerFlags: true, dockerfile: "FROM debian:12\nUSER app\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nUSER app:app\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nUSER 1000\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nUSER 1000:1000\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nARG UID=1000\nUSER ${UID}\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12 AS build\nUSER builder\nRUN make\nFROM debian:12\nUSER 1000\n",
      mllintDiffers: "only the USER the final image starts with matters to runAsNonRoot",
    },
  ),
  ...casesFor(
    "hadolint:DL3067",
    { peerFlags: true, dockerfile: "FROM golang:1.22 AS build\nFROM debian:12\nCOPY --from=build / /\n" },
    { peerFlags: false, dockerfile: "FROM golang:1.22 AS build\nFROM debian:12\nCOPY --from=build /app /\n" },
    { peerFlags: false, dockerfile: "FROM golang:1.22 AS build\nFROM debian:12\nCOPY --from=build / /app\n" },
    {
      peerFlags: true,
      dockerfile: "FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build / /\n",
      mllintDiffers: "into scratch it is the known way to flatten an image",
    },
  ),
  ...casesFor(
    "hadolint:DL4000",
    { peerFlags: true, dockerfile: "FROM debian:12\nMAINTAINER ops@example.com\n" },
    {
      peerFlags: false,
      dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.authors="ops@example.com"\n',
    },
    { peerFlags: false, dockerfile: 'FROM debian:12\nLABEL maintainer="ops@example.com"\n' },
  ),
  ...casesFor(
    "hadolint:DL4005",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN ln -snf /usr/bin/bash /bin/sh\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN ln -s a b && echo /bin/sh\n" },
  ),
  ...casesFor(
    "hadolint:DL4006",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN curl -fsSL https://x.example/m.tgz | tar -xz\n" },
    {
      peerFlags: true,
      dockerfile:
        'FROM debian:12\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x.example | tar -xz\n',
      note: "hadolint trusts pipefail only from bash, zsh or ash",
      mllintDiffers:
        "dash rejects `-o pipefail`, so every RUN fails loudly: nothing is hidden (see DF062's why)",
    },
    {
      peerFlags: false,
      dockerfile:
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x.example | tar -xz\n',
    },
    {
      peerFlags: true,
      dockerfile:
        'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN curl -fsSL https://x.example | tar -xz\n',
    },
    {
      peerFlags: false,
      dockerfile:
        'FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04\nSHELL ["pwsh", "-c"]\nRUN Get-ChildItem | Select-Object Name\n',
    },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nRUN set -o pipefail && curl -fsSL https://x.example | tar -xz\n",
      mllintDiffers: "set -o pipefail at the start of the RUN covers its pipes",
    },
  ),
  ...casesFor(
    "hadolint:DL3008",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get install -y curl\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 git\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y ./pkg_1.0_amd64.deb\n" },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nRUN apt-get install -y -t bookworm-backports cmake=3.30.0-1~bpo12+1\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3018",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nRUN apk add curl\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 git\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nRUN apk add --no-cache git~2.45\n" },
    {
      peerFlags: false,
      dockerfile:
        "FROM alpine:3.20\nRUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing bat=0.24.0-r0\n",
    },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nRUN apk add --no-cache ./local-1.0.apk\n" },
  ),
  ...casesFor(
    "hadolint:DL3033",
    { peerFlags: true, dockerfile: "FROM rockylinux:9\nRUN yum install -y tomcat && yum clean all\n" },
    { peerFlags: true, dockerfile: "FROM rockylinux:9\nRUN yum module install -y nodejs && yum clean all\n" },
    {
      peerFlags: false,
      dockerfile: "FROM rockylinux:9\nRUN yum install -y tomcat-9.0.87 && yum clean all\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM rockylinux:9\nRUN yum install -y openssl-1:3.0.7 && yum clean all\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM rockylinux:9\nRUN yum module install -y nodejs:20 && yum clean all\n",
    },
    {
      peerFlags: false,
      dockerfile: 'FROM rockylinux:9\nRUN yum install -y "git-${GIT_VERSION}" && yum clean all\n',
    },
  ),
  ...casesFor(
    "hadolint:DL3041",
    { peerFlags: true, dockerfile: "FROM fedora:40\nRUN dnf install -y tomcat && dnf clean all\n" },
    {
      peerFlags: true,
      dockerfile: "FROM fedora:40\nRUN microdnf install -y rpm-sign && microdnf clean all\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM fedora:40\nRUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all\n",
    },
    { peerFlags: false, dockerfile: "FROM fedora:40\nRUN dnf install -y gcc-c++-11.4.1 && dnf clean all\n" },
    {
      peerFlags: false,
      dockerfile: "FROM fedora:40\nRUN dnf module install -y nodejs:20 && dnf clean all\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3037",
    {
      peerFlags: true,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat && zypper clean\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat=9.0.39 && zypper clean\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y 'tomcat>=9.0' && zypper clean\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3019",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n" },
    {
      peerFlags: false,
      dockerfile: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl=8.9.1-r0\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/other apk add -U curl=8.9.1-r0\n",
    },
    {
      peerFlags: true,
      dockerfile:
        "FROM alpine:3.20 AS build\nRUN apk add gcc=13.2.1-r0\nFROM alpine:3.20\nCOPY --from=build /out /out\n",
      mllintDiffers: builderStage,
    },
  ),
  ...casesFor(
    "hadolint:DL3027",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt install -y curl\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN apt update && apt-get install -y curl\n" },
    { peerFlags: true, dockerfile: "FROM debian:12\nONBUILD RUN apt install -y curl\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-get install -y curl\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN apt-cache policy curl\n" },
  ),
  ...casesFor(
    "hadolint:DL3030",
    { peerFlags: true, dockerfile: "FROM rockylinux:9\nRUN yum install httpd-2.4.57 && yum clean all\n" },
    { peerFlags: false, dockerfile: "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n" },
    {
      peerFlags: false,
      dockerfile: "FROM rockylinux:9\nRUN yum install --assumeyes httpd-2.4.57 && yum clean all\n",
    },
    { peerFlags: false, dockerfile: "FROM rockylinux:9\nRUN yum clean all\n" },
  ),
  ...casesFor(
    "hadolint:DL3038",
    { peerFlags: true, dockerfile: "FROM fedora:40\nRUN dnf install httpd-2.4.57 && dnf clean all\n" },
    {
      peerFlags: true,
      dockerfile: "FROM fedora:40\nRUN microdnf install httpd-2.4.57 && microdnf clean all\n",
    },
    { peerFlags: false, dockerfile: "FROM fedora:40\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n" },
    {
      peerFlags: false,
      dockerfile: "FROM fedora:40\nRUN dnf --assumeyes install httpd-2.4.57 && dnf clean all\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3034",
    {
      peerFlags: true,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.51 && zypper clean\n",
    },
    { peerFlags: true, dockerfile: "FROM opensuse/leap:15.6\nRUN zypper remove httpd && zypper clean\n" },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -n httpd=2.4.51 && zypper clean\n",
    },
    {
      peerFlags: false,
      dockerfile:
        "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install httpd=2.4.51 && zypper clean\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.51 && zypper clean\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3035",
    { peerFlags: true, dockerfile: "FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y\n" },
    { peerFlags: true, dockerfile: "FROM opensuse/leap:15.6\nRUN zypper -n dup\n" },
    { peerFlags: false, dockerfile: "FROM opensuse/leap:15.6\nRUN zypper update -y\n" },
    { peerFlags: false, dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.0.1\n" },
  ),
  ...casesFor(
    "hadolint:DL3032",
    { peerFlags: true, dockerfile: "FROM rockylinux:9\nRUN yum install -y mariadb-10.5\n" },
    { peerFlags: false, dockerfile: "FROM rockylinux:9\nRUN yum install -y mariadb-10.5 && yum clean all\n" },
    { peerFlags: false, dockerfile: "FROM rockylinux:9\nRUN rpm -q bash\n" },
    {
      peerFlags: true,
      dockerfile:
        "FROM rockylinux:9 AS build\nRUN yum install -y gcc-11.4\nFROM rockylinux:9\nCOPY --from=build /out /out\n",
      mllintDiffers: builderStage,
    },
  ),
  ...casesFor(
    "hadolint:DL3040",
    { peerFlags: true, dockerfile: "FROM fedora:40\nRUN dnf install -y mariadb-10.5\n" },
    { peerFlags: true, dockerfile: "FROM fedora:40\nRUN microdnf install -y mariadb-10.5\n" },
    { peerFlags: false, dockerfile: "FROM fedora:40\nRUN dnf install -y mariadb-10.5 && dnf clean all\n" },
    {
      peerFlags: false,
      dockerfile: "FROM fedora:40\nRUN microdnf install -y mariadb-10.5 && microdnf clean all\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM fedora:40\nRUN dnf install -y mariadb-10.5 && rm -rf /var/cache/yum/*\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3036",
    { peerFlags: true, dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.6\n" },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.6 && zypper clean\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.6 && zypper cc\n",
    },
    {
      peerFlags: false,
      dockerfile: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.6 && zypper clean -a\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3013",
    { peerFlags: true, dockerfile: "FROM python:3.12\nRUN pip install flask\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nRUN python -m pip install flask\n" },
    {
      peerFlags: true,
      dockerfile: "FROM python:3.12\nRUN pip install git+https://github.com/acme/tool.git\n",
    },
    { peerFlags: false, dockerfile: "FROM python:3.12\nRUN pip install flask==3.0.3 'numpy<2'\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nRUN pip install -r requirements.txt\n" },
    { peerFlags: false, dockerfile: "FROM python:3.12\nRUN pip install .\n" },
  ),
  ...casesFor(
    "hadolint:DL3016",
    { peerFlags: true, dockerfile: "FROM node:20\nRUN npm install express\n" },
    { peerFlags: true, dockerfile: "FROM node:20\nRUN npm install -g @acme/cli\n" },
    { peerFlags: false, dockerfile: "FROM node:20\nRUN npm install\n" },
    { peerFlags: false, dockerfile: "FROM node:20\nRUN npm install express@4.19.2\n" },
    { peerFlags: false, dockerfile: "FROM node:20\nRUN npm install ./local-pkg\n" },
    {
      peerFlags: false,
      dockerfile: "FROM node:20\nRUN npm install git+https://github.com/acme/x.git#v1.0.0\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3028",
    { peerFlags: true, dockerfile: "FROM ruby:3.3\nRUN gem install bundler\n" },
    { peerFlags: true, dockerfile: "FROM ruby:3.3\nRUN gem i rake:13.2.1 nokogiri\n" },
    { peerFlags: false, dockerfile: "FROM ruby:3.3\nRUN gem install bundler:2.5.22\n" },
    { peerFlags: false, dockerfile: "FROM ruby:3.3\nRUN gem install bundler -v 2.5.22\n" },
    { peerFlags: false, dockerfile: "FROM ruby:3.3\nRUN gem install bundler --version=2.5.22\n" },
  ),
  ...casesFor(
    "hadolint:DL3062",
    { peerFlags: true, dockerfile: "FROM golang:1.22\nRUN go install github.com/acme/tool\n" },
    { peerFlags: true, dockerfile: "FROM golang:1.22\nRUN go install github.com/acme/tool@latest\n" },
    { peerFlags: true, dockerfile: "FROM golang:1.22\nRUN go run github.com/acme/gen\n" },
    { peerFlags: false, dockerfile: "FROM golang:1.22\nRUN go install github.com/acme/tool@v1.2.3\n" },
    { peerFlags: false, dockerfile: "FROM golang:1.22\nRUN go install ./cmd/server\n" },
  ),
  ...casesFor(
    "hadolint:DL3060",
    { peerFlags: true, dockerfile: "FROM node:20\nRUN yarn install\n" },
    { peerFlags: false, dockerfile: "FROM node:20\nRUN yarn install && yarn cache clean\n" },
    { peerFlags: true, dockerfile: "FROM node:20 AS deps\nRUN yarn install\nFROM deps\nRUN echo ok\n" },
    {
      peerFlags: false,
      dockerfile: "FROM node:20 AS deps\nRUN yarn install\nFROM node:20-slim\nCOPY --from=deps /app /app\n",
    },
    { peerFlags: false, dockerfile: "FROM node:20\nRUN npm ci\n" },
  ),
  ...casesFor(
    "hadolint:DL3047",
    { peerFlags: true, dockerfile: "FROM debian:12\nRUN wget https://x.example/model.bin\n" },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nRUN wget --progress=dot:giga https://x.example/model.bin\n",
    },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN wget -q https://x.example/model.bin\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN wget -nv https://x.example/model.bin\n" },
    {
      peerFlags: false,
      dockerfile: "FROM debian:12\nRUN wget -o /tmp/wget.log https://x.example/model.bin\n",
    },
  ),
  ...casesFor(
    "hadolint:DL4001",
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nRUN wget https://a.example/x\nRUN curl -fO https://a.example/y\n",
    },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12\nRUN wget https://a.example/x && curl -fO https://a.example/y\n",
    },
    { peerFlags: false, dockerfile: "FROM debian:12\nRUN wget https://a.example/x\n" },
    {
      peerFlags: false,
      dockerfile:
        "FROM debian:12 AS a\nRUN wget https://a.example/x\nFROM debian:12\nRUN curl -fO https://a.example/y\n",
    },
  ),
  ...casesFor(
    "hadolint:DL3048",
    { peerFlags: true, dockerfile: 'FROM debian:12\nLABEL com.docker.model="x"\n' },
    { peerFlags: true, dockerfile: 'FROM debian:12\nLABEL Model_Name="x"\n' },
    { peerFlags: true, dockerfile: 'FROM debian:12\nLABEL 1model="x"\n' },
    { peerFlags: true, dockerfile: 'FROM debian:12\nLABEL model..name="x"\n' },
    { peerFlags: false, dockerfile: 'FROM debian:12\nLABEL ai.acme.model-version3="x"\n' },
    { peerFlags: false, dockerfile: 'FROM debian:12\nLABEL model="x"\n' },
  ),
  ...casesFor(
    "hadolint:DL3049",
    { peerFlags: true, dockerfile: "FROM python:3.12\n", ...schema({ "ai.acme.model": "text" }) },
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL other="x"\n',
      ...schema({ "ai.acme.model": "text" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model="bert"\n',
      ...schema({ "ai.acme.model": "text" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12 AS base\nLABEL ai.acme.model="bert"\nFROM base\n',
      ...schema({ "ai.acme.model": "text" }),
    },
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12 AS build\nFROM python:3.12\nLABEL ai.acme.model="bert"\n',
      ...schema({ "ai.acme.model": "text" }),
      mllintDiffers: "only the final image's labels reach a registry or catalogue",
    },
  ),
  ...casesFor(
    "hadolint:DL3050",
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model="bert"\n',
      ...schema({ "ai.acme.model": "text" }, true),
    },
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model="bert" other="x"\n',
      ...schema({ "ai.acme.model": "text" }, true),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model="bert" other="x"\n',
      ...schema({ "ai.acme.model": "text" }),
      note: "not strict",
    },
  ),
  ...casesFor(
    "hadolint:DL3051",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model=""\n',
      ...schema({ "ai.acme.model": "text" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model="bert"\n',
      ...schema({ "ai.acme.model": "text" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL ai.acme.model="bert" other=""\n',
      ...schema({ "ai.acme.model": "text" }),
    },
  ),
  ...casesFor(
    "hadolint:DL3052",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.source="not-a-url"\n',
      ...schema({ "org.opencontainers.image.source": "url" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.source="https://github.com/acme/model"\n',
      ...schema({ "org.opencontainers.image.source": "url" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.source="http://example.com" other="x"\n',
      ...schema({ "org.opencontainers.image.source": "url" }),
    },
  ),
  ...casesFor(
    "hadolint:DL3053",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.created="yesterday"\n',
      ...schema({ "org.opencontainers.image.created": "rfc3339" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"\n',
      ...schema({ "org.opencontainers.image.created": "rfc3339" }),
    },
    {
      peerFlags: false,
      dockerfile:
        'FROM python:3.12\nLABEL org.opencontainers.image.created="2024-05-01T12:00:00.123456789+02:00"\n',
      ...schema({ "org.opencontainers.image.created": "rfc3339" }),
    },
  ),
  ...casesFor(
    "hadolint:DL3054",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.licenses="Apache 2"\n',
      ...schema({ "org.opencontainers.image.licenses": "spdx" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.licenses="MIT"\n',
      ...schema({ "org.opencontainers.image.licenses": "spdx" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.licenses="BSD-3-Clause"\n',
      ...schema({ "org.opencontainers.image.licenses": "spdx" }),
    },
  ),
  ...casesFor(
    "hadolint:DL3055",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.revision="main"\n',
      ...schema({ "org.opencontainers.image.revision": "hash" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.revision="4f2a9c1"\n',
      ...schema({ "org.opencontainers.image.revision": "hash" }),
    },
    {
      peerFlags: false,
      dockerfile: `FROM python:3.12\nLABEL org.opencontainers.image.revision="${"4f2a9c1e".repeat(5)}"\n`,
      ...schema({ "org.opencontainers.image.revision": "hash" }),
    },
  ),
  ...casesFor(
    "hadolint:DL3056",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.version="latest"\n',
      ...schema({ "org.opencontainers.image.version": "semver" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.version="1.4.0"\n',
      ...schema({ "org.opencontainers.image.version": "semver" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.version="2.0.1-rc1"\n',
      ...schema({ "org.opencontainers.image.version": "semver" }),
    },
  ),
  ...casesFor(
    "hadolint:DL3058",
    {
      peerFlags: true,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.authors="ml team"\n',
      ...schema({ "org.opencontainers.image.authors": "email" }),
    },
    {
      peerFlags: false,
      dockerfile: 'FROM python:3.12\nLABEL org.opencontainers.image.authors="ml-team@example.com"\n',
      ...schema({ "org.opencontainers.image.authors": "email" }),
    },
    {
      peerFlags: false,
      dockerfile:
        'FROM python:3.12\nLABEL org.opencontainers.image.authors="ml-team@example.com" other="x"\n',
      ...schema({ "org.opencontainers.image.authors": "email" }),
    },
  ),
];

await agreementSuite("hadolint", cases);
