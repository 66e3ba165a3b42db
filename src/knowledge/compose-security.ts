/**
 * What the compose security rules share: a value's text as written (a `${VAR}` stays a reference even when the
 * `.env` beside the file sets it, because the secret then lives in `.env`), one report per written span (a setting
 * in an anchor that several services merge is one mistake, reported once at the anchor), RDMA use, bind-mount
 * sources, the switches that turn a service's authentication off, and ports published on every host interface with
 * the finding and loopback fix the two port rules share.
 */
import type { ComposeFile, ComposeService, Mount, Port } from "../model/compose.js";
import type { Edit, Report } from "../rule.js";
import type { SourceFile, Span } from "../source.js";
import { authDisablingOption, authDisablingVariable } from "./authentication.js";
import { isAllInterfaces, portRange, quoteOf } from "./compose.js";
import { envEntry } from "./compose-ml.js";
import { serviceImage } from "./compose-services.js";
import { authenticationOf, type Listener, listenerIn, type ServicePort } from "./network-services.js";

/** A scalar's source text without its quotes, and the offset where that text starts. */
export interface Written {
  text: string;
  start: number;
}

/** The text of a value as written in the file: not interpolated, quotes removed, escapes left as they are. */
export function writtenText(file: SourceFile, span: Span): Written {
  const raw = file.slice(span);
  const quote = quoteOf(file, span);
  if (quote && raw.length >= 2 && raw.endsWith(quote))
    return { text: raw.slice(1, -1), start: span.start + 1 };
  return { text: raw, start: span.start };
}

