import { agreementSuite, casesFor, type PeerCase } from "./agreement.js";

// Cases written from what BuildKit's build-check docs say each check reports or accepts (own texts, not theirs).
const cases: PeerCase[] = [
  ...casesFor(
    "buildkit:ConsistentInstructionCasing",
    {
      peerFlags: true,
      dockerfile: 'From alpine:3.20\nRun echo hi\nEntryPoint ["sh"]\n',
      note: "mixed-case keywords",
    },
    { peerFlags: true, dockerfile: "FROM alpine:3.20\ncopy a /a\nCOPY b /b\n", note: "minority lower case" },
    {
      peerFlags: true,
      dockerfile: "from alpine:3.20\nCOPY a /a\ncopy b /b\ncopy c /c\n",
      note: "minority upper case",
    },
    { peerFlags: false, dockerfile: 'FROM alpine:3.20\nRUN echo hi\nENTRYPOINT ["sh"]\n' },
    { peerFlags: false, dockerfile: 'from alpine:3.20\nrun echo hi\nentrypoint ["sh"]\n' },
  ),
  ...casesFor(
    "buildkit:CopyIgnoredFile",
    {
      peerFlags: true,
      dockerfile: "FROM python:3.12\nCOPY checkpoints/ /models/\n",
      context: { ".dockerignore": "checkpoints\n", "checkpoints/model.bin": "w" },
    },
    {
      peerFlags: true,
      dockerfile: "FROM python:3.12\nCOPY model.ckpt /models/\n",
      context: { ".dockerignore": "*.ckpt\n", "model.ckpt": "w" },
    },
    {
      peerFlags: false,
      dockerfile: "FROM python:3.12\nCOPY app.py /app/\n",
      context: { ".dockerignore": ".git\n", "app.py": "" },
    },
    {
      peerFlags: false,
      dockerfile: "FROM python:3.12\nCOPY checkpoints/ /models/\n",
      context: { "checkpoints/model.bin": "w" },
      note: "no .dockerignore",
    },
    {
      peerFlags: false,
      dockerfile: "FROM python:3.12\nCOPY data/ /data/\n",
      context: { ".dockerignore": "data\n!README.md\n", "data/x.csv": "", "README.md": "" },
      mllintDiffers: "BuildKit gives up on any .dockerignore with a ! exception; mllint evaluates exceptions",
    },
  ),
  ...casesFor(
    "buildkit:DuplicateStageName",
    { peerFlags: true, dockerfile: "FROM debian:12 AS build\nFROM golang:1.22 AS build\n" },
    {
      peerFlags: true,
      dockerfile: "FROM debian:12 AS Build\nFROM golang:1.22 AS build\n",
      note: "names are lowercased",
    },
    { peerFlags: false, dockerfile: "FROM debian:12 AS deb-build\nFROM golang:1.22 AS go-build\n" },
  ),
  ...casesFor(
    "buildkit:ExposeInvalidFormat",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nEXPOSE 127.0.0.1:8000:8000\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nEXPOSE 8080:8000\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nEXPOSE 8000\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nEXPOSE 8000/udp\n" },
  ),
  ...casesFor(
    "buildkit:ExposeProtoCasing",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nEXPOSE 8000/TcP\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nEXPOSE 53/UDP\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nEXPOSE 8000/tcp\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nEXPOSE 8000\n" },
  ),
  ...casesFor(
    "buildkit:FromAsCasing",
    { peerFlags: true, dockerfile: "FROM debian:12 as builder\n" },
    { peerFlags: true, dockerfile: "from debian:12 AS builder\n" },
    { peerFlags: false, dockerfile: "FROM debian:12 AS builder\n" },
    { peerFlags: false, dockerfile: "from debian:12 as builder\n" },
    { peerFlags: false, dockerfile: "FROM debian:12\n" },
  ),
  ...casesFor(
    "buildkit:FromPlatformFlagConstDisallowed",
    { peerFlags: true, dockerfile: "FROM --platform=linux/amd64 alpine:3.20 AS base\n" },
    { peerFlags: true, dockerfile: "FROM --platform=linux/arm64 alpine:3.20\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20 AS base\n" },
    { peerFlags: false, dockerfile: "FROM --platform=${BUILDPLATFORM} alpine:3.20 AS base\n" },
    {
      peerFlags: false,
      dockerfile: "FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\n",
      note: "the stage name carries the platform",
    },
  ),
  ...casesFor(
    "buildkit:InvalidDefaultArgInFrom",
    { peerFlags: true, dockerfile: "ARG TAG\nFROM busybox:${TAG}\n" },
    { peerFlags: true, dockerfile: "ARG IMAGE\nFROM ${IMAGE}\n" },
    { peerFlags: false, dockerfile: "ARG TAG=1.36\nFROM busybox:${TAG}\n" },
    { peerFlags: false, dockerfile: "ARG VARIANT\nFROM busybox:stable${VARIANT}\n" },
    { peerFlags: false, dockerfile: "ARG TAG\nFROM alpine:${TAG:-3.20}\n" },
  ),
  ...casesFor(
    "buildkit:InvalidDefinitionDescription",
    { peerFlags: true, dockerfile: "# compiles things\nFROM scratch AS base\n" },
    { peerFlags: true, dockerfile: "FROM scratch\n# the release\nARG VERSION=1\n" },
    { peerFlags: false, dockerfile: "# compiles things\n\nFROM scratch AS base\n" },
    {
      peerFlags: false,
      dockerfile: "# base compiles things\nFROM scratch AS base\n# VERSION is the release\nARG VERSION=1\n",
    },
    {
      peerFlags: false,
      dockerfile: "# compiles things\nFROM scratch\n",
      note: "an unnamed stage has no description",
    },
  ),
  ...casesFor(
    "buildkit:JSONArgsRecommended",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nENTRYPOINT my-server start\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nCMD python app.py\n" },
    { peerFlags: false, dockerfile: 'FROM alpine:3.20\nENTRYPOINT ["my-server", "start"]\n' },
    {
      peerFlags: false,
      dockerfile: 'FROM alpine:3.20\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT echo hello\n',
      mllintDiffers: "any shell as PID 1 keeps SIGTERM from the server, whichever SHELL (as hadolint DL3025)",
    },
  ),
  ...casesFor(
    "buildkit:LegacyKeyValueFormat",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nENV MODEL_DIR /models\n" },
    { peerFlags: true, dockerfile: 'FROM alpine:3.20\nLABEL description "sentiment model"\n' },
    {
      peerFlags: false,
      dockerfile: "FROM alpine:3.20\nARG foo bar\n",
      note: "the docs call it legacy, but the builder reads two ARG names and reports only ENV and LABEL",
    },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nENV MODEL_DIR=/models\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nARG foo=bar\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nARG VERSION\n" },
  ),
  ...casesFor(
    "buildkit:MaintainerDeprecated",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nMAINTAINER me@example.org\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS a\nMAINTAINER me@example.org\nFROM alpine:3.20\n" },
    {
      peerFlags: false,
      dockerfile: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me@example.org"\n',
    },
  ),
  ...casesFor(
    "buildkit:MultipleInstructionsDisallowed",
    { peerFlags: true, dockerfile: 'FROM alpine:3.20\nCMD echo "one"\nCMD echo "two"\n' },
    { peerFlags: true, dockerfile: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n' },
    { peerFlags: true, dockerfile: 'FROM alpine:3.20\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n' },
    {
      peerFlags: false,
      dockerfile:
        'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8080 || exit 1\nCMD ["python", "-m", "http.server"]\n',
    },
    { peerFlags: false, dockerfile: 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n' },
  ),
  ...casesFor(
    "buildkit:NoEmptyContinuation",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nRUN apk add \\\n\n    curl\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nEXPOSE \\\n\n8000\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nRUN apk add \\\n    curl\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nEXPOSE \\\n# the port\n8000\n" },
  ),
  ...casesFor(
    "buildkit:RedundantTargetPlatform",
    { peerFlags: true, dockerfile: "FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\n" },
    { peerFlags: true, dockerfile: "FROM --platform=${TARGETPLATFORM} alpine:3.20\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20 AS builder\n" },
    { peerFlags: false, dockerfile: "FROM --platform=$BUILDPLATFORM alpine:3.20 AS builder\n" },
  ),
  ...casesFor(
    "buildkit:ReservedStageName",
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS scratch\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS context\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20 AS builder\n" },
  ),
  ...casesFor(
    "buildkit:SecretsUsedInArgOrEnv",
    { peerFlags: true, dockerfile: "FROM scratch\nARG AWS_SECRET_ACCESS_KEY\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nENV HF_TOKEN=hf_example\n" },
    { peerFlags: true, dockerfile: "FROM python:3.12\nARG GITHUB_PASSWORD\n" },
    {
      peerFlags: false,
      dockerfile: "FROM python:3.12\nENV PUBLIC_KEY=/etc/keys/id.pub\n",
      note: "allow-word public",
    },
    {
      peerFlags: false,
      dockerfile: "FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false\n",
      note: "not the word token",
    },
    { peerFlags: false, dockerfile: "FROM python:3.12\nARG VERSION=1\n" },
  ),
  ...casesFor(
    "buildkit:StageNameCasing",
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS BuilderBase\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20 AS BUILD\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20 AS builder-base\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\n" },
  ),
  ...casesFor(
    "buildkit:UndefinedArgInFrom",
    { peerFlags: true, dockerfile: "FROM busybox:${TAG}\n" },
    { peerFlags: true, dockerfile: "ARG TAG=3.20\nFROM alpine:${TGA}\n", note: "misspelt" },
    {
      peerFlags: true,
      dockerfile: "FROM alpine:3.20\nARG TAG=3.20\nFROM alpine:${TAG}\n",
      note: "declared in a stage",
    },
    { peerFlags: false, dockerfile: "ARG TAG=1.36\nFROM busybox:${TAG}\n" },
    { peerFlags: false, dockerfile: "FROM --platform=$BUILDPLATFORM alpine:3.20\n", note: "predefined" },
  ),
  ...casesFor(
    "buildkit:UndefinedVar",
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nCOPY $foo .\n" },
    { peerFlags: true, dockerfile: "FROM alpine:3.20\nENV PATH=$PAHT:/app/bin\n", note: "misspelt PATH" },
    {
      peerFlags: true,
      dockerfile: "ARG VERSION=1\nFROM alpine:3.20\nLABEL version=$VERSION\n",
      note: "global, not redeclared",
    },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nARG foo\nCOPY $foo .\n" },
    { peerFlags: false, dockerfile: "FROM alpine:3.20\nENV PATH=$PATH:/app/bin\n" },
    {
      peerFlags: false,
      dockerfile: "FROM alpine:3.20\nRUN echo $SHELL_ONLY\n",
      note: "RUN is expanded by the shell",
    },
  ),
  ...casesFor(
    "buildkit:WorkdirRelativePath",
    { peerFlags: true, dockerfile: "FROM nginx:1.27 AS web\nWORKDIR usr/share/nginx/html\n" },
    { peerFlags: true, dockerfile: "FROM nginx:1.27 AS a\nWORKDIR /srv\nFROM nginx:1.27\nWORKDIR app\n" },
    { peerFlags: false, dockerfile: "FROM nginx:1.27 AS web\nWORKDIR /usr/share/nginx/html\n" },
    {
      peerFlags: false,
      dockerfile: "FROM nginx:1.27\nWORKDIR /srv\nWORKDIR app\n",
      mllintDiffers:
        "a relative WORKDIR is reported even after an absolute one (as hadolint DL3000); the autofix joins them",
    },
  ),
];

await agreementSuite("buildkit", cases);
