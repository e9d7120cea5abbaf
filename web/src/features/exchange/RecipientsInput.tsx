import { TagsInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAgencySearch } from '../identity/admin/agencies.api.js';

/** What an agency identifier code is made of (000.00.00.G22, H41.01, …): no blanks, no diacritics. */
const CODE_LIKE = /^[0-9A-Za-z.]+$/;
/** Several codes pasted or typed at once, separated by commas, semicolons or blanks; null if not only codes. */
const codesIn = (text: string): string[] | null => {
  const parts = text.split(/[\s,;]+/).filter((c) => c !== '');
  return parts.length > 0 && parts.every((c) => CODE_LIKE.test(c)) ? parts : null;
};

/** Agency identifier codes are written in capitals (QĐ 20/2020/QĐ-TTg); a pasted lower-case code is fixed. */
const normalise = (codes: string[]) => [
  ...new Set(
    codes
      .flatMap((c) => codesIn(c) ?? [c.trim()])
      .map((c) => c.toUpperCase())
      .filter((c) => c !== ''),
  ),
];

/**
 * Agency codes (recipients, or the agencies a system acts for): type part of a name or code and pick from
 * the register (the server ignores diacritics), or paste several codes at once; each becomes a removable
 * pill. Blanks do not end a pill, so a name ("bo tai chinh") can be typed whole to search; a code typed but
 * not yet confirmed (Enter, comma) becomes a pill when the field loses focus, a half-typed name does not.
 */
export function RecipientsInput({
  label,
  description,
  placeholder,
  value,
  onChange,
  required,
}: {
  label: string;
  description: string;
  placeholder?: string;
  value: string[];
  onChange: (codes: string[]) => void;
  required?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useAgencySearch(debounced, debounced.length > 0);
  const options = (debounced ? (found.data?.items ?? []) : [])
    .filter((a) => !value.includes(a.code))
    .map((a) => ({ value: a.code, label: `${a.nameVi} (${a.code})` }));
  return (
    <TagsInput
      label={label}
      description={description}
      placeholder={value.length === 0 ? placeholder : undefined}
      value={value}
      onChange={(codes) => onChange(normalise(codes))}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      // The register already matched the text (without diacritics): show its answers as they are.
      filter={({ options: all }) => all}
      splitChars={[',', ';']}
      acceptValueOnBlur={false}
      onBlur={() => {
        const typed = codesIn(search);
        if (!typed) return;
        onChange(normalise([...value, ...typed]));
        setSearch('');
      }}
      required={required}
    />
  );
}
