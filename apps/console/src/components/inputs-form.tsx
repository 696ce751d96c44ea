import { NumberInput, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormItem, formItemParts } from '../apps/api';

/** An app's user input form (Dify's `user_input_form`) as fields; values keyed by variable. */
export function InputsForm({ form, values, onChange }: { form: FormItem[]; values: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  if (!form.length) return null;
  const set = (k: string, v: unknown) => onChange({ ...values, [k]: v });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" data-testid="inputs-form">
      {form.map((item) => {
        const { type, body } = formItemParts(item);
        const label = body.label || body.variable;
        const common = { key: body.variable, label, required: body.required, size: 'sm' as const };
        const value = values[body.variable];
        if (type === 'paragraph')
          return (
            <Textarea
              {...common}
              autosize
              minRows={2}
              maxLength={body.max_length}
              value={String(value ?? '')}
              onChange={(e) => set(body.variable, e.currentTarget.value)}
            />
          );
        if (type === 'select')
          return <Select {...common} data={body.options ?? []} value={(value as string) ?? null} onChange={(v) => set(body.variable, v ?? '')} clearable />;
        if (type === 'number')
          return <NumberInput {...common} value={(value as number) ?? ''} onChange={(v) => set(body.variable, v === '' ? undefined : Number(v))} />;
        if (type === 'file' || type === 'file-list')
          return <TextInput {...common} description={t('inputs.fileHint')} disabled value="" onChange={() => undefined} />;
        return <TextInput {...common} maxLength={body.max_length} value={String(value ?? '')} onChange={(e) => set(body.variable, e.currentTarget.value)} />;
      })}
    </SimpleGrid>
  );
}

export function missingRequired(form: FormItem[], values: Record<string, unknown>): string[] {
  return form
    .map((i) => formItemParts(i).body)
    .filter((b) => b.required && (values[b.variable] === undefined || values[b.variable] === ''))
    .map((b) => b.label || b.variable);
}
