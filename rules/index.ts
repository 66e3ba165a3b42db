import type { AnyRule } from "../src/rule.js";
import composeSchema from "./compose/compose-schema.js";
import composeSyntax from "./compose/compose-syntax.js";
import noBackendPortOnAllInterfaces from "./compose/no-backend-port-on-all-interfaces.js";
import noBuildAndImage from "./compose/no-build-and-image.js";
import noCudaVisibleDevicesBeyondGranted from "./compose/no-cuda-visible-devices-beyond-granted.js";
import noDangerousCapability from "./compose/no-dangerous-capability.js";
import noDebuggerWaitForClient from "./compose/no-debugger-wait-for-client.js";
import noDevSettingsInProduction from "./compose/no-dev-settings-in-production.js";
import noDisabledAuthentication from "./compose/no-disabled-authentication.js";
import noDisabledTlsVerificationInEnvironment from "./compose/no-disabled-tls-verification-in-environment.js";
import noDockerSocketMount from "./compose/no-docker-socket-mount.js";
import noDuplicateContainerNames from "./compose/no-duplicate-container-names.js";
import noDuplicateExportedPorts from "./compose/no-duplicate-exported-ports.js";
import noFlagAndValueInOneListItem from "./compose/no-flag-and-value-in-one-list-item.js";
import noHealthcheckTimeoutAboveInterval from "./compose/no-healthcheck-timeout-above-interval.js";
import noHealthyDependencyWithoutHealthcheck from "./compose/no-healthy-dependency-without-healthcheck.js";
import noHostIpc from "./compose/no-host-ipc.js";
import noHostNamespace from "./compose/no-host-namespace.js";
import noInvalidGpuDeviceRequest from "./compose/no-invalid-gpu-device-request.js";
import noLiteralSecretInEnvironment from "./compose/no-literal-secret-in-environment.js";
import noParallelismBeyondGrantedGpus from "./compose/no-parallelism-beyond-granted-gpus.js";
import noPrivilegedContainer from "./compose/no-privileged-container.js";
import noPublishedDebuggerPort from "./compose/no-published-debugger-port.js";
import noQuotesInVolumes from "./compose/no-quotes-in-volumes.js";
import noRepeatedImageEntrypoint from "./compose/no-repeated-image-entrypoint.js";
import noReservationAboveLimit from "./compose/no-reservation-above-limit.js";
import noRootUser from "./compose/no-root-user.js";
import noSensitiveHostMount from "./compose/no-sensitive-host-mount.js";
import noUnauthenticatedPortOnAllInterfaces from "./compose/no-unauthenticated-port-on-all-interfaces.js";
import noUnboundPortInterfaces from "./compose/no-unbound-port-interfaces.js";
import noUnconfinedSecurityProfile from "./compose/no-unconfined-security-profile.js";
import noUndefinedDependency from "./compose/no-undefined-dependency.js";
import noVersionField from "./compose/no-version-field.js";
import preferHealthyDependency from "./compose/prefer-healthy-dependency.js";
import requireComputeDriverCapability from "./compose/require-compute-driver-capability.js";
import requireExplicitImageTag from "./compose/require-explicit-image-tag.js";
import requireGpuRequest from "./compose/require-gpu-request.js";
import requireModelCacheVolume from "./compose/require-model-cache-volume.js";
import requireModelLoadStartPeriod from "./compose/require-model-load-start-period.js";
import requireModelServerMemoryLimit from "./compose/require-model-server-memory-limit.js";
import requireNoNewPrivileges from "./compose/require-no-new-privileges.js";
import requireProjectNameField from "./compose/require-project-name-field.js";
import requireQuotesInPorts from "./compose/require-quotes-in-ports.js";
import requireReadOnlyModelMount from "./compose/require-read-only-model-mount.js";
import requireReadOnlyRootFilesystem from "./compose/require-read-only-root-filesystem.js";
import requireResourceLimits from "./compose/require-resource-limits.js";
import requireRestartPolicy from "./compose/require-restart-policy.js";
import requireServiceHealthcheck from "./compose/require-service-healthcheck.js";
import requireServiceKeyOrder from "./compose/require-service-key-order.js";
import requireShmForMultiGpu from "./compose/require-shm-for-multi-gpu.js";
import requireShmSizeForMlService from "./compose/require-shm-size-for-ml-service.js";
import requireSortedDependencies from "./compose/require-sorted-dependencies.js";
import requireSortedPorts from "./compose/require-sorted-ports.js";
import requireSortedServices from "./compose/require-sorted-services.js";
import requireThreadCapsWithCpuLimit from "./compose/require-thread-caps-with-cpu-limit.js";
import requireTopLevelKeyOrder from "./compose/require-top-level-key-order.js";
import requireValidByteSize from "./compose/require-valid-byte-size.js";
import requireValidDuration from "./compose/require-valid-duration.js";
import requireValidRestartPolicy from "./compose/require-valid-restart-policy.js";
import requireVisibleDevicesWithNvidiaRuntime from "./compose/require-visible-devices-with-nvidia-runtime.js";
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
import noInlineIgnorePragma from "./dockerfile/no-inline-ignore-pragma.js";
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
import noUnquotedVersionSpecifier from "./dockerfile/no-unquoted-version-specifier.js";
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
import requireAllowedBaseImage from "./dockerfile/require-allowed-base-image.js";
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
import noCopyOfIgnoredPath from "./project/no-copy-of-ignored-path.js";
import noGpuRequestForCpuImage from "./project/no-gpu-request-for-cpu-image.js";
import noPublishedPortMismatch from "./project/no-published-port-mismatch.js";
import noUndeclaredBuildArg from "./project/no-undeclared-build-arg.js";
import noUnknownBuildTarget from "./project/no-unknown-build-target.js";
import requireComposeHealthcheckTool from "./project/require-compose-healthcheck-tool.js";
import requireDockerignore from "./project/require-dockerignore.js";
import requireDockerignoreCoverage from "./project/require-dockerignore-coverage.js";
import requireExistingBuildContext from "./project/require-existing-build-context.js";
import requireGpuRequestForCudaImage from "./project/require-gpu-request-for-cuda-image.js";
import requireValidDockerignorePattern from "./project/require-valid-dockerignore-pattern.js";

