import * as apps from './locales/apps';
import * as core from './locales/core';
import * as knowledge from './locales/knowledge';
import * as teams from './locales/teams';
import * as web from './locales/web';
import * as workflow from './locales/workflow';

export const en = { ...core.en, ...apps.en, ...knowledge.en, ...workflow.en, ...web.en, ...teams.en };
