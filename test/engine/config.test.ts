import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConfigError,
  type ConfigurableRule,
  loadConfig,
  type ResolvedConfig,
} from "../../src/engine/config.js";

const rules: ConfigurableRule[] = [
  {
    code: "DF001",
    name: "require-non-root-user",
    aliases: ["hadolint:DL3002"],
    severity: "warning",
    enabledByDefault: true,
  },
  {
    code: "DF002",
    name: "no-latest-tag",
    aliases: ["hadolint:DL3007", "buildkit:NoLatestTag"],
    severity: "warning",
    enabledByDefault: true,
    options: {
      schema: {
        type: "object",
        additionalProperties: false,
        properties: {
          requireDigest: { type: "boolean" },
          allow: { type: "array", items: { type: "string" } },
        },
      },
      defaults: { requireDigest: false, allow: [] },
    },
  },
  { code: "DC001", name: "gpu-reservation", aliases: [], severity: "error", enabledByDefault: true },
];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "mllint-config-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes files under the temp root; a path ending in `/` makes a directory. */
function tree(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith("/")) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
}

function load(options: { searchFrom?: string; configPath?: string } = {}): Promise<ResolvedConfig> {
  return loadConfig({
    cwd: root,
    rules,
    ...(options.searchFrom === undefined ? {} : { searchFrom: join(root, options.searchFrom) }),
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
  });
}

async function problems(yaml: string): Promise<string[]> {
  tree({ "repo/.git/": "", "repo/.mllint.yaml": yaml });
  const error = await load({ searchFrom: "repo" }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).messages;
}

describe("config discovery", () => {
  it("finds the config of the repository from a nested directory", async () => {
    tree({ "repo/.git/": "", "repo/.mllint.yaml": "failOn: warning\n", "repo/a/b/c/": "" });
    const config = await load({ searchFrom: "repo/a/b/c" });
    expect(config.files).toEqual([join(root, "repo/.mllint.yaml")]);
    expect(config.failOn).toBe("warning");
  });

  it("accepts the .yml spelling", async () => {
    tree({ "repo/.git/": "", "repo/.mllint.yml": "failOn: info\n" });
    expect((await load({ searchFrom: "repo" })).failOn).toBe("info");
  });

  it("stops at the repository root and falls back to defaults", async () => {
    tree({ ".mllint.yaml": "failOn: none\n", "repo/.git/": "", "repo/src/": "" });
    const config = await load({ searchFrom: "repo/src" });
    expect(config.files).toEqual([]);
    expect(config.failOn).toBe("error");
    expect(config.settings).toEqual({ trustedRegistries: [] });
    expect(config.rules.get("DF001")).toEqual({ severity: "warning", options: {} });
    expect(config.rules.get("DF002")).toEqual({
      severity: "warning",
      options: { requireDigest: false, allow: [] },
    });
  });

  it("treats a .git file (worktree, submodule) as a repository root too", async () => {
    tree({ ".mllint.yaml": "failOn: none\n", "repo/.git": "gitdir: elsewhere\n" });
    expect((await load({ searchFrom: "repo" })).files).toEqual([]);
  });

  it("layers nested configs, the nearest last, up to the repository root", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": [
        "failOn: info",
        "trustedRegistries: [docker.io]",
        "ignorePaths: [vendor]",
        "rules:",
        "  DF001: off",
        "  DF002: { severity: error, options: { requireDigest: true } }",
        "",
      ].join("\n"),
      "repo/svc/.mllint.yaml": [
        "trustedRegistries: [nvcr.io]",
        "ignorePaths: ['**/fixtures/**']",
        "rules:",
        "  require-non-root-user: info",
        "  no-latest-tag: { options: { allow: [base] } }",
        "",
      ].join("\n"),
    });
    const config = await load({ searchFrom: "repo/svc" });
    expect(config.files).toEqual([join(root, "repo/.mllint.yaml"), join(root, "repo/svc/.mllint.yaml")]);
    expect(config.failOn).toBe("info");
    expect(config.settings.trustedRegistries).toEqual(["nvcr.io"]);
    expect(config.rules.get("DF001")).toEqual({ severity: "info", options: {} });
    expect(config.rules.get("DF002")).toEqual({
      severity: "error",
      options: { requireDigest: true, allow: ["base"] },
    });
    expect(config.isIgnored("repo/vendor/x/Dockerfile")).toBe(true);
    expect(config.isIgnored("repo/svc/a/fixtures/Dockerfile")).toBe(true);
    expect(config.isIgnored("repo/fixtures/Dockerfile")).toBe(false);
    expect(config.isIgnored("repo/svc/Dockerfile")).toBe(false);
  });

  it("stops at a config that says root: true", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": "failOn: info\nrules: { DF001: off }\n",
      "repo/svc/.mllint.yml": "root: true\nfailOn: warning\n",
    });
    const config = await load({ searchFrom: "repo/svc" });
    expect(config.files).toEqual([join(root, "repo/svc/.mllint.yml")]);
    expect(config.failOn).toBe("warning");
    expect(config.rules.get("DF001")).toEqual({ severity: "warning", options: {} });
  });

  it("uses exactly the --config file, without searching", async () => {
    tree({ "repo/.git/": "", "repo/.mllint.yaml": "failOn: info\n", "ci/strict.yaml": "failOn: none\n" });
    const config = await load({ searchFrom: "repo", configPath: "ci/strict.yaml" });
    expect(config.files).toEqual([join(root, "ci/strict.yaml")]);
    expect(config.failOn).toBe("none");
  });

  it("reports a --config file that cannot be read", async () => {
    await expect(load({ configPath: "missing.yaml" })).rejects.toThrow(
      /^missing\.yaml: cannot read the config file/,
    );
  });

  it("refuses a directory holding both spellings", async () => {
    tree({ "repo/.git/": "", "repo/.mllint.yaml": "", "repo/.mllint.yml": "" });
    await expect(load({ searchFrom: "repo" })).rejects.toThrow(/both exist; keep one of them/);
  });

  it("treats an empty or comment-only file as an empty config", async () => {
    tree({ "repo/.git/": "", "repo/.mllint.yaml": "# nothing yet\n" });
    expect((await load({ searchFrom: "repo" })).failOn).toBe("error");
  });
});

