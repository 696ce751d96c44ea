import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VariableOption } from './graph';

/** Picks a value_selector among the outputs of upstream nodes. */
export function VariablePicker({
  label,
  options,
  value,
  onChange,
  size = 'xs',
}: {
  label: string;
  options: VariableOption[];
  value: string[] | undefined;
  onChange: (v: string[]) => void;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const key = (s: string[]) => s.join('.');
  return (
    <Select
      label={label}
      size={size}
      placeholder={t('wf.pickVariable')}
      searchable
      data={options.map((o) => ({ value: key(o.selector), label: `${o.label} · ${o.type}` }))}
      value={value?.length ? key(value) : null}
      onChange={(v) => onChange(v ? (options.find((o) => key(o.selector) === v)?.selector ?? []) : [])}
      nothingFoundMessage={t('wf.noVariables')}
    />
  );
}
