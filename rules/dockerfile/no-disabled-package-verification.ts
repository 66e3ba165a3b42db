import { runsIn } from "../../src/knowledge/os-packages.js";
import { unwrapped } from "../../src/knowledge/packages.js";
import { commandName, type ShellCommand, type ShellWord } from "../../src/parse/shell.js";
import { defineRule } from "../../src/rule.js";

const noGpgCheck = ["--nogpgcheck"];
// Per command, the flags that install packages without checking their signature.
const unverifiedFlags: Record<string, string[]> = {
  apk: ["--allow-untrusted"],
  "apt-get": ["--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"],
  apt: ["--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"],
  yum: noGpgCheck,
  dnf: noGpgCheck,
  microdnf: noGpgCheck,
  tdnf: noGpgCheck,
  rpm: ["--nosignature", "--nodigest", "--nofiledigest"],
  zypper: ["--no-gpg-checks"],
};
// The same, written as configuration in any command's words: `--setopt=gpgcheck=0`, `echo sslverify=false >> x.repo`,
// `-o APT::Get::AllowUnauthenticated=true`, `deb [trusted=yes] http://...`.
const unverifiedSettings = [
  /(?:^|[^\w])(?:gpgcheck|sslverify)\s*=\s*(?:0|false|no)\b/i,
  /\b(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)\s*=\s*"?(?:1|true|yes)\b/i,
  /\[[^\]]*\btrusted=yes\b/,
];

export default defineRule({
  code: "DF106",
  name: "no-disabled-package-verification",
  target: "dockerfile",
  category: "security",
  severity: "warning",
  aliases: [
    "checkov:CKV2_DOCKER_7",
    "checkov:CKV2_DOCKER_8",
    "checkov:CKV2_DOCKER_9",
    "checkov:CKV2_DOCKER_10",
    "checkov:CKV2_DOCKER_11",
    "checkov:CKV2_DOCKER_15",
  ],
  docs: {
    summary:
      "Do not turn off package signature or TLS checks (`--allow-untrusted`, `--nogpgcheck`, `sslverify=0`...).",
    why: "Package managers verify that every package is signed by the distribution (or the vendor, such as NVIDIA's CUDA repository) and fetched over a verified connection. `apk --allow-untrusted`, `apt-get --allow-unauthenticated` or `--force-yes`, `[trusted=yes]` sources, `yum/dnf --nogpgcheck`, `gpgcheck=0`, `sslverify=0` and `rpm --nosignature` turn that off: anyone who can tamper with the mirror, a proxy or the network path can put their own code into the image, which then runs next to your model weights and credentials. Such flags usually come from working around an expired key; the fix is to install the current key.",
    examples: [
      {
        kind: "invalid",
        files:
          "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get update && apt-get install -y --allow-unauthenticated python3\n",
      },
      {
        kind: "invalid",
        files: "FROM rockylinux:9\nRUN dnf install -y --nogpgcheck --setopt=sslverify=0 python3.11\n",
        count: 2,
      },
      {
        kind: "valid",
        files:
          "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3 \\\n && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    fix: "Remove the flag or setting. If a repository's key expired or is missing, install its current key (for CUDA images, the `cuda-keyring` package); for a package you built yourself, sign it or install it from a verified stage.",
  },
  check({ model, report }) {
    for (const run of runsIn(model.instructions)) {
      for (const command of run.commands) {
        for (const word of unverifiedWords(command))
          report({ message: `${word.value}: package signatures or TLS are not verified`, at: word.span });
      }
    }
  },
});

function unverifiedWords(command: ShellCommand): ShellWord[] {
  const flags = unverifiedFlags[commandName(unwrapped(command)) ?? ""] ?? [];
  return command.args.filter(
    (arg) =>
      flags.some((flag) => arg.value === flag || arg.value.startsWith(`${flag}=`)) ||
      unverifiedSettings.some((setting) => setting.test(arg.value)),
  );
}
