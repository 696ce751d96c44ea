import * as apps from './locales/apps';
import * as core from './locales/core';
import * as knowledge from './locales/knowledge';
import * as teams from './locales/teams';
import * as web from './locales/web';
import * as workflow from './locales/workflow';

export const zh = { ...core.zh, ...apps.zh, ...knowledge.zh, ...workflow.zh, ...web.zh, ...teams.zh };
