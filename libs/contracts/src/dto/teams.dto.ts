import { z } from 'zod';
import { WORKSPACE_ROLES } from '../roles';

const email = z.string().trim().email('email must be a valid email address').max(255);
export const passwordSchema = z.string().min(8, 'password must be at least 8 characters').max(128);
const name = z.string().trim().min(1, 'name is required').max(100);
/** Dify's interface languages look like `en-US`, `zh-Hans`. */
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'interface_language must be a language tag such as en-US');
const timezone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'timezone must be an IANA time zone such as Asia/Shanghai');

export const registerSchema = z.object({
  email,
  name,
  password: passwordSchema,
  interface_language: language.optional(),
  timezone: timezone.optional(),
});

export const profileUpdateSchema = z
  .object({ name: name.optional(), interface_language: language.optional(), timezone: timezone.optional(), avatar: z.string().max(255).nullish() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to update' });

/** Dify: `password` (current), `new_password`, `repeat_new_password`. */
export const passwordChangeSchema = z.object({
  password: z.string().min(1, 'password is required'),
  new_password: passwordSchema,
  repeat_new_password: z.string(),
});

export const workspaceNameSchema = z.object({ name: z.string().trim().min(1, 'name is required').max(100) });
export const workspaceSwitchSchema = z.object({ tenant_id: z.string().uuid('tenant_id must be a workspace id') });

const invitableRole = z.enum(['admin', 'editor', 'normal', 'dataset_operator'], {
  errorMap: () => ({ message: 'role must be one of admin, editor, normal, dataset_operator' }),
});
export const inviteSchema = z.object({
  emails: z.array(email).min(1, 'emails is required').max(100),
  role: invitableRole,
  language: z.string().max(20).nullish(),
});
export const roleUpdateSchema = z.object({
  role: z.enum(WORKSPACE_ROLES, { errorMap: () => ({ message: `role must be one of ${WORKSPACE_ROLES.join(', ')}` }) }),
});
export const ownerTransferSchema = z.object({ password: z.string().min(1, 'password is required (confirm the transfer)') });

export const forgotPasswordSchema = z.object({ email, language: z.string().max(20).nullish() });
export const tokenCheckSchema = z.object({
  token: z.string().min(1, 'token is required').max(200),
  email: email.nullish(),
  workspace_id: z.string().nullish(),
});
export const passwordResetSchema = z.object({
  token: z.string().min(1, 'token is required').max(200),
  new_password: passwordSchema,
  password_confirm: z.string(),
});
export const activateSchema = z.object({
  token: z.string().min(1, 'token is required').max(200),
  email: email.nullish(),
  workspace_id: z.string().nullish(),
  name,
  password: passwordSchema,
  interface_language: language.nullish(),
  timezone: timezone.nullish(),
});
