import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  classifyByName,
  classifyYaml,
  type DiscoverOptions,
  discover,
  MAX_FILE_BYTES,
  readSource,
} from "../../src/engine/discover.js";
import { SourceFile } from "../../src/source.js";

const DOCKERFILE = "FROM python:3.12-slim\nRUN pip install torch\n";
const DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: model\n";
const COMPOSE = "services:\n  model:\n    image: vllm/vllm-openai\n";
const WORKFLOW = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n";
const HELM = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "chart.fullname" . }}\n';

const temporaryRoots: string[] = [];
afterAll(() => {
  for (const root of temporaryRoots) fs.rmSync(root, { recursive: true, force: true });
});

/** Creates a directory tree from `relative path -> content` under a fresh temporary directory. */
function tree(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "mllint-discover-")));
  temporaryRoots.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return root;
}

function run(cwd: string, paths: string[] = [], options: Partial<DiscoverOptions> = {}) {
  return discover(paths, { cwd, respectGitignore: true, ...options });
}

function listed(cwd: string, paths: string[] = [], options: Partial<DiscoverOptions> = {}): string[] {
  return run(cwd, paths, options).files.map((file) => `${file.path} ${file.kind}`);
}

describe("classifyByName", () => {
  it.each([
    ["Dockerfile", "dockerfile"],
    ["dockerfile", "dockerfile"],
    ["Containerfile", "dockerfile"],
    ["Dockerfile.gpu", "dockerfile"],
    ["Dockerfile.cuda12.1", "dockerfile"],
    ["Dockerfile-cuda", "dockerfile"],
    ["Dockerfile_prod", "dockerfile"],
    ["Containerfile.rocm", "dockerfile"],
    ["api.Dockerfile", "dockerfile"],
    ["serve.dockerfile", "dockerfile"],
    ["Qwen_Dockerfile", "dockerfile"],
    ["triton-Dockerfile", "dockerfile"],
    [".dockerignore", "dockerignore"],
    ["Dockerfile.dockerignore", "dockerignore"],
    ["api.Dockerfile.dockerignore", "dockerignore"],
    ["compose.yaml", "compose"],
    ["compose.yml", "compose"],
    ["compose.override.yaml", "compose"],
    ["compose-gpu.yml", "compose"],
    ["docker-compose.yml", "compose"],
    ["docker-compose.prod.yaml", "compose"],
    ["docker-compose-dev.yml", "compose"],
    ["Docker-Compose.YML", "compose"],
    ["deployment.yaml", "yaml"],
    ["values.yml", "yaml"],
    ["Dockerfile.yaml", "yaml"],
    ["composer.yml", "yaml"],
  ])("%s is %s", (name, kind) => {
    expect(classifyByName(name)).toBe(kind);
  });

  it.each([
    "Dockerfile.md",
    "Dockerfile.txt",
    "Dockerfile.j2",
    "Dockerfile.gpu.tpl",
    "Dockerfile.bak",
    "Dockerfile.orig",
    "Dockerfile.swp",
    "dockerfile.ts",
    "dockerfile.test.ts",
    "Dockerfile.py",
    "dockerfile_generator.sh",
    "generate-dockerfile",
    "Dockerfile.",
    "Dockerfilex",
    "MyDockerfile",
    ".dockerfile",
    "docker-compose.yml.j2",
    "compose.json",
    "README.md",
    "model.safetensors",
  ])("%s is not for mllint by name", (name) => {
    expect(classifyByName(name)).toBeUndefined();
  });
});

