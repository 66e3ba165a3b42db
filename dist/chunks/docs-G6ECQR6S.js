#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import"./chunk-YGJKINQI.js";function l(n){let a=n.map(e=>({code:e.code,name:e.name,target:e.target,category:e.category,severity:e.severity,status:e.status,tags:e.tags,aliases:e.aliases,summary:e.docs.summary,fixable:e.fixable,enabledByDefault:e.enabledByDefault}));return`${JSON.stringify(a,null,2)}
`}function $(n){let a=Math.max(...n.map(e=>e.name.length));return n.map(e=>`${e.code.padEnd(6)} ${e.name.padEnd(a)}  ${e.severity.padEnd(7)}  ${e.docs.summary}
`).join("")}function r(n){let a=t=>t.replaceAll("|","\\|");return["| Code | Name | Severity | Category | Fix | What it checks | Peer ids |","| --- | --- | --- | --- | --- | --- | --- |",...n.map(t=>`| ${t.code} | \`${t.name}\` | ${t.enabledByDefault?t.severity:`${t.severity} (opt-in)`} | ${t.category} | ${t.fixable?"\u{1F527}":""} | ${a(t.docs.summary)} | ${t.aliases.map(s=>`\`${s}\``).join(" ")} |`)].join(`
`)}function m(n){let a=[`# ${n.code} ${n.name}`,`${n.docs.summary}

Severity: ${n.severity} \xB7 Category: ${n.category}${n.tags.length?` \xB7 Tags: ${n.tags.join(", ")}`:""}${n.status==="preview"?" \xB7 Preview":""}${n.enabledByDefault?"":" \xB7 Off unless configured"}${n.fixable?" \xB7 Autofix available":""}`,`## Why is this bad?

${n.docs.why}`],e=n.docs.examples.filter(s=>s.kind==="invalid"),t=n.docs.examples.filter(s=>s.kind==="valid");return e.length&&a.push(`## Example

${e.map(s=>o(s,n)).join(`

`)}`),t.length&&a.push(`## Use instead

${t.map(s=>o(s,n)).join(`

`)}`),n.docs.fix&&a.push(`## How to fix

${n.docs.fix}`),n.aliases.length&&a.push(`## Same check in other tools

${n.aliases.map(s=>`- \`${s}\``).join(`
`)}`),n.docs.references?.length&&a.push(`## References

${n.docs.references.map(s=>`- ${s}`).join(`
`)}`),`${a.join(`

`)}
`}function o(n,a){let e=typeof n.files=="string"?{"":n.files}:n.files,t=a.target==="dockerfile"?"dockerfile":"yaml",s=n.options?`With options \`${JSON.stringify(n.options)}\`:

`:"",c=Object.entries(e).map(([i,d])=>{let f=i?/\.ya?ml$/.test(i)?"yaml":/ockerfile/.test(i)?"dockerfile":"":t;return`${i?`\`${i}\`:
`:""}\`\`\`${f}
${d.trimEnd()}
\`\`\``});return s+c.join(`

`)}export{m as explainMarkdown,l as rulesJson,r as rulesMarkdown,$ as rulesText};
