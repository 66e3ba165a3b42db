/** A pip requirements file, read for the package names it installs (versions, markers and options set aside). */

// pip's normalised project name: letters, digits, `.`, `_`, `-`; `_` and `.` compare equal to `-`.
const projectName = /^([A-Za-z0-9][A-Za-z0-9._-]*)/;

export function requirementNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    // Options (`-r other.txt`, `--index-url`, `-e .`) and direct URLs or paths name no project by themselves.
    if (line === "" || line.startsWith("-") || /^[a-z+]+:\/\//i.test(line) || /^[./]/.test(line)) continue;
    const match = projectName.exec(line);
    if (match) names.push(match[1]!.toLowerCase().replace(/[._]+/g, "-"));
  }
  return names;
}