describe("classifyYaml", () => {
  it("recognises a Kubernetes manifest", () => {
    expect(classifyYaml(DEPLOYMENT)).toBe("k8s");
    expect(classifyYaml(`\uFEFF# model server\n${DEPLOYMENT}`)).toBe("k8s");
  });

  it("recognises a manifest in a later document of a stream", () => {
    const stream = `# generated\n---\nfoo: bar\n---\n${DEPLOYMENT}---\napiVersion: v1\nkind: Service\n`;
    expect(classifyYaml(stream)).toBe("k8s");
  });

  it("needs apiVersion and kind in the same document", () => {
    expect(classifyYaml("apiVersion: v1\n---\nkind: Service\n")).toBeUndefined();
  });

  it("recognises a compose file by its services mapping", () => {
    expect(classifyYaml(`version: "3.8"\n# the model\nservices:\n\n  # gpu\n  model:\n    image: x\n`)).toBe(
      "compose",
    );
    expect(classifyYaml("services: {}\n")).toBe("compose");
  });

  it("does not take a list of services (GitLab CI) or nested keys for compose", () => {
    expect(classifyYaml("image: python\nservices:\n  - postgres:16\n")).toBeUndefined();
    expect(classifyYaml("definitions:\n  services:\n    db:\n      image: x\n")).toBeUndefined();
  });

  it("skips unrelated YAML", () => {
    expect(classifyYaml(WORKFLOW)).toBeUndefined();
    expect(classifyYaml("site_name: docs\nmarkdown_extensions:\n  - pymdownx.superfences\n")).toBeUndefined();
    expect(classifyYaml("")).toBeUndefined();
  });

  it("treats templates as not YAML yet", () => {
    expect(classifyYaml(HELM)).toBeUndefined();
    expect(classifyYaml(`{{- if .Values.enabled }}\n${DEPLOYMENT}{{- end }}\n`)).toBeUndefined();
    expect(classifyYaml(`{% for m in models %}\n${DEPLOYMENT}{% endfor %}\n`)).toBeUndefined();
  });

  it("keeps manifests and compose files whose values merely contain {{", () => {
    const alerts = `${DEPLOYMENT}data:\n  rule: 'summary: "{{ $labels.instance }} down"'\n`;
    expect(classifyYaml(alerts)).toBe("k8s");
    const health = `${COMPOSE}    healthcheck:\n      test: ["CMD", "docker", "inspect", "--format", "{{.State.Health}}"]\n`;
    expect(classifyYaml(health)).toBe("compose");
  });

  it("looks only at the head of a huge text", () => {
    expect(classifyYaml(`${"# padding\n".repeat(10_000)}${DEPLOYMENT}`)).toBeUndefined();
  });
});

