import { ActionIcon, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormItem, formItemParts } from './api';

const TYPES = ['text-input', 'paragraph', 'select', 'number', 'file'] as const;

/** Edits Dify's `user_input_form`: one item per variable, keyed by its type. */
export function FormEditor({ value, onChange }: { value: FormItem[]; onChange: (v: FormItem[]) => void }) {
  const { t } = useTranslation();
  const update = (i: number, type: string, body: FormItem[string]) => onChange(value.map((x, j) => (j === i ? { [type]: body } : x)));
  const add = () => {
    let n = value.length + 1;
    const taken = new Set(value.map((x) => formItemParts(x).body.variable));
    while (taken.has(`var_${n}`)) n++;
    onChange([...value, { 'text-input': { label: `var_${n}`, variable: `var_${n}`, required: false, max_length: 48 } }]);
  };
  return (
    <Stack gap="xs" data-testid="form-editor">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('config.noVariables')}
        </Text>
      )}
      {value.map((item, i) => {
        const { type, body } = formItemParts(item);
        return (
          <Paper key={i} withBorder p="xs">
            <Group align="flex-end" gap="xs" wrap="wrap">
              <Select
                label={t('config.varType')}
                w={130}
                size="xs"
                allowDeselect={false}
                data={TYPES.map((x) => ({ value: x, label: t(`config.types.${x}`) }))}
                value={type}
                onChange={(v) => v && update(i, v, body)}
              />
              <TextInput
                label={t('config.varName')}
                size="xs"
                w={130}
                value={body.variable}
                onChange={(e) => update(i, type, { ...body, variable: e.currentTarget.value })}
              />
              <TextInput
                label={t('config.varLabel')}
                size="xs"
                w={150}
                value={body.label}
                onChange={(e) => update(i, type, { ...body, label: e.currentTarget.value })}
              />
              {(type === 'text-input' || type === 'paragraph') && (
                <NumberInput
                  label={t('config.maxLength')}
                  size="xs"
                  w={100}
                  min={1}
                  value={body.max_length ?? ''}
                  onChange={(v) => update(i, type, { ...body, max_length: v === '' ? undefined : Number(v) })}
                />
              )}
              <Checkbox
                label={t('config.required')}
                size="xs"
                mb={6}
                checked={!!body.required}
                onChange={(e) => update(i, type, { ...body, required: e.currentTarget.checked })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={2}
                aria-label={t('config.removeVariable', { name: body.variable })}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                ✕
              </ActionIcon>
            </Group>
            {type === 'select' && (
              <TagsInput
                mt="xs"
                size="xs"
                label={t('config.options')}
                value={body.options ?? []}
                onChange={(options) => update(i, type, { ...body, options })}
              />
            )}
          </Paper>
        );
      })}
      <Button variant="light" size="xs" onClick={add} w="fit-content">
        {t('config.addVariable')}
      </Button>
    </Stack>
  );
}
