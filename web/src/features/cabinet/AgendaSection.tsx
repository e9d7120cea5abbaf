import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryView } from '../../app/QueryView.js';
import { paperFileUrl, useAgenda, type Paper as PaperRow } from './cabinet.api.js';

/** The agenda in order, each item with its papers; a classified paper is a stub that circulates on paper. */
export function AgendaSection({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const agenda = useAgenda(meetingId);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h3" mb="sm">
        {t('cabinet.agenda.title')}
      </Title>
      <QueryView query={agenda}>
        {(data) => (
          <Stack gap="md">
            {data.items.length === 0 ? <Text c="dimmed">{t('cabinet.agenda.empty')}</Text> : null}
            <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((item) => (
                <li key={item.id}>
                  <Title order={3} size="h5" className="cpdt-wrap">
                    {item.position}. {item.title}
                  </Title>
                  <Group gap="xs" mt={4} mb={6}>
                    {item.plannedMinutes ? (
                      <Text size="sm" c="dimmed">
                        {t('cabinet.agenda.minutes', { count: item.plannedMinutes })}
                      </Text>
                    ) : null}
                    {item.classification !== 'public' ? (
                      <Badge variant="light" color={item.classification === 'internal' ? 'gray' : 'red'}>
                        {t(`cabinet.classifications.${item.classification}`)}
                      </Badge>
                    ) : null}
                  </Group>
                  <Papers
                    papers={item.papers}
                    label={t('cabinet.agenda.papersOf', { position: item.position })}
                  />
                </li>
              ))}
            </Stack>
            {data.otherPapers.length > 0 ? (
              <section>
                <Title order={3} size="h5" mb={6}>
                  {t('cabinet.agenda.otherPapers')}
                </Title>
                <Papers papers={data.otherPapers} label={t('cabinet.agenda.otherPapers')} />
              </section>
            ) : null}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

function Papers({ papers, label }: { papers: PaperRow[]; label: string }) {
  const { t } = useTranslation();
  if (papers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('cabinet.agenda.noPapers')}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {papers.map((paper) => (
        <Paper component="li" key={paper.id} withBorder radius="sm" p="xs">
          <PaperLine paper={paper} />
        </Paper>
      ))}
    </Stack>
  );
}

function PaperLine({ paper }: { paper: PaperRow }) {
  const { t } = useTranslation();
  const latest = paper.latestVersion;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm" className="cpdt-wrap">
        {paper.title}
      </Text>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {[t(`cabinet.paperKinds.${paper.kind}`), paper.reference].filter(Boolean).join(' · ')}
        </Text>
        {paper.classification !== 'public' ? (
          <Badge size="sm" variant="light" color={paper.paperOnly ? 'red' : 'gray'}>
            {t(`cabinet.classifications.${paper.classification}`)}
          </Badge>
        ) : null}
        {paper.late ? (
          <Badge size="sm" variant="light" color="orange">
            {t('cabinet.agenda.late')}
          </Badge>
        ) : null}
      </Group>
      {paper.paperOnly ? (
        <>
          <Text size="sm" fw={600} c="red.8">
            {t('cabinet.agenda.classified')}
          </Text>
          {paper.paperCirculationNote ? (
            <Text size="sm" className="cpdt-wrap">
              {paper.paperCirculationNote}
            </Text>
          ) : null}
        </>
      ) : latest ? (
        <Group gap="md">
          <Anchor
            component={Link}
            to={`/cabinet/meetings/${encodeURIComponent(paper.meetingId)}/papers/${encodeURIComponent(paper.id)}`}
            size="sm"
            fw={600}
          >
            {t('cabinetViewer.open')}
          </Anchor>
          <Anchor href={paperFileUrl(paper, latest.version)} size="sm" className="cpdt-wrap">
            {t('cabinet.agenda.download', { version: latest.version })} — {latest.fileName}
          </Anchor>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('cabinet.agenda.noVersion')}
        </Text>
      )}
    </Stack>
  );
}
