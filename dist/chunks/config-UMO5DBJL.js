import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{b as a,c as b,d as c,e as d,f as e,g as f}from"./chunk-HID7DUWO.js";import"./chunk-WKPEGLMG.js";import"./chunk-G2C5FWD3.js";export{a as DEFAULT_TEST_GLOBS,c as configurableMetas,b as loadConfig,d as schemaFor,f as suppressionSeverity,e as validateConfig};
