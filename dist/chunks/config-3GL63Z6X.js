import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{f as a,g as b,h as c,i as d,j as e,k as f,l as g}from"./chunk-Y4VKYCNT.js";import"./chunk-G2C5FWD3.js";export{a as DEFAULT_TEST_GLOBS,b as configFileOf,d as configurableMetas,c as loadConfig,e as schemaFor,g as suppressionSeverity,f as validateConfig};
