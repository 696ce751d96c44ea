import * as apps from './locales/apps';
import * as core from './locales/core';

export const zh = { ...core.zh, ...apps.zh };
