import * as apps from './locales/apps';
import * as core from './locales/core';
import * as knowledge from './locales/knowledge';

export const zh = { ...core.zh, ...apps.zh, ...knowledge.zh };
