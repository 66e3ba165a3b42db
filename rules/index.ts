import type { AnyRule } from "../src/rule.js";
import composeSchema from "./compose/compose-schema.js";
import composeSyntax from "./compose/compose-syntax.js";
import dockerfileSyntax from "./dockerfile/dockerfile-syntax.js";
import noAptGetUpgrade from "./dockerfile/no-apt-get-upgrade.js";
import noBuildToolsInFinalStage from "./dockerfile/no-build-tools-in-final-stage.js";
import noChpasswd from "./dockerfile/no-chpasswd.js";
import noCleanupInLaterLayer from "./dockerfile/no-cleanup-in-later-layer.js";
import noConstantPlatform from "./dockerfile/no-constant-platform.js";
import noCopyFromOwnStage from "./dockerfile/no-copy-from-own-stage.js";
import noCopyWholeFilesystem from "./dockerfile/no-copy-whole-filesystem.js";
import noCredentialPersistedInLayer from "./dockerfile/no-credential-persisted-in-layer.js";
import noDisabledPackageVerification from "./dockerfile/no-disabled-package-verification.js";
import noDisabledTlsVerification from "./dockerfile/no-disabled-tls-verification.js";
import noDuplicateStageName from "./dockerfile/no-duplicate-stage-name.js";
import noEmptyContinuationLine from "./dockerfile/no-empty-continuation-line.js";
import noEolBaseImage from "./dockerfile/no-eol-base-image.js";
import noExtractCopiedArchive from "./dockerfile/no-extract-copied-archive.js";
import noHardcodedCredential from "./dockerfile/no-hardcoded-credential.js";
import noHostMappingInExpose from "./dockerfile/no-host-mapping-in-expose.js";
import noInteractiveToolInRun from "./dockerfile/no-interactive-tool-in-run.js";
import noLegacyKeyValueFormat from "./dockerfile/no-legacy-key-value-format.js";
import noLoopbackServerBind from "./dockerfile/no-loopback-server-bind.js";
import noMaintainer from "./dockerfile/no-maintainer.js";
import noMixedCurlAndWget from "./dockerfile/no-mixed-curl-and-wget.js";
import noMlFrameworkOnAlpine from "./dockerfile/no-ml-framework-on-alpine.js";
import noNvidiaDriverInImage from "./dockerfile/no-nvidia-driver-in-image.js";
import noOverriddenInstruction from "./dockerfile/no-overridden-instruction.js";
import noPlainHttpDownload from "./dockerfile/no-plain-http-download.js";
import noRedundantTargetPlatform from "./dockerfile/no-redundant-target-platform.js";
import noReservedStageName from "./dockerfile/no-reserved-stage-name.js";
import noRootHomeForNonRootUser from "./dockerfile/no-root-home-for-non-root-user.js";
import noSameEnvReference from "./dockerfile/no-same-env-reference.js";
import noSecretInArgOrEnv from "./dockerfile/no-secret-in-arg-or-env.js";
import noSingleQuotedJsonArgs from "./dockerfile/no-single-quoted-json-args.js";
import noSshPort from "./dockerfile/no-ssh-port.js";
import noSudo from "./dockerfile/no-sudo.js";
import noSwallowedInstruction from "./dockerfile/no-swallowed-instruction.js";
import noTorchCudaMismatch from "./dockerfile/no-torch-cuda-mismatch.js";
import noUndeclaredArgInFrom from "./dockerfile/no-undeclared-arg-in-from.js";
import noUndefinedVariable from "./dockerfile/no-undefined-variable.js";
import noUnknownCopyFromStage from "./dockerfile/no-unknown-copy-from-stage.js";
import noWeightsAfterSourceCopy from "./dockerfile/no-weights-after-source-copy.js";
import noWorkdirInSystemDirectory from "./dockerfile/no-workdir-in-system-directory.js";
import noZypperDistUpgrade from "./dockerfile/no-zypper-dist-upgrade.js";
import preferAptGet from "./dockerfile/prefer-apt-get.js";
import preferCopyOverAdd from "./dockerfile/prefer-copy-over-add.js";
import preferMergedRun from "./dockerfile/prefer-merged-run.js";
import preferNamedStageInCopyFrom from "./dockerfile/prefer-named-stage-in-copy-from.js";
import preferNumericUser from "./dockerfile/prefer-numeric-user.js";
import preferOpencvHeadless from "./dockerfile/prefer-opencv-headless.js";
import preferQuietWget from "./dockerfile/prefer-quiet-wget.js";
import preferShellInstruction from "./dockerfile/prefer-shell-instruction.js";
import preferWorkdirOverCd from "./dockerfile/prefer-workdir-over-cd.js";
import requireAbsoluteWorkdir from "./dockerfile/require-absolute-workdir.js";
import requireApkNoCache from "./dockerfile/require-apk-no-cache.js";
import requireAptGetYes from "./dockerfile/require-apt-get-yes.js";
import requireAptListsCleanup from "./dockerfile/require-apt-lists-cleanup.js";
import requireAptUpdateWithInstall from "./dockerfile/require-apt-update-with-install.js";
import requireConsistentInstructionCasing from "./dockerfile/require-consistent-instruction-casing.js";
import requireConventionalLabelKey from "./dockerfile/require-conventional-label-key.js";
import requireDirectoryDestination from "./dockerfile/require-directory-destination.js";
import requireExecFormCmd from "./dockerfile/require-exec-form-cmd.js";
import requireHealthcheck from "./dockerfile/require-healthcheck.js";
import requireHealthcheckStartPeriod from "./dockerfile/require-healthcheck-start-period.js";
import requireHealthcheckTool from "./dockerfile/require-healthcheck-tool.js";
import requireLabelSchema from "./dockerfile/require-label-schema.js";
import requireLowercaseExposeProtocol from "./dockerfile/require-lowercase-expose-protocol.js";
import requireLowercaseStageName from "./dockerfile/require-lowercase-stage-name.js";
import requireMatchingAsCasing from "./dockerfile/require-matching-as-casing.js";
import requireNamedDescriptionComment from "./dockerfile/require-named-description-comment.js";
import requireNoInstallRecommends from "./dockerfile/require-no-install-recommends.js";
import requireNonInteractiveRpmInstall from "./dockerfile/require-non-interactive-rpm-install.js";
import requireNonRootUser from "./dockerfile/require-non-root-user.js";
import requireNvidiaEnvForGpu from "./dockerfile/require-nvidia-env-for-gpu.js";
import requirePinnedBaseImage from "./dockerfile/require-pinned-base-image.js";
import requirePinnedGemPackages from "./dockerfile/require-pinned-gem-packages.js";
import requirePinnedGoInstall from "./dockerfile/require-pinned-go-install.js";
import requirePinnedNpmPackages from "./dockerfile/require-pinned-npm-packages.js";
import requirePinnedOsPackages from "./dockerfile/require-pinned-os-packages.js";
import requirePinnedPipPackages from "./dockerfile/require-pinned-pip-packages.js";
import requirePipNoCacheDir from "./dockerfile/require-pip-no-cache-dir.js";
import requirePipefail from "./dockerfile/require-pipefail.js";
import requireRpmCacheCleanup from "./dockerfile/require-rpm-cache-cleanup.js";
import requireShellcheckClean from "./dockerfile/require-shellcheck-clean.js";
import requireTrustedRegistry from "./dockerfile/require-trusted-registry.js";
import requireUseraddNoLogInit from "./dockerfile/require-useradd-no-log-init.js";
import requireValidCudaTag from "./dockerfile/require-valid-cuda-tag.js";
import requireValidDefaultArgInFrom from "./dockerfile/require-valid-default-arg-in-from.js";
import requireValidExposePort from "./dockerfile/require-valid-expose-port.js";
import requireWorkdirBeforeRelativeCopy from "./dockerfile/require-workdir-before-relative-copy.js";
import requireYarnCacheClean from "./dockerfile/require-yarn-cache-clean.js";
import requireDockerignore from "./project/require-dockerignore.js";

