import { pythonInstalls } from "../../src/knowledge/ml.js";
import { isInstall, packageCommand, packageName } from "../../src/knowledge/packages.js";
import { finalStage, lineage, runCommands, type Stage } from "../../src/model/dockerfile.js";
import { defineRule } from "../../src/rule.js";

export default defineRule({
  code: "DF226",
  name: "prefer-opencv-headless",
  target: "dockerfile",
  category: "correctness",
  severity: "error",
  tags: ["ml"],
  fixable: true,
  docs: {
    summary:
      "Server images should install `opencv-python-headless`, or the OpenGL libraries the GUI build needs.",
    why: "`opencv-python` and `opencv-contrib-python` are the desktop builds: `cv2` links against `libGL.so.1` (and glib) for its windowing functions. Slim, CUDA runtime and most server base images do not ship them, so the build succeeds and the service dies at start with `ImportError: libGL.so.1: cannot open shared object file: No such file or directory`. The `-headless` builds have the same image-processing API without the GUI. An image that also installs the headless build, or installs `libgl1`/`mesa-libGL`/`python3-opencv` with its system package manager, is accepted.",
    examples: [
      {
        kind: "invalid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir opencv-python==4.10.0.84 ultralytics\n",
      },
      {
        kind: "valid",
        files: "FROM python:3.12-slim\nRUN pip install --no-cache-dir opencv-python-headless==4.10.0.84\n",
      },
      {
        kind: "valid",
        files:
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir opencv-python\n",
      },
    ],
    fix: "Install `opencv-python-headless` (or `opencv-contrib-python-headless`) instead, and make sure no other requirement pulls the GUI build back in. The autofix renames the package; it is unsafe because `cv2.imshow` and other HighGUI calls stop working. If the GUI build is needed, install `libgl1 libglib2.0-0` (Debian/Ubuntu) first.",
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const stages = lineage(stage);
    const installs = pythonInstalls(stages);
    if (installs.some((p) => p.name.endsWith("-headless")) || hasOpenGl(stages)) return;
    for (const { name, word } of installs) {
      if (name !== "opencv-python" && name !== "opencv-contrib-python") continue;
      const plain = word.span.end - word.span.start === word.value.length;
      report({
        message: `${name} needs libGL.so.1, which this image does not install: \`import cv2\` will fail`,
        at: word.span,
        fix: plain
          ? {
              title: `Use ${name}-headless`,
              safety: "unsafe",
              edits: [
                {
                  span: { start: word.span.start, end: word.span.start + name.length },
                  text: `${name}-headless`,
                },
              ],
            }
          : undefined,
      });
    }
  },
});

// System packages that provide libGL.so.1 (Debian/Ubuntu, RHEL, Alpine), or OpenCV itself.
const openGlPackage =
  /^(libgl1|libgl1-mesa-glx|libgl1-mesa-dri|libglx-mesa0|libopengl0|mesa-libgl|mesa-gl|python3-opencv)$/;

function hasOpenGl(stages: Stage[]): boolean {
  return stages.flatMap(runCommands).some(({ command }) => {
    const install = packageCommand(command);
    return (
      install !== undefined &&
      isInstall(install) &&
      install.packages.some((w) => openGlPackage.test(packageName(w)))
    );
  });
}
