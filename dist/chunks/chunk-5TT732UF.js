#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
function i(e){let t=e.status??"stable";return{tags:[],aliases:[],fixable:!1,enabledByDefault:t!=="preview",...e,status:t}}var n={info:0,warning:1,error:2};function o(e,t){return r(e.file.path,t.file.path)||e.span.start-t.span.start||e.span.end-t.span.end||r(e.rule.code,t.rule.code)||r(e.message,t.message)}function r(e,t){return e<t?-1:e>t?1:0}export{i as a,n as b,o as c};
