import { Button, Group, Modal, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import { useAgencyPageState } from './agencies.filter.js';
import { AgencyDialog } from './AgencyDialog.js';
import { AgencyFilters } from './AgencyFilters.js';
import { AgencyForm } from './AgencyForm.js';
import { AgencyList } from './AgencyList.js';
import { AgencyMergeForm } from './AgencyMergeForm.js';
import { AgencyResolve } from './AgencyResolve.js';

/**
 * Administrators keep the agency registry: search it, resolve any code (old ones lead to their successors),
 * and record new agencies, renames, mergers and dissolutions.
 */
export function AgenciesPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { state, setFilter, open } = useAgencyPageState();
  const [form, setForm] = useState<'create' | 'merge' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string, id: string) => {
    setForm(null);
    setNotice(message);
    open(id);
  };
  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        intro={t('agencies.intro')}
        actions={
          <Group gap="sm">
            <Button onClick={() => setForm('create')}>{t('agencies.create.open')}</Button>
            <Button variant="default" onClick={() => setForm('merge')}>
              {t('agencies.merge.open')}
            </Button>
          </Group>
        }
      />
      <AgencyResolve onOpen={open} />
      <section aria-labelledby="agency-list-title">
        <Title order={2} size="h4" id="agency-list-title" mb="sm">
          {t('agencies.list.title')}
        </Title>
        <AgencyFilters value={state.filter} onChange={setFilter} />
        <AgencyList filter={state.filter} onFilter={setFilter} onOpen={open} />
      </section>
      <AgencyDialog openId={state.openId} onOpen={open} notice={notice} onNotice={setNotice} />
      <Modal
        opened={form !== null}
        onClose={() => setForm(null)}
        title={form === 'merge' ? t('agencies.merge.title') : t('agencies.create.title')}
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        {form === 'create' ? (
          <AgencyForm
            onCancel={() => setForm(null)}
            onDone={(a) => done(t('agencies.create.done', { name: a.nameVi, code: a.code }), a.id)}
          />
        ) : form === 'merge' ? (
          <AgencyMergeForm
            onCancel={() => setForm(null)}
            onDone={({ agency, merged }) =>
              done(t('agencies.merge.done', { count: merged.length, target: agency.nameVi }), agency.id)
            }
          />
        ) : null}
      </Modal>
    </>
  );
}
