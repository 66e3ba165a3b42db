import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF051",
  name: "no-constant-platform",
  target: "dockerfile",
  category: "reproducibility",
  severity: "warning",
  aliases: ["hadolint:DL3029", "buildkit:FromPlatformFlagConstDisallowed"],
  docs: {
    summary: "FROM --platform should use a build variable, not a constant.",
    why: "`FROM --platform=linux/amd64` pins the stage to one architecture: `docker buildx build --platform linux/arm64` (Graviton or Grace Hopper GPU nodes, Apple silicon laptops) then builds an amd64 image under emulation, slowly, and the image fails on the target with `exec format error` or runs emulated. Use `$BUILDPLATFORM` for stages that only prepare files, and let `--platform` on the command line pick the target. As in BuildKit, a stage whose name contains the platform's OS or architecture (`AS build_amd64`) is taken as deliberately platform-specific.",
    examples: [
      { kind: "invalid", files: 'FROM --platform=linux/amd64 python:3.12-slim\nCMD ["python"]\n' },
      {
        kind: "valid",
        files:
          "FROM --platform=$BUILDPLATFORM python:3.12 AS wheels\nRUN pip wheel -w /wheels numpy\nFROM --platform=linux/arm64 python:3.12-slim AS runtime_arm64\nFROM python:3.12-slim\nCOPY --from=wheels /wheels /wheels\n",
      },
    ],
    fix: "Drop the flag and pass `--platform` to the build, or use `--platform=$BUILDPLATFORM` (or `$TARGETPLATFORM` derived variables) where the stage must run on the build machine.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const platform = stage.from.flags.find((f) => f.name === "platform");
      if (!platform?.value || !platform.valueSpan || platform.value.includes("$")) continue;
      const name = stage.name?.value.toLowerCase() ?? "";
      if (
        platform.value
          .toLowerCase()
          .split(/[/,]/)
          .some((part) => part && name.includes(part))
      )
        continue;
      report({
        message: `FROM --platform=${platform.value} fixes the stage to one platform`,
        at: platform.valueSpan,
      });
    }
  },
});
