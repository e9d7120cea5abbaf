import {
  Alert,
  Anchor,
  Fieldset,
  FileInput,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormFrame } from '../../app/FormFrame.js';
import { PageHeader } from '../../app/PageHeader.js';
import { QueryView } from '../../app/QueryView.js';
import { useTextFields } from '../../app/useTextFields.js';
import { DISPLAY_TIME_ZONE } from '../../i18n/format.js';
import {
  PRIORITIES,
  useNodeAgencies,
  useSendDocument,
  type NewDocument,
  type NodeAgency,
} from './exchange.api.js';
import { RecipientsInput } from './RecipientsInput.js';

/** Where the document page finds the confirmation to show after a send. */
export interface SentState {
  notice: string;
}

const todayInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(new Date());

/** /exchange/compose — the documents office writes and sends an outgoing document (văn bản đi). */
export function ComposePage() {
  const { t } = useTranslation();
  const agencies = useNodeAgencies();
  return (
    <Stack gap="md" maw={880}>
      <Anchor component={Link} to="/exchange?tab=outbound" size="sm" w="fit-content">
        {t('exchange.detail.back')}
      </Anchor>
      <PageHeader title={t('exchange.compose.title')} intro={t('exchange.compose.intro')} />
      <QueryView query={agencies}>
        {({ items }) =>
          items.length === 0 ? (
            <Alert color="yellow" variant="light" className="cpdt-wrap">
              {t('exchange.compose.noAgencies')}
            </Alert>
          ) : (
            <ComposeForm agencies={items} />
          )
        }
      </QueryView>
    </Stack>
  );
}

function ComposeForm({ agencies }: { agencies: NodeAgency[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const send = useSendDocument();
  const { values, field } = useTextFields({
    fromCode: agencies[0]?.code ?? '',
    codeNumber: '',
    codeNotation: '',
    typeName: '',
    subject: '',
    content: '',
    signerName: '',
    signerPosition: '',
    signerCompetence: '',
    promulgationPlace: '',
    promulgationDate: todayInVietnam(),
    priority: '0',
    dueDate: '',
  });
  const [recipients, setRecipients] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const required = [
    values.fromCode,
    values.codeNumber,
    values.codeNotation,
    values.typeName,
    values.subject,
    values.signerName,
    values.signerPosition,
    values.promulgationPlace,
    values.promulgationDate,
  ];
  const ready = required.every((v) => v.trim() !== '') && recipients.length > 0 && file !== null;
  const submit = () => {
    if (!ready || !file) return;
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const document: NewDocument = {
      fromCode: values.fromCode,
      codeNumber: values.codeNumber.trim(),
      codeNotation: values.codeNotation.trim(),
      typeName: values.typeName.trim(),
      subject: values.subject.trim(),
      content: optional(values.content),
      signerName: values.signerName.trim(),
      signerPosition: values.signerPosition.trim(),
      signerCompetence: optional(values.signerCompetence),
      promulgationPlace: values.promulgationPlace.trim(),
      promulgationDate: values.promulgationDate,
      priority: Number(values.priority),
      dueDate: optional(values.dueDate),
      recipients,
    };
    send.mutate(
      { document, file },
      {
        onSuccess: (detail) =>
          void navigate(`/exchange/documents/${encodeURIComponent(detail.id)}`, {
            state: { notice: t('exchange.compose.sent') } satisfies SentState,
          }),
      },
    );
  };
  return (
    <FormFrame
      label={t('exchange.compose.title')}
      onSubmit={submit}
      error={send.error}
      focusError
      cancelLabel={t('exchange.cancel')}
      onCancel={() => void navigate('/exchange?tab=outbound')}
      actionLabel={t('exchange.compose.submit')}
      actionDisabled={!ready}
      pending={send.isPending}
      holdCancel
    >
      <Fieldset legend={t('exchange.compose.document')}>
        <Stack gap="sm">
          {agencies.length > 1 ? (
            <NativeSelect
              label={t('exchange.compose.from')}
              {...field('fromCode')}
              data={agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
              required
            />
          ) : (
            <TextInput
              label={t('exchange.compose.from')}
              value={`${agencies[0]?.name ?? ''} (${values.fromCode})`}
              readOnly
            />
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('exchange.compose.codeNumber')}
              description={t('exchange.compose.codeNumberHint')}
              {...field('codeNumber')}
              // The number alone (digits): the year and the notation travel in their own fields.
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={10}
              required
              data-autofocus
            />
            <TextInput
              label={t('exchange.compose.codeNotation')}
              description={t('exchange.compose.codeNotationHint')}
              {...field('codeNotation')}
              maxLength={100}
              required
            />
          </SimpleGrid>
          <TextInput
            label={t('exchange.compose.typeName')}
            description={t('exchange.compose.typeNameHint')}
            {...field('typeName')}
            maxLength={100}
            required
          />
          <Textarea
            label={t('exchange.compose.subject')}
            {...field('subject')}
            autosize
            minRows={2}
            maxLength={1000}
            required
          />
          <Textarea
            label={t('exchange.compose.content')}
            {...field('content')}
            autosize
            minRows={3}
            maxLength={20000}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend={t('exchange.compose.signing')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('exchange.compose.signerName')}
              {...field('signerName')}
              maxLength={200}
              required
            />
            <TextInput
              label={t('exchange.compose.signerPosition')}
              {...field('signerPosition')}
              maxLength={200}
              required
            />
            <TextInput
              label={t('exchange.compose.signerCompetence')}
              description={t('exchange.compose.signerCompetenceHint')}
              {...field('signerCompetence')}
              maxLength={50}
            />
            <TextInput
              label={t('exchange.compose.promulgationPlace')}
              {...field('promulgationPlace')}
              maxLength={200}
              required
            />
            <TextInput
              type="date"
              label={t('exchange.compose.promulgationDate')}
              {...field('promulgationDate')}
              required
            />
          </SimpleGrid>
          <FileInput
            label={t('exchange.compose.file')}
            description={t('exchange.compose.fileHint')}
            placeholder={t('exchange.compose.filePlaceholder')}
            accept="application/pdf,.pdf"
            value={file}
            onChange={setFile}
            clearable
            required
          />
        </Stack>
      </Fieldset>
      <Fieldset legend={t('exchange.compose.delivery')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NativeSelect
              label={t('exchange.compose.priority')}
              {...field('priority')}
              data={PRIORITIES.map((p) => ({ value: String(p), label: t(`exchange.priority.p${p}`) }))}
            />
            <TextInput
              type="date"
              label={t('exchange.compose.dueDate')}
              description={t('exchange.compose.dueDateHint')}
              {...field('dueDate')}
              min={values.promulgationDate || undefined}
            />
          </SimpleGrid>
          <RecipientsInput
            label={t('exchange.compose.recipients')}
            description={t('exchange.compose.recipientsHint')}
            placeholder={t('exchange.compose.recipientsPlaceholder')}
            value={recipients}
            onChange={setRecipients}
            required
          />
        </Stack>
      </Fieldset>
    </FormFrame>
  );
}
