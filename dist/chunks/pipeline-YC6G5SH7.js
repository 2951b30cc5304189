import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{c as a,d as b,e as c}from"./chunk-AQ4YZEGR.js";import"./chunk-IA67C4UC.js";import"./chunk-Z2NP5HCC.js";import"./chunk-Z55WJYQG.js";import"./chunk-QF6RU4Z5.js";import"./chunk-UXKQSVXG.js";import"./chunk-WKPEGLMG.js";import"./chunk-HBNZOGT3.js";import"./chunk-5KFWJ5ZZ.js";export{a as analyse,b as analyseView,c as configureRules};
