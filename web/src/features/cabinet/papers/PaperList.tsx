import { Stack } from '@mantine/core';
import { PaperCard } from './PaperCard.js';
import type { Paper } from './papers.api.js';

/** The papers of one agenda item (or of none), one card each. */
export function PaperList({
  meetingId,
  papers,
  notify,
}: {
  meetingId: string;
  papers: Paper[];
  notify: (message: string) => void;
}) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {papers.map((paper) => (
        <PaperCard key={paper.id} meetingId={meetingId} paper={paper} notify={notify} />
      ))}
    </Stack>
  );
}
