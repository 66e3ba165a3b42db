#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import{b as a}from"./chunk-O5H6IZ3I.js";import"./chunk-YGJKINQI.js";export{a as RuleNames};
