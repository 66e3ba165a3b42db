/**
 * What gives a container power over its host: Linux capabilities beyond Docker's default set, host paths whose
 * contents are secrets or control the machine, and container-runtime sockets. Shared by the compose and
 * Kubernetes rules (`cap_add` / `capabilities.add`, bind mounts / `hostPath`).
 */

// Capabilities Docker leaves out of its default set for a reason (capabilities(7), Docker's security docs).
const dangerousCapabilities = new Map<string, string>(
  Object.entries({
    ALL: "every capability, nearly the same as `privileged: true`",
    SYS_ADMIN: "mounts, namespaces and cgroups, the usual container escape",
    SYS_MODULE: "loading modules into the host's kernel",
    SYS_PTRACE: "reading and rewriting the memory of other processes",
    SYS_RAWIO: "raw access to host devices and memory",
    SYS_BOOT: "rebooting the host",
    SYS_TIME: "setting the host's clock",
    NET_ADMIN: "reconfiguring interfaces, routes and firewall rules",
    DAC_READ_SEARCH: "reading any host file by handle (the `shocker` escape)",
    BPF: "loading eBPF programs into the host's kernel",
    MAC_ADMIN: "changing the AppArmor/SELinux policy that confines containers",
    MAC_OVERRIDE: "bypassing the AppArmor/SELinux policy that confines containers",
    IPC_LOCK: "locking unbounded memory, which only RDMA/InfiniBand needs",
  }),
);

/** A capability name as Docker accepts it (`sys_admin`, `CAP_SYS_ADMIN`), in the canonical form `SYS_ADMIN`. */
export function canonicalCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, "");
}

/** What adding the capability allows (a noun phrase), when it is one of the dangerous ones. */
export function dangerousCapability(name: string): string | undefined {
  return dangerousCapabilities.get(canonicalCapability(name));
}

// Host directories that are the machine itself: mounting one (even read-only) hands its contents to the container.
const sensitiveDirectories = new Map<string, string>(
  Object.entries({
    "/": "the host's whole filesystem",
    "/etc": "the host's configuration, password hashes included",
    "/root": "root's home directory, with its SSH keys and cloud credentials",
    "/home": "every user's home directory, with their SSH keys and cloud credentials",
    "/proc": "the host's processes",
    "/sys": "the host kernel's settings and devices",
    "/boot": "the host's kernel and boot loader",
    "/dev": "every host device",
    "/usr": "the host's programs",
    "/bin": "the host's programs",
    "/sbin": "the host's programs",
    "/lib": "the host's libraries",
    "/var": "the host's state, container storage included",
    "/var/lib": "the host's state, container storage included",
    "/run": "the host's runtime sockets, the Docker socket included",
    "/var/run": "the host's runtime sockets, the Docker socket included",
  }),
);

// Trees whose every file is sensitive.
const sensitiveTrees: [string, string][] = [
  ["/var/lib/docker", "Docker's storage: every image, container and volume"],
  ["/var/lib/containerd", "containerd's storage: every image and container"],
  ["/var/lib/kubelet", "the kubelet's state, pod secrets included"],
  ["/etc/kubernetes", "the cluster's credentials"],
  ["/etc/ssh", "the host's SSH keys"],
  ["/etc/shadow", "the host's password hashes"],
  ["/etc/sudoers", "the host's sudo rules"],
];

// Credential directories in a home directory (`~/.ssh`, `/home/me/.aws`).
const credentialDirectory =
  /^(?:~|\/root|\/home\/[^/]+|\/Users\/[^/]+)\/\.(ssh|aws|azure|kube|docker|gnupg|config\/gcloud)(?:\/|$)/;

/** Why mounting host path `source` is dangerous, or undefined when it is not a known sensitive path. */
export function sensitiveHostPath(source: string): string | undefined {
  const path = source.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
  const directory = sensitiveDirectories.get(path);
  if (directory) return directory;
  const tree = sensitiveTrees.find(([root]) => path === root || path.startsWith(`${root}/`));
  if (tree) return tree[1];
  const credentials = credentialDirectory.exec(path);
  return credentials ? `the ~/.${credentials[1]} credentials` : undefined;
}

// Sockets of container runtimes: whoever can write to one starts privileged containers on the host.
const runtimeSocket = /(?:^|\/)(docker|containerd|podman|crio|cri-dockerd)\.sock$/;

/** The runtime whose API socket `source` is (`docker` for `/var/run/docker.sock`), or undefined. */
export function runtimeSocketOf(source: string): string | undefined {
  return runtimeSocket.exec(source.replace(/\/+$/, ""))?.[1];
}
