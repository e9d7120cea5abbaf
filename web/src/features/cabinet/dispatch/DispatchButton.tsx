import { Alert, Anchor, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permissions } from '../../../api/permissions.js';
import { DetailList } from '../../../app/DetailList.js';
import { FormFrame } from '../../../app/FormFrame.js';
import { QueryView } from '../../../app/QueryView.js';
import { PRIORITIES } from '../../exchange/exchange.api.js';
import { RecipientsInput } from '../../exchange/RecipientsInput.js';
import { hasPermission, useSession } from '../../identity/session.js';
import { useCabinetFormat } from '../useCabinetFormat.js';
import {
  useDispatch,
  useDispatchPreview,
  type DispatchKind,
  type DispatchPreview,
  type DispatchResult,
} from './dispatch.api.js';

const documentLink = (id: string) => `/exchange/documents/${encodeURIComponent(id)}`;

/**
 * "Send via the exchange axis" for an issued conclusion notice or a closed ballot's result report, shown to
 * documents clerks only (the server checks again): a small dialog with the fields taken from the object, the
 * sending office, the recipients' agency codes, the signer; then a link to the outgoing document.
 */
export function DispatchButton({ kind, id }: { kind: DispatchKind; id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (!hasPermission(session.data, Permissions.manageDocuments)) return null;
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)} w={{ base: '100%', xs: 'fit-content' }}>
        {t('cabinet.dispatch.button')}
      </Button>
      {open ? <DispatchDialog kind={kind} id={id} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function DispatchDialog({ kind, id, onClose }: { kind: DispatchKind; id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const preview = useDispatchPreview(kind, id, true);
  const [result, setResult] = useState<DispatchResult | null>(null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('cabinet.dispatch.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {result ? (
        <Sent result={result} onClose={onClose} />
      ) : (
        <QueryView query={preview}>
          {(p) => <DispatchForm kind={kind} id={id} preview={p} onClose={onClose} onSent={setResult} />}
        </QueryView>
      )}
    </Modal>
  );
}

function Sent({ result, onClose }: { result: DispatchResult; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" role="status">
        <Stack gap={4}>
          <Text size="sm">
            {result.created ? t('cabinet.dispatch.sent') : t('cabinet.dispatch.sentBefore')}
          </Text>
          <Anchor component={Link} to={documentLink(result.document.id)} size="sm" fw={600}>
            {t('cabinet.dispatch.openDocument', { documentId: result.document.documentId })}
          </Anchor>
        </Stack>
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('app.close')}
        </Button>
      </Group>
    </Stack>
  );
}

function DispatchForm({
  kind,
  id,
  preview,
  onClose,
  onSent,
}: {
  kind: DispatchKind;
  id: string;
  preview: DispatchPreview;
  onClose: () => void;
  onSent: (result: DispatchResult) => void;
}) {
  const { t } = useTranslation();
  const { day } = useCabinetFormat();
  const send = useDispatch(kind, id);
  const h = preview.header;
  const [from, setFrom] = useState<string | null>(preview.agencies[0]?.code ?? null);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [signerName, setSignerName] = useState(h?.signerName ?? '');
  const [signerPosition, setSignerPosition] = useState(h?.signerPosition ?? '');
  const [priority, setPriority] = useState('0');
  const blocked = !preview.final || !h || preview.agencies.length === 0;
  const submit = () => {
    if (!from || blocked) return;
    send.mutate(
      {
        from,
        recipients,
        signerName: signerName.trim(),
        signerPosition: signerPosition.trim(),
        priority: Number(priority),
      },
      { onSuccess: onSent },
    );
  };
  return (
    <FormFrame
      label={t('cabinet.dispatch.title')}
      onSubmit={submit}
      error={send.error}
      cancelLabel={t('cabinet.dispatch.cancel')}
      onCancel={onClose}
      actionLabel={t('cabinet.dispatch.send')}
      pending={send.isPending}
      holdCancel
      actionDisabled={
        blocked || !from || recipients.length === 0 || !signerName.trim() || !signerPosition.trim()
      }
    >
      <Text size="sm">
        {t(kind === 'conclusion' ? 'cabinet.dispatch.introConclusion' : 'cabinet.dispatch.introBallot')}
      </Text>
      {h ? (
        <DetailList
          items={[
            { label: t('cabinet.dispatch.reference'), value: `${h.codeNumber}/${h.codeNotation}` },
            { label: t('cabinet.dispatch.typeName'), value: h.typeName },
            { label: t('cabinet.dispatch.subject'), value: h.subject },
            { label: t('cabinet.dispatch.date'), value: day(h.promulgationDate) },
          ]}
        />
      ) : (
        <Alert color="orange" variant="light">
          {preview.final ? t('cabinet.dispatch.noReference') : t('cabinet.dispatch.notFinal')}
        </Alert>
      )}
      {preview.dispatches.map((d) => (
        <Alert key={d.id} color="blue" variant="light">
          <Stack gap={4}>
            <Text size="sm">{t('cabinet.dispatch.already', { recipients: d.recipients.join(', ') })}</Text>
            <Anchor component={Link} to={documentLink(d.id)} size="sm" fw={600}>
              {t('cabinet.dispatch.openDocument', { documentId: d.documentId })}
            </Anchor>
          </Stack>
        </Alert>
      ))}
      {preview.agencies.length === 0 ? (
        <Alert color="orange" variant="light">
          {t('cabinet.dispatch.noAgency')}
        </Alert>
      ) : (
        <Select
          label={t('cabinet.dispatch.from')}
          data={preview.agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
          value={from}
          onChange={setFrom}
          allowDeselect={false}
          required
        />
      )}
      <RecipientsInput
        label={t('cabinet.dispatch.recipients')}
        description={t('cabinet.dispatch.recipientsHint')}
        placeholder={t('cabinet.dispatch.recipientsPlaceholder')}
        value={recipients}
        onChange={setRecipients}
        required
      />
      <TextInput
        label={t('cabinet.dispatch.signerName')}
        value={signerName}
        onChange={(e) => setSignerName(e.currentTarget.value)}
        maxLength={200}
        required
      />
      <TextInput
        label={t('cabinet.dispatch.signerPosition')}
        description={t('cabinet.dispatch.signerPositionHint')}
        value={signerPosition}
        onChange={(e) => setSignerPosition(e.currentTarget.value)}
        maxLength={200}
        required
      />
      <Select
        label={t('cabinet.dispatch.priority')}
        data={PRIORITIES.map((p) => ({ value: String(p), label: t(`exchange.priority.p${p}`) }))}
        value={priority}
        onChange={(v) => setPriority(v ?? '0')}
        allowDeselect={false}
      />
    </FormFrame>
  );
}
