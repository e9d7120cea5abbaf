import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The id of an item's move button, so that focus can follow the item to its new place. */
export const moveButtonId = (itemId: string, direction: 'up' | 'down') =>
  `agenda-move-${direction}-${itemId}`;

interface AgendaMoveButtonsProps {
  itemId: string;
  title: string;
  first: boolean;
  last: boolean;
  pending: boolean;
  onMove: (step: -1 | 1) => void;
}

/** Up and down as plain buttons: reordering works from the keyboard and with a screen reader. */
export function AgendaMoveButtons({ itemId, title, first, last, pending, onMove }: AgendaMoveButtonsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Button
        id={moveButtonId(itemId, 'up')}
        variant="default"
        size="xs"
        disabled={first || pending}
        onClick={() => onMove(-1)}
        aria-label={t('cabinetPapers.item.moveUpNamed', { title })}
      >
        {t('cabinetPapers.item.moveUp')}
      </Button>
      <Button
        id={moveButtonId(itemId, 'down')}
        variant="default"
        size="xs"
        disabled={last || pending}
        onClick={() => onMove(1)}
        aria-label={t('cabinetPapers.item.moveDownNamed', { title })}
      >
        {t('cabinetPapers.item.moveDown')}
      </Button>
    </>
  );
}
