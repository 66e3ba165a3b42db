#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import{b as a,c as b,d as c,e as d,f as e,g as f,h as g}from"./chunk-VGKAZZ7G.js";import"./chunk-YGJKINQI.js";export{a as MAX_FILE_BYTES,b as classifyByName,c as classifyYaml,d as discover,f as findRepositoryRoot,g as readReferenced,e as readSource};
