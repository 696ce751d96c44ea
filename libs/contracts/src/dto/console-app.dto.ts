import { z } from 'zod';

/** Dify's web app languages (`default_language` of a site). */
export const SITE_LANGUAGES = [
  'en-US',
  'zh-Hans',
  'zh-Hant',
  'pt-BR',
  'es-ES',
  'fr-FR',
  'de-DE',
  'ja-JP',
  'ko-KR',
  'ru-RU',
  'it-IT',
  'uk-UA',
  'vi-VN',
  'pl-PL',
  'ro-RO',
  'tr-TR',
  'fa-IR',
  'hi-IN',
  'sl-SI',
  'th-TH',
  'id-ID',
  'ar-TN',
] as const;

const text = (max: number) => z.string().max(max).nullish();

/** `POST /console/api/apps/{id}/site`: every field optional; only those sent change. */
export const siteUpdateSchema = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(255).optional(),
  icon_type: z.enum(['emoji', 'image']).nullish(),
  icon: text(255),
  icon_background: text(255),
  description: text(4000),
  default_language: z.enum(SITE_LANGUAGES, { errorMap: () => ({ message: `default_language must be one of ${SITE_LANGUAGES.join(', ')}` }) }).optional(),
  chat_color_theme: z
    .string()
    .regex(/^#[0-9A-Fa-f]{3,8}$/, 'chat_color_theme must be a hex colour like #1C64F2')
    .nullish(),
  chat_color_theme_inverted: z.boolean().optional(),
  customize_domain: text(255),
  copyright: text(255),
  privacy_policy: text(1024),
  custom_disclaimer: text(512),
  customize_token_strategy: z.enum(['must', 'allow', 'not_allow']).optional(),
  prompt_public: z.boolean().optional(),
  show_workflow_steps: z.boolean().optional(),
  use_icon_as_answer_icon: z.boolean().optional(),
});
export type SiteUpdate = z.infer<typeof siteUpdateSchema>;

export const siteEnableSchema = z.object({ enable_site: z.boolean({ required_error: 'enable_site is required' }) });
export const apiEnableSchema = z.object({ enable_api: z.boolean({ required_error: 'enable_api is required' }) });

/** `POST /console/api/apps/{id}/copy`: the copy's name and icon; defaults to "<name> (copy)". */
export const copyAppSchema = z.object({
  name: z.string().trim().min(1).max(255).nullish(),
  description: z.string().max(4000).nullish(),
  icon_type: z.string().nullish(),
  icon: z.string().max(255).nullish(),
  icon_background: z.string().max(255).nullish(),
});
