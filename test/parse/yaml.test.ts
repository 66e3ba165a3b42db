import { describe, expect, it } from "vitest";
import { isMap, isScalar } from "yaml";
import {
  keySpan,
  mapEntries,
  nodeAtPath,
  nodeSpan,
  pairSpan,
  parseYaml,
  valueSpan,
  verbatimStart,
  yamlData,
} from "../../src/parse/yaml.js";
import { SourceFile } from "../../src/source.js";

function parse(text: string) {
  const file = new SourceFile("compose.yaml", text, "compose");
  return { file, ...parseYaml(file) };
}

const anchored = `x-defaults: &defaults
  restart: unless-stopped
  image: base:1
x-extra: &extra
  image: extra:1
  user: app
services:
  api:
    <<: [*defaults, *extra]
    image: api:2
    ports:
      - "8000:8000"
  worker:
    <<: *defaults
    command: *cmd-missing
`;

describe("parseYaml", () => {
  it("parses YAML 1.2: `on: yes` stays a string, `22:22` is not a base-60 number", () => {
    const { documents, problems } = parse("on: yes\nport: 22:22\n");
    expect(problems).toEqual([]);
    expect(documents[0]!.toJS()).toEqual({ on: "yes", port: "22:22" });
  });

  it("reports a duplicate key at the second key, naming it", () => {
    const { file, problems } = parse("services:\n  api:\n    image: a\n    image: b\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "DUPLICATE_KEY", severity: "error" });
    expect(problems[0]!.message).toBe("Map keys must be unique");
    expect(file.slice(problems[0]!.span)).toBe("image");
    expect(problems[0]!.span.start).toBe(file.text.lastIndexOf("image"));
  });

  it("collects every syntax error without throwing", () => {
    const { problems } = parse('a: "unclosed\nb: [1, 2\n');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.span.start).toBeGreaterThanOrEqual(0);
  });

  it("gives no documents and no problems for an empty or comment-only file", () => {
    expect(parse("")).toMatchObject({ documents: [], problems: [] });
    expect(parse("# just a comment\n")).toMatchObject({ documents: [], problems: [] });
  });

  it("keeps each document of a multi-document stream with offsets into the whole file", () => {
    const { file, documents } = parse("a: 1\n---\nb: 2\n");
    expect(documents).toHaveLength(2);
    const b = nodeAtPath(documents[1]!, ["b"])!;
    expect(file.slice(keySpan(b.pair!))).toBe("b");
    expect(keySpan(b.pair!).start).toBe(9);
  });

  it("survives a Helm template with problems, not exceptions", () => {
    const helm = parse(
      "services:\n  api:\n    image: {{ .Values.image }}\n{{- if .Values.gpu }}\n    gpus: all\n{{- end }}\n",
    );
    expect(helm.problems.length).toBeGreaterThan(0);
  });

  it("refuses hostile nesting before parsing, with a problem at the level too deep", () => {
    const flow = parse(`a: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`);
    expect(flow.documents).toEqual([]);
    expect(flow.problems).toEqual([
      {
        code: "RESOURCE_EXHAUSTION",
        message: "nesting deeper than 256 levels; the file is not read",
        span: { start: 3 + 256, end: 3 + 257 },
        severity: "error",
      },
    ]);
    const block = parse(Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k:`).join("\n"));
    expect(block.problems.map((p) => p.code)).toEqual(["RESOURCE_EXHAUSTION"]);
    const fine = parse(`a: ${"[".repeat(100)}${"]".repeat(100)}\n`);
    expect(fine.documents).toHaveLength(1);
    expect(fine.problems).toEqual([]);
  });
});

describe("yamlData", () => {
  it("resolves aliases and merge keys", () => {
    const { documents } = parse(anchored.replace("*cmd-missing", "run"));
    const data = yamlData(documents[0]!);
    expect(data).toEqual({
      data: expect.objectContaining({
        services: {
          api: { restart: "unless-stopped", image: "api:2", user: "app", ports: ["8000:8000"] },
          worker: { restart: "unless-stopped", image: "base:1", command: "run" },
        },
      }),
    });
  });

  it("refuses an alias bomb with a problem over the document", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${previous}`).join(", ")}]`,
      );
    }
    const { documents } = parse(`${levels.join("\n")}\n`);
    const data = yamlData(documents[0]!);
    expect(data).toMatchObject({ problem: { code: "RESOURCE_EXHAUSTION" } });
  });
});

describe("spans and paths", () => {
  it("gives the spans of a key, a value, a pair and an item", () => {
    const { file, documents } = parse(
      "services:\n  api:\n    image: python:3.12  # pinned\n    ports:\n      - 80\n",
    );
    const image = nodeAtPath(documents[0]!, ["services", "api", "image"])!;
    expect(file.slice(keySpan(image.pair!))).toBe("image");
    expect(file.slice(valueSpan(image.pair!))).toBe("python:3.12");
    expect(file.slice(pairSpan(image.pair!))).toBe("image: python:3.12");
    const port = nodeAtPath(documents[0]!, ["services", "api", "ports", 0])!;
    expect(file.slice(port.written)).toBe("80");
    expect(port.pair).toBeUndefined();
  });

  it("gives an empty value a zero-length span after its key", () => {
    const { file, documents } = parse("volumes:\n  models:\n");
    const models = nodeAtPath(documents[0]!, ["volumes", "models"])!;
    expect(valueSpan(models.pair!).start).toBe(file.text.indexOf("models") + "models:".length);
  });

  it("follows merge keys to the entry in the anchor, own keys first, earlier sources first", () => {
    const { file, documents } = parse(anchored);
    const document = documents[0]!;
    const own = nodeAtPath(document, ["services", "api", "image"])!;
    expect(file.slice(nodeSpan(own.node!))).toBe("api:2");
    expect(own.via).toBeUndefined();

    const inherited = nodeAtPath(document, ["services", "api", "restart"])!;
    expect(file.slice(keySpan(inherited.pair!))).toBe("restart");
    expect(keySpan(inherited.pair!).start).toBe(file.text.indexOf("restart"));
    expect(file.slice(inherited.via!)).toBe("*defaults");

    const user = nodeAtPath(document, ["services", "api", "user"])!;
    expect(file.slice(user.via!)).toBe("*extra");
    expect(file.slice(user.written)).toBe("app");

    const workerImage = nodeAtPath(document, ["services", "worker", "image"])!;
    expect(file.slice(workerImage.written)).toBe("base:1");
  });

  it("lists a mapping's entries after merging", () => {
    const { documents } = parse(anchored);
    const api = nodeAtPath(documents[0]!, ["services", "api"])!.node;
    expect(isMap(api)).toBe(true);
    if (!isMap(api)) return;
    expect(mapEntries(documents[0]!, api).map((e) => e.key)).toEqual(["image", "ports", "restart", "user"]);
  });

  it("follows an alias value to its anchor and records the alias as `via`", () => {
    const { file, documents } = parse("x-img: &img python:3.12\nservices:\n  api:\n    image: *img\n");
    const image = nodeAtPath(documents[0]!, ["services", "api", "image"])!;
    expect(file.slice(image.written)).toBe("*img");
    expect(file.slice(image.via!)).toBe("*img");
    expect(file.slice(nodeSpan(image.node!))).toBe("python:3.12");
  });

  it("returns undefined for a missing segment or an unknown alias", () => {
    const { documents } = parse(anchored);
    expect(nodeAtPath(documents[0]!, ["services", "db"])).toBeUndefined();
    expect(nodeAtPath(documents[0]!, ["services", "api", "ports", 3])).toBeUndefined();
    expect(nodeAtPath(documents[0]!, ["services", "worker", "command"])?.node).toBeNull();
  });

  it("finds where a scalar's text starts when it is written verbatim", () => {
    const { file, documents } = parse('a: plain text\nb: "quoted"\nc: "esc\\taped"\n');
    const start = (key: string) => {
      const node = nodeAtPath(documents[0]!, [key])!.node;
      return isScalar(node) ? verbatimStart(file.text, node) : undefined;
    };
    expect(start("a")).toBe(3);
    expect(start("b")).toBe(file.text.indexOf("quoted"));
    expect(start("c")).toBeUndefined();
  });
});
