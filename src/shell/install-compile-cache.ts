/** Installs the compile cache in `.compile-cache/` beside the bundle's folder: review-bot's own installed folder. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCompileCache } from './compile-cache.js';

installCompileCache(join(dirname(fileURLToPath(import.meta.url)), '..', '.compile-cache'));
