#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import{c as a,d as b,e as c,f as d,g as e,h as f,i as g}from"./chunk-CUNMOLKP.js";import"./chunk-YGJKINQI.js";export{a as MAX_FILE_BYTES,b as classifyByName,c as classifyYaml,d as discover,f as findRepositoryRoot,g as readReferenced,e as readSource};
