#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import{a as u,b as c,e as f}from"./chunk-KI45AADW.js";import"./chunk-5TT732UF.js";import"./chunk-YGJKINQI.js";import*as m from"node:path";import{pathToFileURL as d}from"node:url";var $="https://json.schemastore.org/sarif-2.1.0.json",L="https://github.com/mllint/mllint",v="https://github.com/mllint/mllint/blob/main/docs/rules.md",g="%SRCROOT%",M=255,p=1024,w=20,h={error:"error",warning:"warning",info:"note"},C={error:"8.1",warning:"5.3",info:"2.1"};function l(e,t){return e.length<=t?e:`${e.slice(0,t-1)}\u2026`}function O(e){return e.split("-").map(t=>t.charAt(0).toUpperCase()+t.slice(1)).join("")}function b(e,t){return t===void 0?e.target==="dockerfile"?"dockerfile":"":/\.ya?ml$/i.test(t)?"yaml":/dockerfile|containerfile/i.test(t)?"dockerfile":""}function j(e,t){let n=Math.max(2,...(e.match(/`+/g)??[]).map(i=>i.length)),r="`".repeat(n+1);return`${r}${t}
${e.replace(/\n$/,"")}
${r}`}function y(e){return typeof e.files=="string"?[[void 0,e.files]]:Object.entries(e.files)}function D(e,t){return y(t).map(([n,r])=>{let i=j(r,b(e,n));return n===void 0?i:`\`${n}\`:

${i}`}).join(`

`)}function U(e){return y(e).map(([t,n])=>(t===void 0?n:`${t}:
${n}`).replace(/\n$/,"")).join(`

`)}function R(e){let t=e.docs.examples.find(r=>r.kind==="invalid"),n=e.docs.examples.find(r=>r.kind==="valid");return[...t?[{label:"Problem",example:t}]:[],...n?[{label:"Fixed",example:n}]:[]]}function I(e){let{summary:t,why:n,fix:r}=e.docs,i=[t,n];r&&i.push(`How to fix: ${r}`);for(let{label:o,example:s}of R(e))i.push(`${o}:
${U(s)}`);return i.join(`

`)}function B(e){let{summary:t,why:n,fix:r,references:i}=e.docs,o=[`**${t}**`,n];r&&o.push(`### How to fix

${r}`);for(let{label:s,example:a}of R(e))o.push(`### ${s}

${D(e,a)}`);return i?.length&&o.push(`### References

${i.map(s=>`- <${s}>`).join(`
`)}`),o.join(`

`)}function E(e){let t=[e.category,...e.tags];return e.category==="security"&&t.push("security"),[...new Set(t)].slice(0,w)}function F(e){let t={tags:E(e),precision:"high"};return e.category==="security"&&(t["security-severity"]=C[e.severity]),e.aliases.length>0&&(t.aliases=[...e.aliases]),t}function P(e){return{id:e.code,name:l(O(e.name),M),shortDescription:{text:l(e.docs.summary,p)},fullDescription:{text:l(`${e.docs.summary} ${e.docs.why}`,p)},help:{text:I(e),markdown:B(e)},helpUri:`${v}#${e.code.toLowerCase()}`,defaultConfiguration:{level:h[e.severity],...e.enabledByDefault?{}:{enabled:!1}},properties:F(e)}}function k(e){return e.split("/").map(encodeURIComponent).join("/")}function A(e){let t=d(e).href;return t.endsWith("/")?t:`${t}/`}function T(e,t){let n=f(e.path,t);return n===void 0?{uri:d(m.resolve(t.cwd,e.path)).href}:{uri:k(n),uriBaseId:g}}function _(e,t){let{line:n,column:r,endLine:i,endColumn:o}=u(e,t),s=n===i&&r===o,a=e.text.codePointAt(t.start),x=a!==void 0&&a>65535?2:1;return{startLine:n,startColumn:r,endLine:i,endColumn:s?o+x:o}}function S(e,t,n){return{artifactLocation:T(e,n),region:_(e,t)}}function N(e,t,n){return{id:t+1,physicalLocation:S(e.file,e.span,n),message:{text:e.message}}}function V(e,t,n){let r={ruleId:e.rule.code,ruleIndex:t,level:h[e.severity],message:{text:e.message},locations:[{physicalLocation:S(e.file,e.span,n)}]};return e.related.length>0&&(r.relatedLocations=e.related.map((i,o)=>N(i,o,n))),r}function H(e){let t=[...e.rules],n=new Set(t.map(r=>r.code));for(let{rule:r}of c(e.findings))n.has(r.code)||(n.add(r.code),t.push(r));return t}function X(e,t){let n=H(e),r=new Map(n.map((o,s)=>[o.code,s])),i={tool:{driver:{name:"mllint",version:t.toolVersion,semanticVersion:t.toolVersion,informationUri:L,rules:n.map(P)}},results:c(e.findings).map(o=>V(o,r.get(o.rule.code),t)),columnKind:"utf16CodeUnits",originalUriBaseIds:{[g]:{uri:A(t.root)}}};return t.category!==void 0&&(i.automationDetails={id:t.category.endsWith("/")?t.category:`${t.category}/`}),{$schema:$,version:"2.1.0",runs:[i]}}function J(e,t){return`${JSON.stringify(X(e,t),null,2)}
`}export{J as formatSarif,X as toSarifLog};
