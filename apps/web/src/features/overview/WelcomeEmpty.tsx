import { Fragment, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronRight, IconInfoCircle, IconPlus, IconRocket, IconSparkles } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useLoadDemo } from '../../api/queries/dashboard';
import { SiteFormModal } from '../sites/SiteFormModal';
import { siteHomePath } from '../sites/sitePaths';
import classes from './overview.module.css';

const steps = ['Keywords', 'Clusters', 'Ideas', 'Writer', 'Content', 'Images'];

/** An account without sites: what igny8 does, and two ways to start. */
export function WelcomeEmpty({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const demo = useLoadDemo(accountId);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  const loadDemo = () =>
    demo.mutate(undefined, {
      onSuccess: (site) => {
        void navigate(siteHomePath(accountId, site.id, 'keywords'));
        notifications.show({
          id: 'demo-loaded',
          color: 'indigo',
          title: `${site.name} is ready`,
          message: 'Next: click “Auto-cluster all unclustered” to group its keywords into topics.',
          autoClose: 15_000,
        });
      },
    });

  return (
    <Paper withBorder radius="md" p={{ base: 'lg', sm: 40 }} data-testid="overview-empty">
      <Stack align="center" gap="md" maw={640} mx="auto" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconRocket size={28} />
        </ThemeIcon>
        <Title order={3}>Welcome to igny8</Title>
        <Text c="dimmed">
          igny8 turns a list of keywords into ready-to-publish articles: it groups your keywords into topic clusters,
          suggests article ideas, writes the articles and illustrates them, each step running in the background.
        </Text>
        <Group gap={6} justify="center" wrap="wrap" aria-label="The pipeline">
          {steps.map((s, i) => (
            <Fragment key={s}>
              {i > 0 ? <IconChevronRight size={14} className={classes.stepArrow} /> : null}
              <Badge variant="light" color={i === 0 ? 'indigo' : 'gray'} radius="sm" tt="none" size="lg">
                {s}
              </Badge>
            </Fragment>
          ))}
        </Group>
        {canEdit ? (
          <>
            <Group justify="center" gap="sm" mt="xs">
              <Button
                leftSection={<IconSparkles size={16} />}
                loading={demo.isPending}
                onClick={loadDemo}
                data-testid="load-demo"
              >
                Load demo site
              </Button>
              <Button
                onClick={() => setCreating(true)}
                variant="default"
                leftSection={<IconPlus size={16} />}
                data-testid="create-site"
              >
                Create a site
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              The demo is a home-barista blog with 160 coffee keywords, so you can try every step right away.
            </Text>
          </>
        ) : (
          <Alert
            variant="light"
            color="gray"
            icon={<IconInfoCircle size={18} />}
            ta="left"
            data-testid="overview-viewer-note"
          >
            This account has no sites yet. An editor can load the demo site or create a site; you will see its progress
            here.
          </Alert>
        )}
      </Stack>
      {canEdit ? (
        <SiteFormModal
          accountId={accountId}
          site={null}
          opened={creating}
          onClose={() => setCreating(false)}
          onCreated={(s) => void navigate(siteHomePath(accountId, s.id))}
        />
      ) : null}
    </Paper>
  );
}
