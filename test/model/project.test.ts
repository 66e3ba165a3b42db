import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildCompose } from "../../src/model/compose.js";
import { buildDockerfile } from "../../src/model/dockerfile.js";
import { buildProject, type Project } from "../../src/model/project.js";
import { parseDockerignore } from "../../src/parse/dockerignore.js";
import { type FileKind, SourceFile } from "../../src/source.js";

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Writes the files and builds the project from those of them mllint would lint, as `lint()` does. */
function project(files: Record<string, string>, kinds: Record<string, FileKind>): Project {
  root = mkdtempSync(join(tmpdir(), "mllint-model-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const sources = Object.entries(kinds).map(
    ([path, kind]) => new SourceFile(path, files[path]!, kind, join(root!, path)),
  );
  const of = (kind: FileKind) => sources.filter((s) => s.kind === kind);
  return buildProject({
    cwd: root,
    files: sources,
    dockerfiles: of("dockerfile").map(buildDockerfile),
    composeFiles: of("compose").map((f) => buildCompose(f, new Map())),
    dockerignores: of("dockerignore").map(parseDockerignore),
  });
}

describe("project model: compose builds", () => {
  it("resolves the context against the compose file and the Dockerfile against the context", () => {
    const model = project(
      {
        "deploy/compose.yaml":
          "services:\n  api:\n    build:\n      context: ../api\n      dockerfile: Dockerfile.gpu\n      target: serve\n      args:\n        MODEL: m\n        TYPO: x\n    image: ghcr.io/team/api:1.2\n",
        "api/Dockerfile.gpu":
          "ARG MODEL=default\nFROM python:3.12 AS build\nFROM python:3.12-slim AS serve\nARG MODEL\nFROM scratch AS debug\n",
        "api/Dockerfile.gpu.dockerignore": "weights\n",
        "api/.dockerignore": "*\n",
        Dockerfile: "FROM scratch\n",
      },
      {
        "deploy/compose.yaml": "compose",
        "api/Dockerfile.gpu": "dockerfile",
        "api/.dockerignore": "dockerignore",
        Dockerfile: "dockerfile",
      },
    );
    const [build] = model.builds;
    expect(build?.dir).toBe(join(root!, "api"));
    expect(build?.dockerfilePath).toBe(join(root!, "api/Dockerfile.gpu"));
    expect(build?.missing).toBeUndefined();
    expect(build?.stage?.name?.value).toBe("serve");
    expect(build?.args.map((a) => [a.entry.name, a.declarations.length])).toEqual([
      ["MODEL", 2],
      ["TYPO", 0],
    ]);
    // `<Dockerfile name>.dockerignore` beside the Dockerfile wins over the context's, even when not linted.
    expect(build?.context?.dockerignore?.file.path).toBe("api/Dockerfile.gpu.dockerignore");
    expect(model.contexts.map((c) => [c.dockerfile.file.path, c.origin, c.builds.length])).toEqual([
      ["api/Dockerfile.gpu", "compose", 1],
      ["Dockerfile", "dockerfile-directory", 0],
    ]);
    expect([...model.images.keys()]).toEqual(["team/api"]);
  });

  it("keeps unresolved links as data: missing paths, remote contexts, inline Dockerfiles", () => {
    const model = project(
      {
        "compose.yaml":
          "services:\n  a:\n    build: ./gone\n  b:\n    build: .\n  c:\n    build: https://github.com/org/repo.git#main\n  d:\n    build:\n      dockerfile_inline: FROM scratch\n  e:\n    build: ./sub\n",
        "sub/Dockerfile": "FROM scratch\n",
      },
      { "compose.yaml": "compose" },
    );
    expect(
      model.builds.map((b) => [
        b.service.name,
        b.missing,
        b.dir !== undefined,
        b.dockerfilePath !== undefined,
      ]),
    ).toEqual([
      ["a", "context", true, false],
      ["b", "dockerfile", true, true],
      ["c", undefined, false, false],
      ["d", undefined, true, false],
      ["e", undefined, true, true],
    ]);
    // The Dockerfile exists but was not linted: no context to link to.
    expect(model.builds[4]?.context).toBeUndefined();
    expect(model.contexts).toEqual([]);
  });

  it("shares one context between services that build the same Dockerfile in the same directory", () => {
    const model = project(
      {
        "compose.yaml": "services:\n  a:\n    build: .\n  b:\n    build:\n      context: ./\n",
        Dockerfile: "FROM scratch\n",
      },
      { "compose.yaml": "compose", Dockerfile: "dockerfile" },
    );
    expect(model.contexts).toHaveLength(1);
    expect(model.contexts[0]?.builds.map((b) => b.service.name)).toEqual(["a", "b"]);
  });
});

describe("project model: context listing", () => {
  it("lists the real context once, measuring heavy directories as one entry", () => {
    const files: Record<string, string> = { Dockerfile: "FROM scratch\n" };
    for (let i = 0; i < 300; i++) files[`node_modules/pkg${i}/index.js`] = "xx";
    const model = project(files, { Dockerfile: "dockerfile" });
    const context = model.contexts[0]!;
    const entries = model.contextEntries(context);
    expect(entries).toEqual([
      { path: "Dockerfile", isDirectory: false, size: 13 },
      { path: "node_modules", isDirectory: true, size: 600 },
    ]);
    expect(model.contextEntries(context)).toBe(entries);
  });
});
