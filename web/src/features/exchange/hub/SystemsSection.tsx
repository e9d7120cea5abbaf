import { Badge, Button, Code, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardList, ListCard } from '../../../app/CardList.js';
import { DetailList } from '../../../app/DetailList.js';
import { QueryView } from '../../../app/QueryView.js';
import { useHubSystems } from '../exchange.api.js';
import { useExchangeFormat } from '../format.js';
import { SystemRegisterModal } from './SystemRegisterModal.js';

/** The systems connected to the hub, one card each (any width), and "register a system". */
export function SystemsSection() {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  const systems = useHubSystems();
  const [registering, setRegistering] = useState(false);
  return (
    <section aria-labelledby="exchange-systems-title">
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
        <Title order={2} size="h4" id="exchange-systems-title">
          {t('exchange.hub.systems.label')}
        </Title>
        <Button onClick={() => setRegistering(true)}>{t('exchange.hub.systems.register')}</Button>
      </Group>
      <QueryView query={systems}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('exchange.hub.systems.empty')}</Text>
          ) : (
            <CardList label={t('exchange.hub.systems.label')}>
              {items.map((s) => (
                <ListCard key={s.id}>
                  <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                    <div style={{ flex: '1 1 12rem', minWidth: 0 }}>
                      <Title order={3} size="h6" className="cpdt-wrap">
                        {s.name}
                      </Title>
                      <Text size="xs" c="dimmed" ff="monospace" className="cpdt-wrap">
                        {s.id}
                      </Text>
                    </div>
                    <Badge color={s.active ? 'green' : 'gray'} variant="light">
                      {t(s.active ? 'exchange.hub.systems.active' : 'exchange.hub.systems.inactive')}
                    </Badge>
                  </Group>
                  <DetailList
                    items={[
                      {
                        label: t('exchange.hub.systems.agencies'),
                        value: (
                          <Group gap={4} component="span" wrap="wrap">
                            {s.agencyCodes.map((code) => (
                              <Code key={code}>{code}</Code>
                            ))}
                          </Group>
                        ),
                      },
                      {
                        label: t('exchange.hub.systems.limits'),
                        value: t('exchange.hub.systems.limitsValue', {
                          size: format.bytes(s.maxEnvelopeBytes),
                          sends: s.sendsPerMinute,
                        }),
                      },
                      { label: t('exchange.hub.systems.pushUrl'), value: s.pushUrl },
                      {
                        label: t('exchange.hub.systems.oidcClient'),
                        value: s.oidcClientId ? <Code>{s.oidcClientId}</Code> : null,
                      },
                      { label: t('exchange.hub.systems.createdAt'), value: format.dateTime(s.createdAt) },
                    ]}
                  />
                </ListCard>
              ))}
            </CardList>
          )
        }
      </QueryView>
      <SystemRegisterModal opened={registering} onClose={() => setRegistering(false)} />
    </section>
  );
}
