import { runCommands } from "../../src/model/dockerfile.js";
import { commandName } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF161",
  name: "no-mixed-curl-and-wget",
  target: "dockerfile",
  category: "maintainability",
  severity: "warning",
  aliases: ["hadolint:DL4001", "trivy:DS-0014"],
  docs: {
    summary: "A stage should download with either curl or wget, not both.",
    why: "Two download tools do one job: both must be installed (or present in the base image), both carry their own CVEs into the image, and their different defaults — curl does not fail on HTTP errors without `-f`, wget retries and resumes — make the download steps behave differently from one line to the next. Pick one per stage.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh\nRUN wget -q https://example.com/model.gguf -O /models/model.gguf\n",
      },
      {
        kind: "valid",
        files:
          "FROM debian:12-slim AS fetch\nRUN wget -q https://example.com/model.gguf -O /model.gguf\n\nFROM debian:12-slim\nCOPY --from=fetch /model.gguf /models/\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh\n",
      },
    ],
    fix: "Use the same tool for every download in the stage — curl with `-fsSL`, or wget with `-nv` — and install only that one.",
  },
  check({ model, file, report }) {
    for (const stage of model.stages) {
      const uses = runCommands(stage).map(({ command }) => command);
      const curl = uses.find((c) => commandName(c) === "curl");
      const wget = uses.find((c) => commandName(c) === "wget");
      if (!curl || !wget) continue;
      const [first, second] = curl.span.start < wget.span.start ? [curl, wget] : [wget, curl];
      const [firstName, secondName] = [commandName(first), commandName(second)];
      report({
        message: `${secondName} is used here and ${firstName} earlier in this stage: use one download tool`,
        at: second.name!.span,
        related: [{ file, span: first.name!.span, message: `${firstName} is used here` }],
      });
    }
  },
});
