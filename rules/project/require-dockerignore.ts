import { isWholeContext, sensitivePaths, wholeContextCopies } from "../../src/knowledge/context.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "XP001",
  name: "require-dockerignore",
  target: "project",
  category: "security",
  severity: "warning",
  tags: ["ml"],
  docs: {
    summary: "A Dockerfile that copies its whole build context needs a .dockerignore.",
    why: '`COPY . .` sends everything in the context directory to the builder and into the image: the `.git` history, `.env` files with tokens, virtual environments, checkpoints and datasets. ML repositories routinely hold gigabytes of weights next to the code, so builds crawl ("Sending build context to Docker daemon 14.2GB"), images balloon, and secrets ship to every registry the image is pushed to. Without a `.dockerignore` nothing filters that.',
    examples: [
      {
        kind: "invalid",
        files: { Dockerfile: "FROM python:3.12-slim\nCOPY . /app\n", "app.py": "print('hi')\n" },
      },
      {
        kind: "valid",
        files: {
          Dockerfile: "FROM python:3.12-slim\nCOPY . /app\n",
          ".dockerignore": ".git\n.env\n*.safetensors\n",
          "app.py": "print('hi')\n",
        },
      },
      { kind: "valid", files: { Dockerfile: "FROM python:3.12-slim\nCOPY app.py /app/\n" } },
    ],
    fix: "Add a `.dockerignore` next to the context root (or `<Dockerfile name>.dockerignore` beside the Dockerfile) that excludes at least `.git`, `.env*`, virtual environments, and weights and datasets that are mounted or downloaded at run time — or copy only the paths the image needs.",
  },
  check({ model, report }) {
    for (const context of model.contexts) {
      if (context.dockerignore) continue;
      const copies = wholeContextCopies(context.dockerfile);
      if (copies.length === 0) continue;
      const present = sensitivePaths.filter((s) =>
        model.contextEntries(context).some((e) => s.test(e.path, e.isDirectory)),
      );
      const detail = present.length > 0 ? `; the context holds ${present.map((p) => p.what).join(", ")}` : "";
      for (const copy of copies) {
        const source = copy.sources.find(isWholeContext)!;
        report({
          file: context.dockerfile.file,
          at: source.span,
          message: `${copy.keyword} ${source.value} sends the whole build context and there is no .dockerignore${detail}`,
        });
      }
    }
  },
});