/** True when the text interpolates a variable (`${VAR}`, `$VAR`); `$$` is a literal dollar sign. */
export function interpolates(text: string): boolean {
  return /(?<!\$)(?:\$\$)*\$[{A-Za-z_]/.test(text);
}

/** Wraps `report` so that a second report at the same span is dropped. */
export function oncePerSpan(report: (report: Report) => void): (report: Report) => void {
  const seen = new Set<string>();
  return (finding) => {
    const key = `${finding.at.start}:${finding.at.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(finding);
  };
}

/**
 * True when the service uses RDMA (InfiniBand/RoCE): it maps `/dev/infiniband`, or configures NCCL's InfiniBand
 * transport or UCX without `NCCL_IB_DISABLE=1`. RDMA registers (locks) memory, so it legitimately needs IPC_LOCK.
 */
export function usesRdma(service: ComposeService): boolean {
  const infiniband = (path: string | undefined) => path?.startsWith("/dev/infiniband") ?? false;
  if (service.devices.some((device) => infiniband(device.value))) return true;
  if (service.volumes.some((mount) => infiniband(mount.source))) return true;
  const env = service.environment;
  if (env.some((e) => e.name === "NCCL_IB_DISABLE" && e.value?.value.trim() === "1")) return false;
  return env.some((e) => /^(NCCL_IB_|UCX_)/.test(e.name));
}

/** The host side of a bind mount as written (`/etc` in `- /etc:/host/etc:ro`); the whole item in long syntax. */
export function mountSourceSpan(file: SourceFile, mount: Mount): Span {
  const written = writtenText(file, mount.span);
  if (mount.syntax === "long" || !mount.source || !written.text.startsWith(mount.source)) return mount.span;
  return { start: written.start, end: written.start + mount.source.length };
}

/** The host path a bind mount shares; undefined for volumes, tmpfs and anonymous mounts. */
export function bindSource(mount: Mount): string | undefined {
  return mount.type === "bind" ? mount.source : undefined;
}

/** Where the service's settings or command turn its authentication off, and what each does. */
export function authenticationOff(service: ComposeService): { at: Span; what: string }[] {
  const found: { at: Span; what: string }[] = [];
  for (const entry of service.environment) {
    const value = entry.value;
    if (!value || value.unresolved.length > 0) continue;
    const what = authDisablingVariable(entry.name, value.value);
    if (what) found.push({ at: value.span.start < value.span.end ? value.span : entry.span, what });
  }
  const words = [...(service.entrypoint?.words ?? []), ...(service.command?.words ?? [])];
  const option = authDisablingOption(words);
  if (option) found.push({ at: option.word.span, what: option.what });
  return found;
}

/** How the back-end on `port` authenticates clients with the service's environment (an empty value sets nothing). */
export function serviceAuthentication(service: ComposeService, port: ServicePort): string {
  const words = service.command?.words.map((word) => word.value) ?? [];
  return authenticationOf(
    port,
    (name) => {
      const entry = envEntry(service, name);
      return entry !== undefined && entry.value?.value !== "";
    },
    (flag) => words.some((word) => word === flag || word.startsWith(`${flag}=`)),
  );
}

/** A port published on every host interface, and the catalogued back-end listening there, if known. */
export interface OpenPort {
  published: Port;
  listener?: Listener;
}

/** The service's ports bound on every host interface (no host IP, `0.0.0.0`, `::`). */
function openPorts(service: ComposeService): OpenPort[] {
  const image = serviceImage(service)?.repository;
  return service.ports.flatMap((published) => {
    if (!isAllInterfaces(published.hostIp)) return [];
    const range = portRange(published.containerPort);
    return [{ published, listener: range && listenerIn(image, range.from, range.to) }];
  });
}

/**
 * Reports each port published on every interface for which `why` gives a reason (a port inherited through an
 * anchor once). The two port rules differ only in that reason.
 */
export function reportOpenPorts(
  model: ComposeFile,
  report: (report: Report) => void,
  why: (service: ComposeService, open: OpenPort) => string | undefined,
): void {
  const once = oncePerSpan(report);
  for (const service of model.services) {
    for (const open of openPorts(service)) {
      const reason = why(service, open);
      if (reason) once(openPortReport(model.file, service, open, reason));
    }
  }
}

/** The finding for a port open on every interface: what listens, `why` it matters, and the loopback fix. */
function openPortReport(
  file: SourceFile,
  service: ComposeService,
  { published, listener }: OpenPort,
  why: string,
): Report {
  const port = listener?.port;
  const what = !port
    ? `container port ${published.containerPort}`
    : listener.byImage
      ? `${port.what} (container port ${port.port})`
      : `container port ${port.port}, ${port.what}'s default,`;
  const loopback = loopbackBinding(file, published);
  const bound = loopback ? `\`${loopback.text}\`` : "`host_ip: 127.0.0.1`";
  const internal = `${service.name}:${port?.port ?? published.containerPort}`;
  return {
    message: `\`${service.name}\` publishes ${what} on every host interface: ${why}. Bind it to 127.0.0.1 (${bound}) or drop \`ports:\` — other services reach it as \`${internal}\``,
    at: published.span,
    fix: loopback && { title: "Bind the port to 127.0.0.1", safety: "unsafe", edits: [loopback.edit] },
  };
}

/**
 * The short-syntax port rewritten to bind 127.0.0.1 (`"6379:6379"` -> `127.0.0.1:6379:6379`; `0.0.0.0:` and
 * `[::]:` replaced): the edit and the new text. Undefined for the long syntax or a port written with variables.
 */
function loopbackBinding(file: SourceFile, port: Port): { edit: Edit; text: string } | undefined {
  const written = writtenText(file, port.span);
  if (port.syntax !== "short" || written.text.includes("$")) return undefined;
  const address = written.text.replace(/\/.*$/, "");
  const host = address.slice(0, Math.max(0, address.lastIndexOf(":")));
  // Replace the host IP, or insert one (with an empty host port when none was written: `127.0.0.1::6379`).
  const ipLength = port.hostIp === undefined ? 0 : host.lastIndexOf(":");
  const text = port.hostIp !== undefined ? "127.0.0.1" : address.includes(":") ? "127.0.0.1:" : "127.0.0.1::";
  return {
    edit: { span: { start: written.start, end: written.start + ipLength }, text },
    text: text + written.text.slice(ipLength),
  };
}