describe("discover: walking", () => {
  it("reads Dockerfile.<code extension> by content: a Dockerfile for that build, or a source file", () => {
    const root = tree({ "docker/Dockerfile.cpp": DOCKERFILE, "src/dockerfile.ts": "export const x = 1;\n" });
    expect(run(root).files.map((file) => `${file.path} ${file.kind}`)).toEqual([
      "docker/Dockerfile.cpp dockerfile",
    ]);
    expect(run(root).problems).toEqual([]);
  });

  it("finds files by name and YAML by content, sorted, skipping the rest quietly", () => {
    const root = tree({
      Dockerfile: DOCKERFILE,
      "docker/Dockerfile.gpu": DOCKERFILE,
      "docker/Qwen_Dockerfile": DOCKERFILE,
      ".dockerignore": "*.bin\n",
      "compose.yaml": COMPOSE,
      "deploy/model.yaml": DEPLOYMENT,
      "deploy/stack.yml": COMPOSE,
      ".github/workflows/ci.yml": WORKFLOW,
      "chart/templates/deployment.yaml": HELM,
      "mkdocs.yml": "site_name: x\nnav:\n  - index.md\n",
      "README.md": "FROM the top\n",
      "Dockerfile.md": "# About\n",
      "train.py": "print(1)\n",
    });
    const result = run(root);
    expect(result.files.map((file) => `${file.path} ${file.kind}`)).toEqual([
      ".dockerignore dockerignore",
      "Dockerfile dockerfile",
      "compose.yaml compose",
      "deploy/model.yaml k8s",
      "deploy/stack.yml compose",
      "docker/Dockerfile.gpu dockerfile",
      "docker/Qwen_Dockerfile dockerfile",
    ]);
    expect(result.problems).toEqual([]);
    expect(result.files.every((file) => !file.explicit)).toBe(true);
    expect(result.files[1]!.absolutePath).toBe(path.join(root, "Dockerfile"));
  });

  it("walks `.` when no path is given and shows paths relative to cwd", () => {
    const root = tree({ "svc/Dockerfile": DOCKERFILE });
    expect(listed(path.join(root, "svc"))).toEqual(["Dockerfile dockerfile"]);
    expect(listed(root, ["svc"])).toEqual(["svc/Dockerfile dockerfile"]);
  });

  it("never walks .git or node_modules", () => {
    const root = tree({
      Dockerfile: DOCKERFILE,
      ".git/Dockerfile": DOCKERFILE,
      "node_modules/pkg/Dockerfile": DOCKERFILE,
      "web/node_modules/pkg/compose.yaml": COMPOSE,
    });
    expect(listed(root, [], { respectGitignore: false })).toEqual(["Dockerfile dockerfile"]);
  });

  it("respects nested .gitignore files with negation, and .git/info/exclude", () => {
    const root = tree({
      ".git/info/exclude": "scratch/\n",
      ".gitignore": "build/\n*.gen.Dockerfile\ndeploy/*.yaml\n!deploy/keep.yaml\n",
      Dockerfile: DOCKERFILE,
      "a.gen.Dockerfile": DOCKERFILE,
      "build/Dockerfile": DOCKERFILE,
      "scratch/Dockerfile": DOCKERFILE,
      "deploy/drop.yaml": DEPLOYMENT,
      "deploy/keep.yaml": DEPLOYMENT,
      "models/.gitignore": "Dockerfile.*\n!Dockerfile.keep\n",
      "models/Dockerfile.tmp1": DOCKERFILE,
      "models/Dockerfile.keep": DOCKERFILE,
      "models/sub/Dockerfile.nested": DOCKERFILE,
      "models/sub/.gitignore": "!Dockerfile.nested\n",
      "other/Dockerfile.tmp1": DOCKERFILE,
      "other/x.gen.Dockerfile": DOCKERFILE,
    });
    expect(listed(root)).toEqual([
      "Dockerfile dockerfile",
      "deploy/keep.yaml k8s",
      "models/Dockerfile.keep dockerfile",
      "models/sub/Dockerfile.nested dockerfile",
      "other/Dockerfile.tmp1 dockerfile",
    ]);
    expect(listed(root, [], { respectGitignore: false })).toHaveLength(11);
  });

  it("applies .gitignore files above the walked directory up to the repository root", () => {
    const root = tree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "*.tmp.Dockerfile\n",
      "svc/a.tmp.Dockerfile": DOCKERFILE,
      "svc/Dockerfile": DOCKERFILE,
    });
    expect(listed(path.join(root, "svc"))).toEqual(["Dockerfile dockerfile"]);
  });

  it("walks an ignored directory named explicitly, unless forced to exclude", () => {
    const root = tree({ ".gitignore": "vendor/\n", "vendor/Dockerfile": DOCKERFILE });
    expect(listed(root)).toEqual([]);
    expect(listed(root, ["vendor"])).toEqual(["vendor/Dockerfile dockerfile"]);
    expect(listed(root, ["vendor"], { forceExclude: true })).toEqual([]);
  });

  it("asks isIgnored about files and directories (with a trailing slash)", () => {
    const root = tree({
      Dockerfile: DOCKERFILE,
      "fixtures/Dockerfile": DOCKERFILE,
      "a/compose.yml": COMPOSE,
    });
    const asked: string[] = [];
    const isIgnored = (relative: string) => {
      asked.push(relative);
      return relative === "fixtures/" || relative === "a/compose.yml";
    };
    expect(listed(root, [], { isIgnored })).toEqual(["Dockerfile dockerfile"]);
    expect(asked.sort()).toEqual(["Dockerfile", "a/", "a/compose.yml", "fixtures/"]);
  });

  it("survives a symlink loop", () => {
    const root = tree({ "a/Dockerfile": DOCKERFILE });
    fs.symlinkSync("..", path.join(root, "a", "loop"));
    fs.symlinkSync("Dockerfile.b", path.join(root, "Dockerfile.a"));
    fs.symlinkSync("Dockerfile.a", path.join(root, "Dockerfile.b"));
    const result = run(root);
    expect(result.files.map((file) => file.path)).toEqual(["a/Dockerfile"]);
    expect(result.problems).toEqual([
      { path: "Dockerfile.a", message: "too many levels of symbolic links" },
      { path: "Dockerfile.b", message: "too many levels of symbolic links" },
    ]);
  });

  it("never follows a symlink out of the walked root", () => {
    const outside = tree({ Dockerfile: DOCKERFILE, "secrets/compose.yaml": COMPOSE, "k.yaml": DEPLOYMENT });
    const root = tree({ Dockerfile: DOCKERFILE });
    fs.symlinkSync(path.join(outside, "Dockerfile"), path.join(root, "Dockerfile.stolen"));
    fs.symlinkSync(path.join(outside, "k.yaml"), path.join(root, "k.yaml"));
    fs.symlinkSync(path.join(outside, "secrets"), path.join(root, "secrets"));
    const result = run(root);
    expect(result.files.map((file) => file.path)).toEqual(["Dockerfile"]);
    expect(result.problems).toEqual([
      { path: "Dockerfile.stolen", message: "symlink leads outside the linted directory; not followed" },
    ]);
  });

  it("lints a symlinked file that stays inside the root under its own name", () => {
    const root = tree({ "docker/Dockerfile.cuda": DOCKERFILE });
    fs.symlinkSync("docker/Dockerfile.cuda", path.join(root, "Dockerfile"));
    fs.symlinkSync("docker", path.join(root, "images"));
    expect(listed(root)).toEqual(["Dockerfile dockerfile", "docker/Dockerfile.cuda dockerfile"]);
  });

  it("refuses a named path that leads out of cwd through a symlink", () => {
    const outside = tree({ Dockerfile: DOCKERFILE });
    const root = tree({});
    fs.symlinkSync(outside, path.join(root, "linked"));
    const result = run(root, ["linked", "linked/Dockerfile"]);
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      { path: "linked", message: "symlink leads outside the working directory; not followed" },
      { path: "linked/Dockerfile", message: "symlink leads outside the working directory; not followed" },
    ]);
  });

  it.skipIf(process.platform === "win32")(
    "skips a FIFO while walking and reports one named explicitly",
    () => {
      const root = tree({ Dockerfile: DOCKERFILE });
      execFileSync("mkfifo", [path.join(root, "compose.yaml")]);
      expect(listed(root)).toEqual(["Dockerfile dockerfile"]);
      expect(run(root, ["compose.yaml"]).problems).toEqual([
        { path: "compose.yaml", message: "not a regular file or directory" },
      ]);
    },
  );

  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)(
    "reports an unreadable directory and goes on",
    () => {
      const root = tree({ Dockerfile: DOCKERFILE, "locked/Dockerfile": DOCKERFILE });
      fs.chmodSync(path.join(root, "locked"), 0o000);
      try {
        const result = run(root);
        expect(result.files.map((file) => file.path)).toEqual(["Dockerfile"]);
        expect(result.problems).toEqual([
          { path: "locked", message: "cannot read directory: permission denied" },
        ]);
      } finally {
        fs.chmodSync(path.join(root, "locked"), 0o755);
      }
    },
  );
});

