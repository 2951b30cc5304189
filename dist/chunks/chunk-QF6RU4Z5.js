import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
function u(n,r){return n.replace(/\{\{\s*(\w+)\s*\}\}/g,(s,e)=>{let i=r[e];if(i===void 0)throw new Error(`message placeholder {{${e}}} has no data`);return String(i)})}function l(n,r){return t(n.file,r.file)||n.line-r.line||n.column-r.column||t(n.ruleId,r.ruleId)||t(n.message,r.message)}function t(n,r){return n<r?-1:n>r?1:0}import{createHash as o}from"node:crypto";function m(n,r,s,e,i){let g=o("sha256");return g.update([n,r,s,e,String(i)].join("\0")),g.digest("hex").slice(0,20)}export{m as a,u as b,l as c};
