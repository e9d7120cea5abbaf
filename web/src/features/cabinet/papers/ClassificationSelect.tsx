import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, type Classification } from './papers.api.js';

/** Độ mật, as a native select: one keyboard-friendly control on every phone. */
export function ClassificationSelect({
  value,
  onChange,
}: {
  value: Classification;
  onChange: (value: Classification) => void;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('cabinetPapers.classification.label')}
      value={value}
      onChange={(e) => {
        const next = CLASSIFICATIONS.find((c) => c === e.currentTarget.value);
        if (next) onChange(next);
      }}
      data={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`cabinetPapers.classification.${c}`) }))}
    />
  );
}
