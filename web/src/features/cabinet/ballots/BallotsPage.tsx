import { Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Permissions } from '../../../api/permissions.js';
import { ButtonCard, CardList } from '../../../app/CardList.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { hasPermission, useSession } from '../../identity/session.js';
import { useBodies } from '../cabinet.api.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { BallotForm } from './BallotForm.js';
import { useBallots, useCreateBallot, type BallotListView } from './ballots.api.js';
import { DeadlineText, StateBadge } from './BallotBadges.js';

/** /cabinet/ballots: the office's ballots (with "draft a ballot"), and the ballots a member or secretary answers. */
export function BallotsPage() {
  return (
    <SignedInOnly>
      <BallotsView />
    </SignedInOnly>
  );
}

function BallotsView() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const office =
    hasPermission(session.data, Permissions.prepareBallots) ||
    hasPermission(session.data, Permissions.approveBallots);
  const mayDraft = hasPermission(session.data, Permissions.prepareBallots);
  const [view, setView] = useState<BallotListView>(office ? 'office' : 'mine');
  const shown: BallotListView = office ? view : 'mine';
  const ballots = useBallots(shown);
  const [creating, setCreating] = useState(false);
  const bodies = useBodies(creating);
  const create = useCreateBallot();

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t('cabinetBallots.title')}
        intro={t('cabinetBallots.intro')}
        actions={
          mayDraft ? (
            <Button onClick={() => setCreating(true)}>{t('cabinetBallots.create')}</Button>
          ) : undefined
        }
      />
      {office ? (
        <SegmentedControl
          aria-label={t('cabinetBallots.views')}
          value={shown}
          onChange={(v) => setView(v)}
          data={[
            { value: 'office', label: t('cabinetBallots.viewOffice') },
            { value: 'mine', label: t('cabinetBallots.viewMine') },
          ]}
          fullWidth
          maw={480}
        />
      ) : null}
      <div aria-live="polite">
        <QueryView query={ballots}>
          {(list) =>
            list.items.length ? (
              <CardList label={t('cabinetBallots.list')}>
                {list.items.map((b) => (
                  <ButtonCard key={b.id} onClick={() => void navigate(`/cabinet/ballots/${b.id}`)}>
                    <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                      <Text fw={600} className="cpdt-wrap" style={{ flex: '1 1 12rem', minWidth: 0 }}>
                        {b.title}
                      </Text>
                      <StateBadge state={b.state} />
                    </Group>
                    <Text size="sm" c="dimmed" className="cpdt-wrap">
                      {b.reference ?? t('cabinetBallots.noReference')} · {b.body.name}
                    </Text>
                    {b.state === 'open' && b.deadline ? (
                      <DeadlineText deadline={b.deadline} serverNow={list.now} />
                    ) : null}
                    {shown === 'office' && b.members ? (
                      <Text size="sm">
                        {t('cabinetBallots.answered', { answered: b.answered, members: b.members })}
                      </Text>
                    ) : null}
                    {shown === 'mine'
                      ? b.mine.map((m) => (
                          <Badge
                            key={m.personId}
                            variant="light"
                            color={m.state === 'signed' ? 'green' : 'gray'}
                          >
                            {t(`cabinetBallots.responseStates.${m.state}`)}
                          </Badge>
                        ))
                      : null}
                  </ButtonCard>
                ))}
              </CardList>
            ) : (
              <Text c="dimmed">
                {t(shown === 'mine' ? 'cabinetBallots.emptyMine' : 'cabinetBallots.empty')}
              </Text>
            )
          }
        </QueryView>
      </div>
      {creating && bodies.data ? (
        <BallotForm
          title={t('cabinetBallots.form.title')}
          bodies={bodies.data.items.map((b) => ({ value: b.id, label: b.nameVi }))}
          pending={create.isPending}
          error={create.error}
          onClose={() => setCreating(false)}
          onSubmit={(input) =>
            create.mutate(
              { ...input, bodyId: input.bodyId ?? '' },
              { onSuccess: (b) => void navigate(`/cabinet/ballots/${b.id}`) },
            )
          }
        />
      ) : null}
    </Stack>
  );
}
