import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{c as a,d as b,e as c}from"./chunk-FSTROWFS.js";import"./chunk-K6ZI7MUG.js";import"./chunk-WTF2F4WX.js";import"./chunk-Y4VKYCNT.js";import"./chunk-QF6RU4Z5.js";import"./chunk-UXKQSVXG.js";import"./chunk-SBJWB2XX.js";import"./chunk-G2C5FWD3.js";export{a as analyse,b as analyseView,c as configureRules};
