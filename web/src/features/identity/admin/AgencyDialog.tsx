import { Modal } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import { useAgency } from './agencies.api.js';
import { useDay } from './agency-dates.js';
import { AgencyDetail, type AgencyAction } from './AgencyDetail.js';
import { AgencyMergeForm } from './AgencyMergeForm.js';
import { AgencyRenameForm } from './AgencyRenameForm.js';
import { AgencyRetireForm } from './AgencyRetireForm.js';

type Mode = 'detail' | AgencyAction;

/**
 * One agency in a dialog: its details, and in place of them (no dialog over a dialog) the form of a change
 * picked there. After a change the dialog shows the agency that results.
 */
export function AgencyDialog({
  openId,
  onOpen,
  notice,
  onNotice,
}: {
  openId: string | null;
  onOpen: (id: string | null) => void;
  /** The outcome of the last change, shown here where the eyes are while the dialog is open. */
  notice: string | null;
  onNotice: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const day = useDay();
  const agency = useAgency(openId);
  const [mode, setMode] = useState<Mode>('detail');
  useEffect(() => setMode('detail'), [openId]);
  const show = (id: string) => {
    setMode('detail');
    onOpen(id);
  };
  const act = (action: AgencyAction) => {
    onNotice(null);
    setMode(action);
  };
  const name = agency.data?.nameVi ?? '';
  const titles: Record<Mode, string> = {
    detail: name,
    rename: t('agencies.rename.titleOf', { name }),
    merge: t('agencies.merge.title'),
    retire: t('agencies.retire.titleOf', { name }),
  };
  return (
    <Modal
      opened={openId !== null}
      onClose={() => {
        onNotice(null);
        onOpen(null);
      }}
      title={agency.data ? titles[mode] : t('agencies.detail.title')}
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <SuccessNotice message={notice} onClose={() => onNotice(null)} />
      <QueryView query={agency}>
        {(a) => {
          switch (mode) {
            case 'detail':
              return (
                <AgencyDetail
                  agency={a}
                  onOpen={(id) => {
                    onNotice(null);
                    show(id);
                  }}
                  onAction={act}
                />
              );
            case 'rename':
              return (
                <AgencyRenameForm
                  agency={a}
                  onCancel={() => setMode('detail')}
                  onDone={({ agency: renamed, previous }) => {
                    onNotice(
                      previous
                        ? t('agencies.rename.doneCode', { old: previous.code, code: renamed.code })
                        : t('agencies.rename.done', { name: renamed.nameVi }),
                    );
                    show(renamed.id);
                  }}
                />
              );
            case 'merge':
              return (
                <AgencyMergeForm
                  initialSourceId={a.id}
                  onCancel={() => setMode('detail')}
                  onDone={({ agency: receiving, merged }) => {
                    onNotice(t('agencies.merge.done', { count: merged.length, target: receiving.nameVi }));
                    show(receiving.id);
                  }}
                />
              );
            case 'retire':
              return (
                <AgencyRetireForm
                  agency={a}
                  onCancel={() => setMode('detail')}
                  onDone={(retired) => {
                    onNotice(t('agencies.retire.done', { name: retired.nameVi, date: day(retired.validTo) }));
                    setMode('detail');
                  }}
                />
              );
          }
        }}
      </QueryView>
    </Modal>
  );
}
