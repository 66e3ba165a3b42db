#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import{a as o,b as r,c as s}from"./chunk-KI45AADW.js";import"./chunk-5TT732UF.js";import"./chunk-YGJKINQI.js";function l(e){let{line:n,column:i}=o(e.file,e.span);return{file:e.file.path,line:n,column:i,message:e.message}}function a(e){let n=o(e.file,e.span);return{rule:e.rule.code,name:e.rule.name,aliases:[...e.rule.aliases],severity:e.severity,category:e.rule.category,message:e.message,file:e.file.path,line:n.line,column:n.column,endLine:n.endLine,endColumn:n.endColumn,related:e.related.map(l),fixable:e.fix!==void 0}}function m(e,n){return{version:1,tool:{name:"mllint",version:n.toolVersion},findings:r(e.findings).map(a),files:e.files.map(({path:i,kind:t})=>({path:i,kind:t})),summary:{files:e.files.length,...s(e.findings)}}}function g(e,n){return`${JSON.stringify(m(e,n),null,2)}
`}export{g as formatJson,m as toJsonReport};