describe("config validation", () => {
  it("reports every schema problem at its key, with the expected values", async () => {
    const messages = await problems(
      [
        "failOn: sometimes", // 1
        "rules:", // 2
        "  DF001: loud", // 3
        "  DF002: { severity: high, colour: red }", // 4
        "ignorePaths: [vendor, 3, ' ']", // 5
        "trustedRegistries: docker.io", // 6
        "root: yes", // 7 (YAML 1.2: a string, not a boolean)
        "",
      ].join("\n"),
    );
    expect(messages).toEqual([
      "repo/.mllint.yaml:1:1: failOn: must be one of error, warning, info, none",
      "repo/.mllint.yaml:3:3: rules.DF001: must be one of off, error, warning, info",
      "repo/.mllint.yaml:4:12: rules.DF002.severity: must be one of off, error, warning, info",
      "repo/.mllint.yaml:4:28: rules.DF002.colour: unknown key; expected one of severity, options",
      "repo/.mllint.yaml:5:23: ignorePaths[1]: must be a string",
      "repo/.mllint.yaml:5:26: ignorePaths[2]: must not be blank",
      "repo/.mllint.yaml:6:1: trustedRegistries: must be an array",
      "repo/.mllint.yaml:7:1: root: must be a boolean",
    ]);
  });

  it("suggests the closest key for a misspelt top-level key", async () => {
    expect(await problems("root: true\nfail-on: warning\n")).toEqual([
      "repo/.mllint.yaml:2:1: fail-on: unknown key; did you mean failOn?",
    ]);
  });

  it("rejects a config that is not a mapping", async () => {
    expect(await problems("- failOn: error\n")).toEqual(["repo/.mllint.yaml:1:1: must be an object"]);
  });

  it("rejects a rule setting that is neither a level nor a mapping", async () => {
    expect(await problems("rules:\n  DF001: 3\n")).toEqual([
      "repo/.mllint.yaml:2:3: rules.DF001: must be a string or an object",
    ]);
  });

  it("reports YAML syntax errors with their position", async () => {
    const messages = await problems("failOn: error\nrules: [\n");
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatch(/^repo\/\.mllint\.yaml:\d+:\d+: invalid YAML: /);
  });

  it("reports duplicate keys as YAML errors", async () => {
    expect(await problems("failOn: error\nfailOn: info\n")).toEqual([
      "repo/.mllint.yaml:2:1: invalid YAML: Map keys must be unique",
    ]);
  });

  it("reports an unknown rule with the closest code or name", async () => {
    expect(
      await problems("rules:\n  no-latest-tags: off\n  DF01: off\n  totally-unrelated-thing: off\n"),
    ).toEqual([
      "repo/.mllint.yaml:2:3: rules.no-latest-tags: unknown rule; did you mean DF002 (no-latest-tag)?",
      "repo/.mllint.yaml:3:3: rules.DF01: unknown rule; did you mean DF001 (require-non-root-user)?",
      "repo/.mllint.yaml:4:3: rules.totally-unrelated-thing: unknown rule",
    ]);
  });

  it("rejects two keys that name the same rule", async () => {
    expect(await problems("rules:\n  DF001: off\n  hadolint:DL3002: error\n")).toEqual([
      "repo/.mllint.yaml:3:3: rules.hadolint:DL3002: DF001 (require-non-root-user) is already set by rules.DF001",
    ]);
  });

  it("validates rule options against the rule's schema", async () => {
    const yaml = [
      "rules:",
      "  no-latest-tag:",
      "    options:",
      "      requireDigest: 'yes'",
      "      alow: [x]",
      "  DF001: { options: { strict: true } }",
      "",
    ].join("\n");
    expect(await problems(yaml)).toEqual([
      "repo/.mllint.yaml:4:7: rules.no-latest-tag.options.requireDigest: must be a boolean",
      "repo/.mllint.yaml:5:7: rules.no-latest-tag.options.alow: unknown key; did you mean allow?",
      "repo/.mllint.yaml:6:12: rules.DF001.options: DF001 (require-non-root-user) takes no options",
    ]);
  });

  it("names the config file relative to the working directory in messages from nested configs", async () => {
    tree({ "repo/.git/": "", "repo/svc/.mllint.yaml": "rules:\n  DF999: off\n" });
    await expect(load({ searchFrom: "repo/svc" })).rejects.toThrow(
      "repo/svc/.mllint.yaml:2:3: rules.DF999: unknown rule",
    );
  });
});

