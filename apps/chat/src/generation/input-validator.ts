import { Injectable } from '@nestjs/common';
import { InvalidParamError } from '@sluice/contracts';

type FormItem = Record<string, { variable: string; label?: string; required?: boolean; max_length?: number; options?: string[]; default?: unknown }>;

/** Checks `inputs` against the app's user_input_form the way Dify does, and fills defaults. */
@Injectable()
export class InputValidator {
  validate(form: FormItem[] | undefined, raw: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const item of form ?? []) {
      const [kind, spec] = Object.entries(item)[0] ?? [];
      if (!spec?.variable) continue;
      const name = spec.variable;
      let v = raw?.[name];
      if (v === undefined || v === null || v === '') {
        if (spec.required) throw new InvalidParamError(`${name} is required in input form`, { params: `inputs.${name}` });
        v = spec.default ?? (kind === 'number' ? null : '');
        out[name] = v;
        continue;
      }
      switch (kind) {
        case 'text-input':
        case 'paragraph':
          if (typeof v !== 'string') throw new InvalidParamError(`${name} in input form must be a string`, { params: `inputs.${name}` });
          if (spec.max_length && v.length > spec.max_length) {
            throw new InvalidParamError(`${name} in input form must be less than ${spec.max_length} characters`, { params: `inputs.${name}` });
          }
          break;
        case 'select':
          if (typeof v !== 'string' || (spec.options && !spec.options.includes(v))) {
            throw new InvalidParamError(`${name} in input form must be one of the following: ${(spec.options ?? []).join(', ')}`, { params: `inputs.${name}` });
          }
          break;
        case 'number': {
          const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
          if (!Number.isFinite(n)) throw new InvalidParamError(`${name} in input form must be a valid number`, { params: `inputs.${name}` });
          v = n;
          break;
        }
        default:
          break;
      }
      out[name] = v;
    }
    return out;
  }
}
