import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{c as a,d as b,e as c}from"./chunk-WDOP72DX.js";import"./chunk-LZXITYOL.js";import"./chunk-PGHNBDLJ.js";import"./chunk-5URS5XT5.js";import"./chunk-QF6RU4Z5.js";import"./chunk-SBJWB2XX.js";import"./chunk-G2C5FWD3.js";export{a as analyse,b as analyseView,c as configureRules};
