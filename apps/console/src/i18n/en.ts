import * as apps from './locales/apps';
import * as core from './locales/core';

export const en = { ...core.en, ...apps.en };
