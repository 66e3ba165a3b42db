import { portRange } from "../../src/knowledge/compose.js";
import { exposedPorts, listenPort } from "../../src/knowledge/ports.js";
import { instructionsOf, lineage, type Word } from "../../src/model/dockerfile.js";
import type { ComposeBuild } from "../../src/model/project.js";
import { defineRule } from "../../src/rule.js";
import type { SourceFile } from "../../src/source.js";

interface Listening extends Word {
  file: SourceFile;
}

export default defineRule({
  code: "XP012",
  name: "no-published-port-mismatch",
  target: "project",
  category: "correctness",
  severity: "warning",
  docs: {
    summary: "A compose service must publish the port its image listens on.",
    why: "`ports: [\"8080:8080\"]` forwards to port 8080 inside the container; if the server in the image listens on 8000 (`--port 8000`, `EXPOSE 8000`), every request gets \"connection reset by peer\" or an empty reply, the healthcheck fails, and nothing in the logs says why — the server is up, just on another port. It happens when the compose file is copied from another service or the Dockerfile's port changes. mllint compares each published container port with the port the server's command line names (the service's `command`, else the image's ENTRYPOINT and CMD) or, when it names none, with the image's EXPOSE.",
    examples: [
      {
        kind: "invalid",
        files: {
          "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n',
          Dockerfile:
            'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n',
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "8080:8000"\n',
          Dockerfile:
            'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n',
        },
      },
      {
        kind: "valid",
        files: {
          "compose.yaml":
            'services:\n  api:\n    build: .\n    command: ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "9000"]\n    ports:\n      - "9000:9000"\n',
          Dockerfile: "FROM python:3.12-slim\nEXPOSE 8000\n",
        },
      },
    ],
    fix: "Publish the port the server listens on (`HOST:8000`), or change the server's `--port` (and EXPOSE) to the one compose publishes.",
  },
  check({ model, report }) {
    for (const build of model.builds) {
      const listening = build.stage && listeningPorts(build);
      if (!listening || listening.length === 0) continue;
      for (const port of build.service.ports) {
        const published = portRange(port.containerPort);
        if (!published || published.from !== published.to || port.protocol !== "tcp") continue;
        const ranges = listening.map((w) => portRange(w.value));
        if (ranges.some((r) => !r || (r.from <= published.from && published.from <= r.to))) continue;
        const said = listening.map((w) => w.value).join(", ");
        report({
          file: build.compose.file,
          at: port.span,
          message: `publishes container port ${published.from}, but the image's server listens on ${said}: requests to the published port are refused`,
          related: listening.map((w) => ({ file: w.file, span: w.span, message: `listens on ${w.value}` })),
        });
      }
    }
  },
});

/**
 * Where the service's server listens: the `--port`/`--bind` of the service's command, else of the image's
 * ENTRYPOINT and CMD, else the image's EXPOSE ports (TCP).
 */
function listeningPorts(build: ComposeBuild): Listening[] {
  const { compose, service } = build;
  const dockerfile = build.context!.dockerfile;
  const stages = lineage(build.stage!);
  const fromService = service.command && listenPort(service.command.words);
  if (fromService) return [{ value: fromService.port, span: fromService.word.span, file: compose.file }];
  // The nearest stage that sets it wins, and within a stage the last one.
  const last = (kind: "entrypoint" | "cmd") =>
    stages.map((s) => instructionsOf(s, kind).at(-1)).find(Boolean);
  const imageWords = [last("entrypoint"), service.command ? undefined : last("cmd")].flatMap((i) =>
    (i?.commands ?? []).flatMap((c) => [...(c.name ? [c.name] : []), ...c.args]),
  );
  const fromImage = listenPort(imageWords);
  if (fromImage) return [{ value: fromImage.port, span: fromImage.word.span, file: dockerfile.file }];
  return exposedPorts(dockerfile)
    .filter((p) => p.instruction.stage && stages.includes(p.instruction.stage))
    .filter((p) => (p.protocol?.value ?? "tcp").toLowerCase() === "tcp")
    .map((p) => ({ value: p.port.value, span: p.port.span, file: dockerfile.file }));
}
