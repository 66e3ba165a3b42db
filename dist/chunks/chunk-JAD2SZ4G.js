#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
function r(e){let t=e.status??"stable";return{tags:[],aliases:[],fixable:!1,enabledByDefault:t!=="preview",...e,status:t}}var i={info:0,warning:1,error:2};export{r as a,i as b};
