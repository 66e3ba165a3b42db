import { commandSpan, removedPaths } from "../../src/knowledge/os-packages.js";
import { type PackageCommand, packageCommand } from "../../src/knowledge/packages.js";
import { finalStage, lineage, type RunInstruction, runCommands } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF144",
  name: "require-yarn-cache-clean",
  target: "dockerfile",
  category: "performance",
  severity: "info",
  aliases: ["hadolint:DL3060"],
  docs: {
    summary: "`yarn install` in the final image must clean yarn's cache in the same RUN.",
    why: "yarn keeps a copy of every package it fetched in its global cache (`/usr/local/share/.cache/yarn` for root), and the layer keeps it next to `node_modules`: often hundreds of MB that only slow pulls. Only the stages that end up in the final image count. `yarn cache clean` or removing the cache later in the same RUN, or a cache mount over it, is accepted.",
    examples: [
      { kind: "invalid", files: "FROM node:20-slim\nRUN yarn install --frozen-lockfile\n" },
      {
        kind: "valid",
        files:
          "FROM node:20-slim AS build\nRUN yarn install --frozen-lockfile && yarn build\n\nFROM node:20-slim\nRUN yarn install --production --frozen-lockfile && yarn cache clean\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn global add pm2@5.4.2\n",
      },
    ],
    fix: "Append `&& yarn cache clean` to the RUN, or mount the cache: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile`.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    for (const { run, command } of lineage(stage).flatMap(runCommands)) {
      const pc = packageCommand(command);
      if (pc && installs(pc) && !cleaned(run, pc))
        report({
          message: `yarn ${pc.action} leaves yarn's package cache in the image`,
          at: commandSpan(pc),
        });
    }
  },
});

function installs(pc: PackageCommand): boolean {
  return pc.manager === "yarn" && (pc.action === "install" || pc.action === "add" || pc.action === "global");
}

/** A cache mount whose target names yarn, `yarn cache clean`, or `rm` of a yarn cache later in the RUN. */
function cleaned(run: RunInstruction, install: PackageCommand): boolean {
  const mounted = run.mounts.some((m) => m.options.type === "cache" && /yarn/.test(m.options.target ?? ""));
  return (
    mounted ||
    run.commands.some((later) => {
      if (later.span.start <= install.command.span.start) return false;
      const pc = packageCommand(later);
      if (pc?.manager === "yarn" && pc.action === "cache" && pc.packages[0]?.value === "clean") return true;
      return removedPaths(later).some((p) => /yarn/.test(p.value));
    })
  );
}