describe("config resolution", () => {
  it("accepts codes in any case, names and peer aliases as rule keys", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": "rules:\n  df001: off\n  hadolint:dl3007: error\n  gpu-reservation: warning\n",
    });
    const config = await load({ searchFrom: "repo" });
    expect(config.rules.get("DF001")).toBe("off");
    expect(config.rules.get("DF002")).toMatchObject({ severity: "error" });
    expect(config.rules.get("DC001")).toMatchObject({ severity: "warning" });
  });

  it("merges user options over the rule's defaults and keeps the default severity", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": "rules:\n  no-latest-tag: { options: { requireDigest: true } }\n",
    });
    expect((await load({ searchFrom: "repo" })).rules.get("DF002")).toEqual({
      severity: "warning",
      options: { requireDigest: true, allow: [] },
    });
  });

  it("keeps a rule off when a nearer config only sets its options", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": "rules: { DF002: off }\n",
      "repo/svc/.mllint.yaml": "rules: { DF002: { options: { requireDigest: true } } }\n",
    });
    expect((await load({ searchFrom: "repo/svc" })).rules.get("DF002")).toBe("off");
  });

  it("reads trusted registries into the shared settings", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": "trustedRegistries: [docker.io, '*.ecr.amazonaws.com']\n",
    });
    expect((await load({ searchFrom: "repo" })).settings).toEqual({
      trustedRegistries: ["docker.io", "*.ecr.amazonaws.com"],
    });
  });

  it("ignores paths by glob relative to the config file, including everything under a match", async () => {
    tree({
      "repo/.git/": "",
      "repo/.mllint.yaml": "ignorePaths: ['vendor/**', '**/test-fixtures/**', '*.tmp']\n",
    });
    const config = await load({ searchFrom: "repo" });
    expect(config.isIgnored("repo/vendor/lib/Dockerfile")).toBe(true);
    expect(config.isIgnored(join(root, "repo/a/test-fixtures/Dockerfile"))).toBe(true);
    expect(config.isIgnored("repo/x.tmp")).toBe(true);
    expect(config.isIgnored("repo/sub/x.tmp")).toBe(false);
    expect(config.isIgnored("repo/Dockerfile")).toBe(false);
    expect(config.isIgnored("elsewhere/vendor/Dockerfile")).toBe(false);
  });
});

describe("rules that are off by default", () => {
  const optIn = {
    code: "DC020",
    name: "services-alphabetical-order",
    aliases: [],
    severity: "info" as const,
    enabledByDefault: false,
  };
  const normal = {
    code: "DF001",
    name: "require-non-root-user",
    aliases: [],
    severity: "warning" as const,
    enabledByDefault: true,
  };

  it("stay off until a config gives them a severity", async () => {
    const { resolveConfig } = await import("../../src/engine/config.js");
    const resolved = await resolveConfig([], [optIn, normal], process.cwd());
    expect(resolved.rules.get("DC020")).toBe("off");
    expect(resolved.rules.get("DF001")).toEqual({ severity: "warning", options: {} });
  });
});
