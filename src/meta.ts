import pkg from '../package.json' with { type: 'json' };

/** The tool's name and version, as every report states them. */
export const TOOL = { name: 'review-bot', version: pkg.version } as const;
