import { createRequire as __rbCreateRequire } from 'node:module';
import { fileURLToPath as __rbFileURLToPath } from 'node:url';
import { dirname as __rbDirname } from 'node:path';
const require = __rbCreateRequire(import.meta.url);
const __filename = __rbFileURLToPath(import.meta.url);
const __dirname = __rbDirname(__filename);
import{e as a}from"./chunk-WDOP72DX.js";import"./chunk-LZXITYOL.js";import"./chunk-PGHNBDLJ.js";import{d as f,f as r,g as l,m}from"./chunk-5URS5XT5.js";import"./chunk-QF6RU4Z5.js";import"./chunk-SBJWB2XX.js";import"./chunk-G2C5FWD3.js";function w(e,t,u){let p=new Map(a(t,e,{}).map(o=>[o.rule.meta.id,o])),i={};for(let o of[...t].sort((n,s)=>n.meta.id<s.meta.id?-1:1)){let n=o.meta.id,s=e.rules[n],y=typeof s=="object"?s.options??{}:{};i[n]={severity:p.get(n)?.severity??"off",options:{...R(o),...y}}}i[f.id]={severity:m(e)??"off",options:{}};let c=e.tests??l,d={rules:i,ignore:e.ignore??[],tests:c,generated:e.generated??[],entryPoints:e.settings.entryPoints??[],locks:e.settings.locks??[]};return u===void 0?d:{file:g(e,u),...d}}function g(e,t){return{path:t,ignored:r(e.ignore??[]).matches(t),generated:r(e.generated??[]).matches(t),test:r(e.tests??l).matches(t)}}function R(e){let t=e.meta.options.defaults;return typeof t=="object"&&t!==null?{...t}:{}}export{w as effectiveConfig};