describe("discover: explicit paths", () => {
  it("lints a named file whatever its name, judging by content", () => {
    const root = tree({
      "recipes/gpu.docker": `# syntax=docker/dockerfile:1\nARG BASE=nvidia/cuda\nFROM $BASE\n`,
      "deploy/app.stack": COMPOSE,
      "deploy/manifest.txt": DEPLOYMENT,
    });
    const result = run(root, ["recipes/gpu.docker", "deploy/app.stack", "deploy/manifest.txt"]);
    expect(result.files.map((file) => `${file.path} ${file.kind} ${file.explicit}`)).toEqual([
      "deploy/app.stack compose true",
      "deploy/manifest.txt k8s true",
      "recipes/gpu.docker dockerfile true",
    ]);
    expect(result.problems).toEqual([]);
  });

  it("reports a named file it cannot recognise", () => {
    const root = tree({ "notes.txt": "remember to pin FROM images\n", empty: "" });
    expect(run(root, ["notes.txt", "empty"]).problems).toEqual([
      { path: "empty", message: "not a Dockerfile, compose file, Kubernetes manifest or .dockerignore" },
      { path: "notes.txt", message: "not a Dockerfile, compose file, Kubernetes manifest or .dockerignore" },
    ]);
  });

  it("skips quietly what pre-commit passes for every YAML or Dockerfile-tagged file", () => {
    const root = tree({
      ".github/workflows/ci.yml": WORKFLOW,
      "templates/deployment.yaml": HELM,
      "Dockerfile.md": "# How to build\n\n```\nFROM python\n```\n",
    });
    const result = run(root, [".github/workflows/ci.yml", "templates/deployment.yaml", "Dockerfile.md"]);
    expect(result).toEqual({ files: [], problems: [] });
  });

  it("lints an ignored file named explicitly, unless forced to exclude", () => {
    const root = tree({
      ".gitignore": "gen/\n",
      "gen/Dockerfile": DOCKERFILE,
      "skip/Dockerfile": DOCKERFILE,
    });
    const isIgnored = (relative: string) => relative.startsWith("skip/");
    const paths = ["gen/Dockerfile", "skip/Dockerfile"];
    expect(listed(root, paths, { isIgnored })).toEqual([
      "gen/Dockerfile dockerfile",
      "skip/Dockerfile dockerfile",
    ]);
    expect(listed(root, paths, { isIgnored, forceExclude: true })).toEqual([]);
    expect(listed(root, paths, { isIgnored, forceExclude: true, respectGitignore: false })).toEqual([
      "gen/Dockerfile dockerfile",
    ]);
  });

  it("reports a missing path", () => {
    const root = tree({});
    expect(run(root, ["nope/Dockerfile"]).problems).toEqual([
      { path: "nope/Dockerfile", message: "no such file or directory" },
    ]);
  });

  it("shows absolute paths relative to cwd when under it, absolute otherwise", () => {
    const root = tree({ "svc/Dockerfile": DOCKERFILE });
    const elsewhere = tree({ Dockerfile: DOCKERFILE });
    const result = run(root, [path.join(root, "svc", "Dockerfile"), path.join(elsewhere, "Dockerfile")]);
    expect(result.files.map((file) => file.path)).toEqual([
      path.join(elsewhere, "Dockerfile").split(path.sep).join("/"),
      "svc/Dockerfile",
    ]);
  });

  it("lists a file once however often it is named or found", () => {
    const root = tree({ Dockerfile: DOCKERFILE, "svc/compose.yaml": COMPOSE });
    const result = run(root, [
      ".",
      "Dockerfile",
      path.join(root, "Dockerfile"),
      "./svc/../Dockerfile",
      "svc",
    ]);
    expect(result.files).toEqual([
      { path: "Dockerfile", absolutePath: path.join(root, "Dockerfile"), kind: "dockerfile", explicit: true },
      {
        path: "svc/compose.yaml",
        absolutePath: path.join(root, "svc", "compose.yaml"),
        kind: "compose",
        explicit: false,
      },
    ]);
  });

  it("gives the same files whether paths arrive in one call or several", () => {
    const root = tree({ "b/Dockerfile": DOCKERFILE, "a/compose.yml": COMPOSE, "c/k8s.yaml": DEPLOYMENT });
    const paths = ["c/k8s.yaml", "a/compose.yml", "b/Dockerfile"];
    const together = run(root, paths).files;
    const apart = paths.flatMap((one) => run(root, [one]).files).sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(together).toEqual(apart);
    expect(together.map((file) => file.path)).toEqual(["a/compose.yml", "b/Dockerfile", "c/k8s.yaml"]);
  });
});

