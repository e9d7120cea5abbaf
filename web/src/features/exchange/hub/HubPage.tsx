import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/PageHeader.js';
import { SystemsSection } from './SystemsSection.js';
import { TrafficSection } from './TrafficSection.js';

type HubTab = 'systems' | 'traffic';

/** /exchange/hub — the hub administrator's page: connected systems, and the traffic with its failures. */
export function HubPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: HubTab = params.get('tab') === 'traffic' ? 'traffic' : 'systems';
  return (
    <>
      <PageHeader title={t('exchange.hub.title')} intro={t('exchange.hub.intro')} />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'traffic' ? { tab: 'traffic' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('exchange.hub.tabs.label')} mb="md">
          <Tabs.Tab value="systems">{t('exchange.hub.tabs.systems')}</Tabs.Tab>
          <Tabs.Tab value="traffic">{t('exchange.hub.tabs.traffic')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="systems">
          <SystemsSection />
        </Tabs.Panel>
        <Tabs.Panel value="traffic">
          <TrafficSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
