import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
var r=["correctness","suspicious","style","docs","complexity","concurrency","security","tests"],i={defaults:{},schema:{type:"object",properties:{},additionalProperties:!1}};function o(e){return{meta:e.meta,run:(t,n)=>e.check({...t,options:{...e.meta.options.defaults,...n}})}}export{r as a,i as b,o as c};