describe("discover: hostile files", () => {
  it("reports binary and huge files it would lint, and skips huge unrelated YAML", () => {
    const huge = `${DOCKERFILE}${"# padding\n".repeat(MAX_FILE_BYTES / 10 + 1)}`;
    const root = tree({
      Dockerfile: Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01]),
      "big/Dockerfile": huge,
      "big/k8s.yaml": `${DEPLOYMENT}${"# padding\n".repeat(MAX_FILE_BYTES / 10 + 1)}`,
      "big/data.yaml": "x: 1\n".repeat(MAX_FILE_BYTES / 5 + 1),
      "blob.yaml": Buffer.from([0x00, 0xff]),
    });
    expect(run(root)).toEqual({
      files: [],
      problems: [
        { path: "Dockerfile", message: "binary file (contains NUL bytes)" },
        { path: "big/Dockerfile", message: "too large (5.0 MiB; the limit is 5 MiB)" },
        { path: "big/k8s.yaml", message: "too large (5.0 MiB; the limit is 5 MiB)" },
      ],
    });
  });

  it("reports a binary file named explicitly", () => {
    const root = tree({ "model.bin": Buffer.from([1, 0, 2]) });
    expect(run(root, ["model.bin"]).problems).toEqual([
      { path: "model.bin", message: "binary file (contains NUL bytes)" },
    ]);
  });
});

describe("readSource", () => {
  it("reads a discovered file as UTF-8 into a SourceFile", () => {
    const root = tree({ Dockerfile: `\uFEFF${DOCKERFILE}# café\n` });
    const [file] = run(root).files;
    const source = readSource(file!);
    expect(source).toBeInstanceOf(SourceFile);
    const read = source as SourceFile;
    expect([read.path, read.kind, read.absolutePath]).toEqual([
      "Dockerfile",
      "dockerfile",
      path.join(root, "Dockerfile"),
    ]);
    expect(read.text).toBe(`${DOCKERFILE}# café\n`);
  });

  it("re-checks the limits and reports a file gone since discovery", () => {
    const root = tree({ Dockerfile: DOCKERFILE, "compose.yaml": COMPOSE });
    const [dockerfile, compose] = run(root).files;
    fs.writeFileSync(path.join(root, "Dockerfile"), Buffer.alloc(MAX_FILE_BYTES + 1, 0x41));
    fs.rmSync(path.join(root, "compose.yaml"));
    expect(readSource(dockerfile!)).toEqual({
      path: "Dockerfile",
      message: "too large (5.0 MiB; the limit is 5 MiB)",
    });
    expect(readSource(compose!)).toEqual({ path: "compose.yaml", message: "no such file or directory" });
  });
});
