import { List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../../app/LinkButton.js';
import type { AgencyRef, Succession } from './agencies.api.js';
import { useDay } from './agency-dates.js';

/** A link to another agency of the registry: its name and code; opens its details. */
export function AgencyLink({ agency, onOpen }: { agency: AgencyRef; onOpen: (id: string) => void }) {
  return (
    <LinkButton onClick={() => onOpen(agency.id)}>
      {agency.nameVi} <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>({agency.code})</span>
    </LinkButton>
  );
}

/**
 * Successions seen from one side: `side` is the agency shown for each (the predecessor when listing where
 * an agency came from, the successor when listing what it became).
 */
export function AgencySuccessions({
  successions,
  side,
  onOpen,
  label,
}: {
  successions: Succession[];
  side: 'predecessor' | 'successor';
  onOpen: (id: string) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const day = useDay();
  return (
    <List spacing={6} size="sm" aria-label={label} listStyleType="disc" withPadding>
      {successions.map((s) => (
        <List.Item key={`${s.predecessor.id}-${s.successor.id}`}>
          <AgencyLink agency={s[side]} onOpen={onOpen} />
          <Text size="xs" c="dimmed" className="cpdt-wrap">
            {t(`agencies.succession.${s.kind}`)} · {t('agencies.succession.from', { date: day(s.date) })}
            {s.legalBasis ? ` · ${s.legalBasis}` : ''}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** One side of an agency's history under its heading: where it came from, or what it became. */
export function AgencySuccessionSection({
  id,
  title,
  none,
  ...list
}: {
  /** The heading's id, naming the region. */
  id: string;
  title: string;
  /** Said when there are none. */
  none: string;
  successions: Succession[];
  side: 'predecessor' | 'successor';
  onOpen: (id: string) => void;
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb={4}>
        {title}
      </Title>
      {list.successions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      ) : (
        <AgencySuccessions {...list} label={title} />
      )}
    </section>
  );
}
