import { isCudaBaseImage } from "../../src/knowledge/cuda.js";
import { rootImage } from "../../src/knowledge/ml.js";
import {
  type InstalledPackage,
  installedOsPackages,
  isBuildToolPackage,
} from "../../src/knowledge/packages.js";
import { finalStage, lineage, runCommands } from "../../src/model/dockerfile.js";
import { type ImageRef, isImage } from "../../src/model/image.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF004",
  name: "no-build-tools-in-final-stage",
  target: "dockerfile",
  category: "performance",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "Compilers and CUDA -devel images belong in a builder stage, not in the image that serves.",
    why: "Wheels without a prebuilt binary (and `pip install` of packages with C extensions on Alpine) need a compiler, so Dockerfiles install `build-essential` or `gcc` and keep it: the toolchain ships to every node, adds hundreds of MB to each pull and cold start, and hands anyone who gets a shell in the container a compiler. A CUDA `-devel` base (nvcc, headers, static libraries) is several GB larger than `-runtime`. A multi-stage build compiles in a builder stage and copies only the results. Only the final stage and the stages it builds on are checked. A package removed again later (`apk del .build-deps`, `apt-get purge`) no longer counts here, even in a later RUN: the bytes a later RUN's removal leaves in the earlier layer are reported by DF107 `no-cleanup-in-later-layer`, so the same package is never reported twice. Header packages (`python3-dev`, `libpq-dev`) alone compile nothing and are not reported. A final stage with no CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK of its own (nor in the stages it builds on) runs no service: it is a CI, development or base image where the toolchain is the point, and is left alone. If the server compiles at run time (`torch.compile` with Triton needs a C compiler; DeepSpeed builds its CUDA ops just in time unless installed with `DS_BUILD_OPS=1`, which needs nvcc from a -devel image), suppress the finding with that reason.",
    examples: [
      {
        kind: "invalid",
        files:
          'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    build-essential \\\n    curl \\\n    && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "serve.py"]\n',
      },
      {
        kind: "invalid",
        files:
          'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nCOPY app.py /app/\nCMD ["python3", "/app/app.py"]\n',
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y build-essential\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n    && pip install --no-cache-dir -r requirements.txt \\\n    && apk del .build-deps\n",
      },
    ],
    fix: "Split the Dockerfile: install the toolchain and build wheels (or compile the extension) in a `FROM ... AS build` stage, then `COPY --from=build` the wheels or artefacts into a final stage built on a slim or `-runtime` image. On Alpine, `apk add --virtual .build-deps ...` and `apk del .build-deps` in the same RUN also keeps the toolchain out.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const chain = lineage(stage);
    if (!chain.some((s) => s.instructions.some((i) => serviceKeywords.has(i.keyword.toUpperCase())))) return;
    const base = rootImage(stage);
    if (base && isDevelImage(base)) {
      report({
        message: `${base.text} is a -devel image (compilers, headers, static libraries) and the final image builds on it: build in a -devel stage, serve from -runtime`,
        at: base.span,
      });
    }
    const commands = [...chain].reverse().flatMap((s) => runCommands(s).map((c) => c.command));
    const tools = installedOsPackages(commands).filter((p) => isBuildToolPackage(p.name));
    for (const group of byInstall(tools)) {
      const names = group.map((p) => p.name).join(", ");
      report({
        message: `${names} ${group.length === 1 ? "stays" : "stay"} in the final image: compile in a builder stage and copy only the results`,
        at: group[0]!.word.span,
      });
    }
  },
});

// What an image that runs a service declares; without any, the image is a toolchain for CI or development.
const serviceKeywords = new Set(["CMD", "ENTRYPOINT", "EXPOSE", "HEALTHCHECK"]);

/** CUDA and PyTorch images of the `-devel` flavour, which carry the whole toolkit. */
function isDevelImage(image: ImageRef): boolean {
  const devel = /(^|-)devel(-|$)/.test(image.tag ?? "");
  return devel && (isCudaBaseImage(image) || isImage(image, "pytorch/pytorch"));
}

/** Packages grouped by the install command that asked for them, in file order. */
function byInstall(packages: InstalledPackage[]): InstalledPackage[][] {
  const groups = new Map<InstalledPackage["install"], InstalledPackage[]>();
  for (const p of packages) groups.set(p.install, [...(groups.get(p.install) ?? []), p]);
  return [...groups.values()]
    .map((group) => group.sort((a, b) => a.word.span.start - b.word.span.start))
    .sort((a, b) => a[0]!.word.span.start - b[0]!.word.span.start);
}
