import { Button, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permissions } from '../../api/permissions.js';
import { PageHeader } from '../../app/PageHeader.js';
import { hasPermission, useSession } from '../identity/session.js';
import { SignedInOnly } from '../cabinet/SignedInOnly.js';
import { DocumentFilters } from './DocumentFilters.js';
import { DocumentList } from './DocumentList.js';
import { useDocumentsPageState, type DocumentsTab } from './documents.filter.js';
import { DIRECTIONS, useNodeAgencies, type DocumentFilter } from './exchange.api.js';
import { StatsSection } from './StatsSection.js';

/**
 * /exchange: for the documents office (văn thư), incoming and outgoing documents and the statistics; for
 * anyone else, the incoming documents assigned to them (the server decides what each caller may see).
 */
export function DocumentsPage() {
  return (
    <SignedInOnly>
      <DocumentsView />
    </SignedInOnly>
  );
}

function DocumentsView() {
  const { t } = useTranslation();
  const session = useSession();
  const clerk = hasPermission(session.data, Permissions.manageDocuments);
  const { state, setTab, setFilter } = useDocumentsPageState();
  const agencies = useNodeAgencies();
  const nodeAgencies = agencies.data?.items ?? [];
  const tab: DocumentsTab = clerk ? state.tab : 'inbound';
  const filter: DocumentFilter = clerk ? state.filter : { ...state.filter, direction: 'inbound' };
  const documents = (
    <>
      <DocumentFilters value={filter} agencies={nodeAgencies} onChange={setFilter} />
      <DocumentList filter={filter} onFilter={setFilter} />
    </>
  );
  return (
    <>
      <PageHeader
        title={t('exchange.title')}
        intro={t(clerk ? 'exchange.intro' : 'exchange.introAssignee')}
        actions={
          clerk && nodeAgencies.length > 0 ? (
            <Button component={Link} to="/exchange/compose">
              {t('exchange.compose.open')}
            </Button>
          ) : undefined
        }
      />
      {clerk ? (
        <Tabs
          value={tab}
          onChange={(v) => setTab(v === 'stats' ? 'stats' : (DIRECTIONS.find((d) => d === v) ?? 'inbound'))}
          keepMounted={false}
        >
          <Tabs.List aria-label={t('exchange.tabs.label')} mb="md">
            <Tabs.Tab value="inbound">{t('exchange.tabs.inbound')}</Tabs.Tab>
            <Tabs.Tab value="outbound">{t('exchange.tabs.outbound')}</Tabs.Tab>
            <Tabs.Tab value="stats">{t('exchange.tabs.stats')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="inbound">{tab === 'inbound' ? documents : null}</Tabs.Panel>
          <Tabs.Panel value="outbound">{tab === 'outbound' ? documents : null}</Tabs.Panel>
          <Tabs.Panel value="stats">
            <StatsSection />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <>
          <Text component="h2" size="lg" fw={700} mb="sm">
            {t('exchange.tabs.inbound')}
          </Text>
          {documents}
        </>
      )}
    </>
  );
}
