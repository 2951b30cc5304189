import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{g as a,h as b,i as c,j as d,k as e,l as f,m as g}from"./chunk-5URS5XT5.js";import"./chunk-G2C5FWD3.js";export{a as DEFAULT_TEST_GLOBS,b as configFileOf,d as configurableMetas,c as loadConfig,e as schemaFor,g as suppressionSeverity,f as validateConfig};