/** The registry: every rule mllint knows, one line each, in code order. */
export const rules: AnyRule[] = [
  composeSyntax,
  composeSchema,
  noVersionField,
  noDuplicateContainerNames,
  noDuplicateExportedPorts,
  noBuildAndImage,
  requireExplicitImageTag,
  noUnboundPortInterfaces,
  requireProjectNameField,
  requireSortedServices,
  requireSortedDependencies,
  requireSortedPorts,
  requireServiceKeyOrder,
  requireTopLevelKeyOrder,
  requireQuotesInPorts,
  noQuotesInVolumes,
  noPrivilegedContainer,
  noDangerousCapability,
  noDockerSocketMount,
  noSensitiveHostMount,
  noHostNamespace,
  noHostIpc,
  noUnconfinedSecurityProfile,
  requireNoNewPrivileges,
  requireReadOnlyRootFilesystem,
  noRootUser,
  noLiteralSecretInEnvironment,
  noDisabledAuthentication,
  noDisabledTlsVerificationInEnvironment,
  noBackendPortOnAllInterfaces,
  noUnauthenticatedPortOnAllInterfaces,
  requireServiceHealthcheck,
  noHealthyDependencyWithoutHealthcheck,
  preferHealthyDependency,
  noUndefinedDependency,
  requireRestartPolicy,
  requireValidRestartPolicy,
  requireModelServerMemoryLimit,
  requireResourceLimits,
  noReservationAboveLimit,
  requireValidDuration,
  requireValidByteSize,
  noHealthcheckTimeoutAboveInterval,
  requireGpuRequest,
  noInvalidGpuDeviceRequest,
  requireVisibleDevicesWithNvidiaRuntime,
  requireComputeDriverCapability,
  noParallelismBeyondGrantedGpus,
  noCudaVisibleDevicesBeyondGranted,
  requireShmForMultiGpu,
  requireShmSizeForMlService,
  requireModelLoadStartPeriod,
  requireReadOnlyModelMount,
  requireModelCacheVolume,
  requireThreadCapsWithCpuLimit,
  noDevSettingsInProduction,
  noDebuggerWaitForClient,
  noPublishedDebuggerPort,
  noRepeatedImageEntrypoint,
  noFlagAndValueInOneListItem,
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
  requireAllowedBaseImage,
  noInlineIgnorePragma,
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
  noUnquotedVersionSpecifier,
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
  requireDockerignoreCoverage,
  noCopyOfIgnoredPath,
  requireValidDockerignorePattern,
  requireExistingBuildContext,
  noUndeclaredBuildArg,
  noUnknownBuildTarget,
  requireComposeHealthcheckTool,
  noGpuRequestForCpuImage,
  requireGpuRequestForCudaImage,
  noPublishedPortMismatch,
];
