import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useRemovePost, useUpdatePerson, type PersonDetail } from './people.api.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { PersonItemList } from './PersonItemList.js';
import { PersonPostModal } from './PersonPostModal.js';
import { closeAndNotify, PersonSection, PersonSectionButton, type Notify } from './PersonSection.js';

/** An official's posts; the main agency is marked and can be moved to another post. */
export function PersonPostsSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const [adding, add] = useDisclosure(false);
  const remove = useRemovePost(person.id);
  const makeMain = useUpdatePerson(person.id);
  return (
    <PersonSection
      title={t('people.posts.title')}
      actions={<PersonSectionButton onClick={add.open}>{t('people.posts.add')}</PersonSectionButton>}
    >
      {makeMain.isError ? <ErrorAlert error={makeMain.error} /> : null}
      <PersonItemList items={person.posts} empty={t('people.posts.empty')} keyOf={(post) => post.agency.id}>
        {(post) => (
          <Stack gap={6}>
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm" className="cpdt-wrap">
                {post.agency.nameVi}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {post.agency.code}
              </Text>
              {post.main ? (
                <Badge size="sm" variant="light" style={{ textTransform: 'none' }}>
                  {t('people.posts.main')}
                </Badge>
              ) : null}
              {post.agency.validTo ? (
                <Badge size="sm" color="gray" variant="light" style={{ textTransform: 'none' }}>
                  {t('people.posts.retired')}
                </Badge>
              ) : null}
            </Group>
            {post.position ? <Text size="sm">{post.position}</Text> : null}
            <Group gap="xs">
              {!post.main ? (
                <Button
                  size="xs"
                  variant="subtle"
                  loading={makeMain.isPending && makeMain.variables?.mainAgencyId === post.agency.id}
                  aria-label={t('people.posts.makeMainFor', { agency: post.agency.nameVi })}
                  onClick={() =>
                    makeMain.mutate(
                      { mainAgencyId: post.agency.id },
                      { onSuccess: () => notify(t('people.saved')) },
                    )
                  }
                >
                  {t('people.posts.makeMain')}
                </Button>
              ) : null}
              <PersonConfirmButton
                label={t('people.posts.remove')}
                ariaLabel={t('people.posts.removeFor', { agency: post.agency.nameVi })}
                question={t('people.posts.removeConfirm', {
                  name: person.displayName,
                  agency: post.agency.nameVi,
                })}
                variant="subtle"
                color="red"
                loading={remove.isPending}
                error={remove.error}
                onConfirm={(done) =>
                  remove.mutate(post.agency.id, closeAndNotify(done, notify, t('people.saved')))
                }
              />
            </Group>
          </Stack>
        )}
      </PersonItemList>
      {adding ? <PersonPostModal person={person} onClose={add.close} notify={notify} /> : null}
    </PersonSection>
  );
}
