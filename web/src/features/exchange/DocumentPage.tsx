import { Alert, Anchor, Divider, Grid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { PageHeader } from '../../app/PageHeader.js';
import { QueryView } from '../../app/QueryView.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { SignedInOnly } from '../cabinet/SignedInOnly.js';
import { DocumentActions } from './DocumentActions.js';
import { DocumentAttachments } from './DocumentAttachments.js';
import { DocumentOverview } from './DocumentOverview.js';
import { DocumentTimeline } from './DocumentTimeline.js';
import type { SentState } from './ComposePage.js';
import { useDocument, type DocumentDetail } from './exchange.api.js';
import { useExchangeFormat } from './format.js';
import { VerificationSummary } from './VerificationSummary.js';

/** /exchange/documents/:id — one document: its fields, files, signature check, steps and statuses. */
export function DocumentPage() {
  return (
    <SignedInOnly>
      <DocumentLoader />
    </SignedInOnly>
  );
}

function DocumentLoader() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const document = useDocument(id);
  return (
    <Stack gap="md" maw={1100}>
      <Anchor
        component={Link}
        to={`/exchange${document.data?.direction === 'outbound' ? '?tab=outbound' : ''}`}
        size="sm"
        w="fit-content"
      >
        {t('exchange.detail.back')}
      </Anchor>
      <QueryView query={document}>{(d) => <DocumentView document={d} />}</QueryView>
    </Stack>
  );
}

function DocumentView({ document: d }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  // Arriving from the compose form: its confirmation is shown here, once.
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(
    () => (location.state as Partial<SentState> | null)?.notice ?? null,
  );
  const intro = [
    format.reference(d),
    d.direction === 'inbound' ? format.agency(d.fromCode, d.fromName) : null,
    format.day(d.promulgationDate),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <PageHeader title={d.subject} intro={intro} />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {d.sendError ? (
        <Alert color="red" variant="light" role="alert" className="cpdt-wrap">
          {t('exchange.sendError', { error: d.sendError })}
        </Alert>
      ) : null}
      <DocumentActions document={d} onDone={setNotice} />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <DocumentOverview document={d} />
            <Divider />
            <DocumentAttachments document={d} />
            {/* The signature check is what this office found on arrival: incoming documents only. */}
            {d.direction === 'inbound' ? (
              <>
                <Divider />
                <VerificationSummary verification={d.verification} />
              </>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <DocumentTimeline document={d} />
        </Grid.Col>
      </Grid>
    </>
  );
}
