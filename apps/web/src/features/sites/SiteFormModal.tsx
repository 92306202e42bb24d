import { Button, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MAX_SECTORS_PER_SITE, createSiteBodySchema, type Site } from '@igny8/contracts';
import { useCreateSite, useUpdateSite } from '../../api/queries/sites';
import { zodValidate } from '../../lib/form';
import { notifySuccess } from '../../lib/notify';
import { siteLanguages } from './languages';

interface SiteFormValues {
  name: string;
  url: string;
  language: string;
  niche: string;
  /** the new site's first sectors; none: "General" */
  sectors: string[];
}

function initialValues(site: Site | null): SiteFormValues {
  return {
    name: site?.name ?? '',
    url: site?.url ?? '',
    language: site?.language ?? 'en',
    niche: site?.niche ?? '',
    sectors: [],
  };
}

/** What the form sends: trimmed, an empty niche as none, no sectors named as none (the server's "General"). */
function bodyOf(values: SiteFormValues) {
  const { sectors, ...rest } = values;
  return {
    ...rest,
    name: values.name.trim(),
    url: values.url.trim(),
    niche: values.niche.trim() || null,
    ...(sectors.length ? { sectors } : {}),
  };
}

interface SiteFormProps {
  accountId: string;
  site: Site | null;
  onClose: () => void;
  onCreated?: (site: Site) => void;
}

/** Create a site (`site` null) or edit one. */
export function SiteFormModal(props: SiteFormProps & { opened: boolean }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.site ? 'Edit site' : 'New site'}
      centered
      radius="md"
    >
      {/* Mounted per opening, so the form always starts from the site being edited. */}
      <SiteForm key={props.site?.id ?? 'new'} {...props} />
    </Modal>
  );
}

function SiteForm(props: SiteFormProps) {
  const create = useCreateSite(props.accountId);
  const update = useUpdateSite(props.accountId);
  const form = useForm<SiteFormValues>({
    initialValues: initialValues(props.site),
    validate: (values) => zodValidate<ReturnType<typeof bodyOf>>(createSiteBodySchema)(bodyOf(values)),
  });

  const languages = siteLanguages.some((l) => l.value === form.values.language)
    ? siteLanguages
    : [{ value: form.values.language, label: form.values.language }, ...siteLanguages];

  const submit = form.onSubmit((values) => {
    const body = bodyOf(values);
    if (props.site) {
      const { sectors: _sectors, ...changes } = body;
      update.mutate(
        { siteId: props.site.id, ...changes },
        { onSuccess: (s) => (notifySuccess(`${s.name} was saved.`), props.onClose()) },
      );
    } else {
      create.mutate(body, {
        onSuccess: (s) => {
          notifySuccess(`${s.name} was created. Import keywords to get started.`, 'Site created');
          props.onClose();
          props.onCreated?.(s);
        },
      });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="My blog"
          data-autofocus
          data-testid="site-name"
          {...form.getInputProps('name')}
        />
        <TextInput
          label="URL"
          placeholder="example.com"
          description="The address of the website the content is written for."
          data-testid="site-url"
          {...form.getInputProps('url')}
        />
        <Select
          label="Language"
          description="Ideas and articles are written in this language."
          data={languages}
          searchable
          allowDeselect={false}
          data-testid="site-language"
          {...form.getInputProps('language')}
        />
        <TextInput
          label="Niche"
          placeholder="e.g. home coffee brewing"
          description="Optional. Helps the AI stay on topic."
          data-testid="site-niche"
          {...form.getInputProps('niche')}
        />
        {props.site ? null : (
          <TagsInput
            label="Sectors"
            placeholder="e.g. Coffee, Tea (press Enter after each)"
            description={`Optional, up to ${MAX_SECTORS_PER_SITE}: keywords, clusters and articles are kept per sector. None: one sector, "General". You can change them later.`}
            maxTags={MAX_SECTORS_PER_SITE}
            splitChars={[',']}
            clearable
            data-testid="site-sectors"
            {...form.getInputProps('sectors')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="site-submit">
            {props.site ? 'Save' : 'Create site'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
