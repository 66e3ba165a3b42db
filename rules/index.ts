import type { AnyRule } from "../src/rule.js";
import dockerfileSyntax from "./dockerfile/dockerfile-syntax.js";
import noHardcodedCredential from "./dockerfile/no-hardcoded-credential.js";
import noSecretInArgOrEnv from "./dockerfile/no-secret-in-arg-or-env.js";
import preferCopyOverAdd from "./dockerfile/prefer-copy-over-add.js";
import requireAbsoluteWorkdir from "./dockerfile/require-absolute-workdir.js";
import requireExecFormCmd from "./dockerfile/require-exec-form-cmd.js";
import requireHealthcheck from "./dockerfile/require-healthcheck.js";
import requireNonRootUser from "./dockerfile/require-non-root-user.js";
import requirePinnedBaseImage from "./dockerfile/require-pinned-base-image.js";
import requireValidCudaTag from "./dockerfile/require-valid-cuda-tag.js";

/** The registry: every rule mllint knows, one line each, in code order. */
export const rules: AnyRule[] = [
  dockerfileSyntax,
  requireNonRootUser,
  requirePinnedBaseImage,
  requireHealthcheck,
  requireExecFormCmd,
  preferCopyOverAdd,
  requireAbsoluteWorkdir,
  noSecretInArgOrEnv,
  noHardcodedCredential,
  requireValidCudaTag,
];
