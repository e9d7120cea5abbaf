import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown on dead jobs only: puts the job back in its queue. */
export function RetryJobButton({
  id,
  pending,
  onRetry,
}: {
  id: number;
  pending: boolean;
  onRetry: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant="outline"
      loading={pending}
      onClick={() => onRetry(id)}
      aria-label={t('jobs.retryJob', { id })}
    >
      {t('jobs.retry')}
    </Button>
  );
}
