import { describe, expect, it } from "vitest";
import { buildDockerfile, finalStage, lineage, runCommands } from "../../src/model/dockerfile.js";
import { SourceFile } from "../../src/source.js";

const parse = (text: string) => buildDockerfile(new SourceFile("Dockerfile", text, "dockerfile"));
const at = (file: SourceFile, offset: number) => {
  const { line, column } = file.position(offset);
  return `${line}:${column}`;
};

describe("Dockerfile model", () => {
  it("gives the exact line of each command inside a multi-line RUN", () => {
    const doc = parse(
      "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y \\\n    build-essential \\\n    curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
    );
    const commands = runCommands(doc.stages[0]!).map(({ command }) => command);
    expect(commands.map((c) => c.name?.value)).toEqual(["apt-get", "apt-get", "rm"]);
    expect(commands.map((c) => at(doc.file, c.span.start))).toEqual(["2:5", "2:23", "5:8"]);
    expect(commands[1]!.args.map((a) => a.value)).toEqual(["install", "-y", "build-essential", "curl"]);
  });

  it("drops comment lines inside continuations, as Docker does", () => {
    const doc = parse("FROM alpine:3.20\nRUN pip install \\\n# a comment\n    torch\n");
    const [command] = runCommands(doc.stages[0]!).map(({ command }) => command);
    expect(command!.args.map((a) => a.value)).toEqual(["install", "torch"]);
  });

  it("parses exec form from the source, keeping spaces inside strings", () => {
    const doc = parse('FROM python:3.12\nCMD ["uvicorn", "app:app --port 80"]\n');
    const cmd = doc.instructions[1]!;
    expect(cmd.kind).toBe("cmd");
    if (cmd.kind !== "cmd") return;
    expect(cmd.form).toBe("exec");
    expect(cmd.exec!.map((w) => w.value)).toEqual(["uvicorn", "app:app --port 80"]);
    expect(doc.file.slice(cmd.exec![1]!.span)).toBe('"app:app --port 80"');
  });

  it("reads the commands of sh -c inside exec form", () => {
    const doc = parse('FROM python:3.12\nRUN ["sh", "-c", "pip install torch && rm -rf /tmp/x"]\n');
    const names = runCommands(doc.stages[0]!).map(({ command }) => command.name?.value);
    expect(names).toEqual(["sh", "pip", "rm"]);
    const pip = runCommands(doc.stages[0]!)[1]!.command;
    expect(doc.file.slice(pip.name!.span)).toBe("pip");
  });

  it("parses heredoc bodies as scripts for RUN <<EOF, but not for other programs", () => {
    const doc = parse(
      "FROM python:3.12\nRUN <<EOF\npip install torch\nrm -rf /root/.cache\nEOF\nRUN python3 <<PY\nimport os\nPY\n",
    );
    const names = runCommands(doc.stages[0]!).map(({ command }) => command.name?.value);
    expect(names).toEqual(["pip", "rm", "python3"]);
    const pip = runCommands(doc.stages[0]!)[0]!.command;
    expect(at(doc.file, pip.span.start)).toBe("3:1");
    const run = doc.instructions[1]!;
    if (run.kind === "run") expect(run.args.map((a) => a.value)).toEqual(["<<EOF"]);
  });

  it("resolves ARG defaults in FROM and splits the image reference", () => {
    const doc = parse(
      "ARG REGISTRY=nvcr.io\nARG TAG=24.01-py3\nFROM ${REGISTRY}/nvidia/pytorch:${TAG} AS base\n",
    );
    const image = doc.stages[0]!.image!;
    expect(image).toMatchObject({
      written: "${REGISTRY}/nvidia/pytorch:${TAG}",
      text: "nvcr.io/nvidia/pytorch:24.01-py3",
      registry: "nvcr.io",
      repository: "nvidia/pytorch",
      tag: "24.01-py3",
      unresolved: false,
    });
    expect(doc.stages[0]!.name!.value).toBe("base");
    expect(doc.globalArgs).toHaveLength(2);
  });

  it("marks images whose variables have no default as unresolved, and handles digests and ports", () => {
    const doc = parse("ARG BASE\nFROM ${BASE}\nFROM localhost:5000/ml/app:1.0@sha256:abc\n");
    expect(doc.stages[0]!.image!.unresolved).toBe(true);
    expect(doc.stages[1]!.image).toMatchObject({
      registry: "localhost:5000",
      repository: "ml/app",
      tag: "1.0",
      digest: "sha256:abc",
    });
  });

  it("links stages built on earlier stages, case-insensitively", () => {
    const doc = parse("FROM python:3.12 AS Build\nUSER app\nFROM build\nFROM scratch\n");
    expect(doc.stages[1]!.base).toBe(doc.stages[0]);
    expect(lineage(doc.stages[1]!)).toEqual([doc.stages[1], doc.stages[0]]);
    expect(doc.stages[2]!.image!.scratch).toBe(true);
    expect(finalStage(doc)!.isFinal).toBe(true);
  });

  it("keeps comment lines and empty-continuation backslashes out of the arguments", () => {
    const doc = parse("FROM python:3.12\nEXPOSE 8000 \\\n  # metrics Port\n  9090 \\\n\n  9091\n");
    expect(doc.instructions[1]!.args.map((a) => a.value)).toEqual(["8000", "9090", "9091"]);
  });

  it("parses exec-form COPY, so paths with spaces are single sources", () => {
    const doc = parse('FROM python:3.12\nCOPY ["my model/", "config.json", "/opt/app/"]\n');
    const copy = doc.instructions[1]!;
    if (copy.kind !== "copy") throw new Error("expected COPY");
    expect(copy.form).toBe("exec");
    expect(copy.sources.map((s) => s.value)).toEqual(["my model/", "config.json"]);
    expect(doc.file.slice(copy.destination!.span)).toBe('"/opt/app/"');
  });

  it("understands BuildKit's newer flags instead of failing on them", () => {
    const doc = parse(
      [
        "FROM --platform=$BUILDPLATFORM python:3.12-slim AS build",
        "RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked \\",
        "    --mount=type=secret,id=hf_token,env=HF_TOKEN --network=none --security=insecure \\",
        "    pip install -r requirements.txt",
        "COPY --link --chmod=0755 --parents --exclude=*.pyc src/**/*.py /src/",
        "ADD --checksum=sha256:abc --keep-git-dir=true https://example.com/m.onnx /models/",
        "",
      ].join("\n"),
    );
    expect(doc.problems).toEqual([]);
    const run = doc.instructions[1]!;
    if (run.kind !== "run") throw new Error("expected RUN");
    expect(run.mounts.map((m) => m.options)).toEqual([
      { type: "cache", target: "/root/.cache/pip", sharing: "locked" },
      { type: "secret", id: "hf_token", env: "HF_TOKEN" },
    ]);
    expect(run.flags.map((f) => f.name)).toEqual(["mount", "mount", "network", "security"]);
    expect(run.commands.map((c) => c.name?.value)).toEqual(["pip"]);
    const copy = doc.instructions[2]!;
    if (copy.kind !== "copy") throw new Error("expected COPY");
    expect(copy.flags.map((f) => f.name)).toEqual(["link", "chmod", "parents", "exclude"]);
    expect(copy.sources.map((s) => s.value)).toEqual(["src/**/*.py"]);
  });

  it("follows a stage named through a platform argument (FROM runtime-${TARGETARCH})", () => {
    const doc = parse(
      "FROM python:3.12-slim AS runtime-amd64\nFROM python:3.12-slim AS runtime-arm64\nFROM runtime-${TARGETARCH}\n",
    );
    const final = doc.stages[2]!;
    expect(final.base).toBe(doc.stages[0]);
    expect(final.image).toMatchObject({ text: "runtime-amd64", unresolved: false });
    expect(lineage(final).map((s) => s.index)).toEqual([2, 0]);
  });

  it("strips a BOM so the first instruction is at column 1", () => {
    const doc = parse("\ufeffFROM python:3.12\n");
    expect(at(doc.file, doc.instructions[0]!.keywordSpan.start)).toBe("1:1");
  });

  it("keeps ONBUILD triggers as typed instructions", () => {
    const doc = parse("FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n");
    const onbuild = doc.instructions[1]!;
    expect(onbuild.kind).toBe("onbuild");
    if (onbuild.kind !== "onbuild") return;
    expect(onbuild.trigger?.kind).toBe("run");
    expect(onbuild.trigger?.onbuild).toBe(true);
  });

  it("collects syntax problems instead of throwing", () => {
    const doc = parse(
      'RUN echo hi\nFROOM x\nFROM python:3.9  # ~900MB\nCMD ["python", "app.py"\nCOPY onlyone\n',
    );
    expect(doc.problems.map((p) => `${at(doc.file, p.span.start)} ${p.message}`)).toEqual([
      "1:1 RUN before the first FROM: only ARG may come first",
      "2:1 Unknown instruction FROOM (did you mean FROM?)",
      "3:18 FROM takes an image and an optional AS name, not `# ~900MB` (a comment must start its own line)",
      "4:5 Unclosed exec-form bracket: Docker runs this line as a shell command instead",
      "5:6 COPY needs a source and a destination",
    ]);
  });

  it("survives hostile input", () => {
    for (const text of [
      "",
      "\n\n",
      "\\",
      "FROM",
      "RUN <<EOF\n",
      'CMD ["',
      "FROM x\nRUN $(((((",
      "\u0000\u0001",
    ]) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});