/** The registry: every rule mllint knows, one line each, in code order. */
export const rules: AnyRule[] = [
  composeSyntax,
  composeSchema,
  dockerfileSyntax,
  requireNonRootUser,
  requirePinnedBaseImage,
  requireHealthcheck,
  noBuildToolsInFinalStage,
  requireAptUpdateWithInstall,
  requireAptGetYes,
  requireNoInstallRecommends,
  requireAptListsCleanup,
  noAptGetUpgrade,
  requirePipNoCacheDir,
  requireExecFormCmd,
  preferCopyOverAdd,
  requireAbsoluteWorkdir,
  noSecretInArgOrEnv,
  noHardcodedCredential,
  requireHealthcheckTool,
  noRootHomeForNonRootUser,
  requireValidCudaTag,
  requireNvidiaEnvForGpu,
  noInteractiveToolInRun,
  preferWorkdirOverCd,
  noSudo,
  noExtractCopiedArchive,
  requireValidExposePort,
  noOverriddenInstruction,
  requireDirectoryDestination,
  noUnknownCopyFromStage,
  noCopyFromOwnStage,
  noDuplicateStageName,
  requireTrustedRegistry,
  noConstantPlatform,
  noRedundantTargetPlatform,
  noSameEnvReference,
  requireWorkdirBeforeRelativeCopy,
  requireUseraddNoLogInit,
  preferMergedRun,
  noReservedStageName,
  preferNumericUser,
  noCopyWholeFilesystem,
  noMaintainer,
  preferShellInstruction,
  requirePipefail,
  noSshPort,
  noWorkdirInSystemDirectory,
  noChpasswd,
  preferNamedStageInCopyFrom,
  noSingleQuotedJsonArgs,
  noSwallowedInstruction,
  requireShellcheckClean,
  requirePinnedOsPackages,
  requireApkNoCache,
  preferAptGet,
  requireNonInteractiveRpmInstall,
  noZypperDistUpgrade,
  requireRpmCacheCleanup,
  noDisabledPackageVerification,
  noCleanupInLaterLayer,
  requirePinnedPipPackages,
  requirePinnedNpmPackages,
  requirePinnedGemPackages,
  requirePinnedGoInstall,
  requireYarnCacheClean,
  noDisabledTlsVerification,
  noPlainHttpDownload,
  preferQuietWget,
  noMixedCurlAndWget,
  noEolBaseImage,
  requireHealthcheckStartPeriod,
  noTorchCudaMismatch,
  noCredentialPersistedInLayer,
  noWeightsAfterSourceCopy,
  noLoopbackServerBind,
  noNvidiaDriverInImage,
  preferOpencvHeadless,
  noMlFrameworkOnAlpine,
  requireLowercaseStageName,
  requireMatchingAsCasing,
  requireConsistentInstructionCasing,
  noEmptyContinuationLine,
  noLegacyKeyValueFormat,
  noUndeclaredArgInFrom,
  requireValidDefaultArgInFrom,
  noUndefinedVariable,
  requireLowercaseExposeProtocol,
  noHostMappingInExpose,
  requireNamedDescriptionComment,
  requireConventionalLabelKey,
  requireLabelSchema,
  requireDockerignore,
];
