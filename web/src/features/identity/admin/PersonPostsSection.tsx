import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import {
  useAddPost,
  useRemovePost,
  useUpdatePerson,
  type AgencyOption,
  type PersonDetail,
} from './people.api.js';
import { PersonAgencySelect } from './PersonAgencySelect.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { PersonSection, type Notify } from './PersonSection.js';

/** An official's posts; the main agency is marked and can be moved to another post. */
export function PersonPostsSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const [adding, add] = useDisclosure(false);
  const remove = useRemovePost(person.id);
  const makeMain = useUpdatePerson(person.id);
  return (
    <PersonSection
      title={t('people.posts.title')}
      actions={
        <Button size="xs" variant="outline" onClick={add.open}>
          {t('people.posts.add')}
        </Button>
      }
    >
      {makeMain.isError ? <ErrorAlert error={makeMain.error} /> : null}
      {person.posts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people.posts.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {person.posts.map((post) => (
            <li key={post.agency.id}>
              <Paper withBorder p="sm" radius="sm">
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
                        remove.mutate(post.agency.id, {
                          onSuccess: () => {
                            done();
                            notify(t('people.saved'));
                          },
                        })
                      }
                    />
                  </Group>
                </Stack>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      {adding ? <AddPostModal person={person} onClose={add.close} notify={notify} /> : null}
    </PersonSection>
  );
}

function AddPostModal({
  person,
  onClose,
  notify,
}: {
  person: PersonDetail;
  onClose: () => void;
  notify: Notify;
}) {
  const { t } = useTranslation();
  const addPost = useAddPost(person.id);
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [position, setPosition] = useState('');
  const [positionEn, setPositionEn] = useState('');
  const [main, setMain] = useState(person.posts.length === 0);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!agency) return;
    addPost.mutate(
      { agencyId: agency.id, position: position.trim() || null, positionEn: positionEn.trim() || null, main },
      {
        onSuccess: () => {
          onClose();
          notify(t('people.saved'));
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('people.posts.addTitle')}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <PersonAgencySelect label={t('people.agency')} value={agency} onChange={setAgency} required />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('people.posts.position')}
              value={position}
              onChange={(e) => setPosition(e.currentTarget.value)}
            />
            <TextInput
              label={t('people.posts.positionEn')}
              value={positionEn}
              onChange={(e) => setPositionEn(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Checkbox
            label={t('people.posts.makeMainOption')}
            checked={main}
            onChange={(e) => setMain(e.currentTarget.checked)}
          />
          {addPost.isError ? <ErrorAlert error={addPost.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('people.cancel')}
            </Button>
            <Button type="submit" loading={addPost.isPending} disabled={!agency}>
              {t('people.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
