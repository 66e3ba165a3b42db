#!/usr/bin/env node
import { createRequire as __mllintRequire } from 'node:module';
const require = __mllintRequire(import.meta.url);
import{c as a,d as b,e as c,f as d,g as e,h as f}from"./chunk-4PYQKBZI.js";import"./chunk-O5H6IZ3I.js";import"./chunk-YGJKINQI.js";export{b as CONFIG_FILE_NAMES,a as ConfigError,d as discoverConfigFiles,c as loadConfig,e as readConfigFile,f as resolveConfig};
