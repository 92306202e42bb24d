import { useMemo } from 'react';
import { Alert, Anchor, Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconPhoto } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useContents } from '../../../api/queries/contents';
import { useGenerateImages, useImagePrompts, useImages, useRetryImage } from '../../../api/queries/images';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { siteHomePath } from '../../sites/sitePaths';
import { contentEditorPath } from '../paths';
import { useImageObjectUrls } from '../useImageObjectUrls';
import { useSite } from '../../sites/context';
import { useStartedTask } from '../../tasks/useStartedTask';
import { useSiteWorkRunning } from '../useSiteWorkRunning';
import { ArticleImages } from './ArticleImages';
import type { ImageCardActions } from './ImageCard';
import { buildGallery } from './gallery';

export function ImagesPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const writingPrompts = useSiteWorkRunning(accountId, siteId, ['image_prompts.generate']);
  const makingImages = useSiteWorkRunning(accountId, siteId, ['images.generate']);
  const prompts = useImagePrompts(accountId, siteId, undefined, writingPrompts);
  const images = useImages(accountId, siteId, undefined, makingImages);
  const contents = useContents(accountId, siteId, { limit: 500 });
  const generate = useGenerateImages(accountId, siteId);
  const retry = useRetryImage(accountId, siteId);
  const started = useStartedTask();

  const sections = useMemo(
    () => buildGallery(prompts.data?.items ?? [], images.data?.items ?? [], contents.data?.items ?? []),
    [prompts.data, images.data, contents.data],
  );
  const generated = useMemo(() => (images.data?.items ?? []).filter((i) => i.status === 'generated'), [images.data]);
  const files = useImageObjectUrls(generated);

  const actions: ImageCardActions | null = canEdit
    ? {
        busyId: retry.isPending ? (retry.variables?.imageId ?? null) : null,
        onRegenerate: (item) =>
          retry.mutate(
            { imageId: item.id, mode: 'regenerate' },
            { onSuccess: (res) => started(res, 'Regenerating an image') },
          ),
        onRewrite: (item) =>
          retry.mutate(
            { imageId: item.id, mode: 'rewrite' },
            { onSuccess: (res) => started(res, 'Rewriting an image prompt and retrying') },
          ),
        tasksPath: `/a/${accountId}/tasks`,
        onGenerate: (item) =>
          generate.mutate(
            { imagePromptIds: [item.promptId] },
            { onSuccess: (res) => started(res, 'Generating an image') },
          ),
      }
    : null;

  const error = prompts.error ?? images.error ?? contents.error;
  const loading = prompts.isPending || images.isPending || contents.isPending;
  const truncated = (images.data?.total ?? 0) > (images.data?.items.length ?? 0);
  const withoutPrompts = (contents.data?.items ?? []).filter((c) => !sections.some((s) => s.contentId === c.id)).length;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Images"
        description={`Featured and in-article images of the articles on ${site.name}, grouped by article.`}
      />
      {!canEdit ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} mb="md" data-testid="images-read-only">
          You can look at the images. Editors and above can generate and retry them.
        </Alert>
      ) : null}
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void prompts.refetch();
            void images.refetch();
            void contents.refetch();
          }}
        />
      ) : null}

      <Stack gap="md" data-testid="images-gallery">
        {loading && !error ? (
          <>
            <Skeleton h={240} radius="md" />
            <Skeleton h={240} radius="md" />
          </>
        ) : null}
        {!loading && !error && sections.length === 0 ? (
          <EmptyState
            icon={IconPhoto}
            title={writingPrompts ? 'Writing image prompts…' : 'No image prompts yet'}
            description={
              writingPrompts
                ? 'The prompts appear here article by article as they are written.'
                : 'Images start from prompts: on the Content page, select articles and choose “Generate image prompts”, then “Generate images”.'
            }
            action={
              writingPrompts ? null : (
                <Button component={Link} to={siteHomePath(accountId, siteId, 'content')} variant="light" mt="sm">
                  Go to content
                </Button>
              )
            }
          />
        ) : null}
        {sections.map((s) => (
          <ArticleImages
            key={s.contentId}
            section={s}
            editorHref={contentEditorPath(accountId, siteId, s.contentId)}
            urls={files.urls}
            loadErrors={files.errors}
            actions={actions}
            generating={generate.isPending && generate.variables?.contentIds?.[0] === s.contentId}
            onGenerateAll={
              canEdit
                ? () =>
                    generate.mutate(
                      { contentIds: [s.contentId] },
                      { onSuccess: (res) => started(res, `Generating images for “${s.title}”`) },
                    )
                : null
            }
          />
        ))}
      </Stack>
      {sections.length > 0 && withoutPrompts > 0 ? (
        <Text size="sm" c="dimmed" mt="md" data-testid="images-articles-without-prompts">
          {withoutPrompts} more article{withoutPrompts === 1 ? ' has' : 's have'} no image prompts yet: select{' '}
          {withoutPrompts === 1 ? 'it' : 'them'} on the{' '}
          <Anchor component={Link} to={siteHomePath(accountId, siteId, 'content')} size="sm">
            Content page
          </Anchor>{' '}
          and choose “Generate image prompts”.
        </Text>
      ) : null}
      {truncated ? (
        <Text size="xs" c="dimmed" mt="xs">
          Showing the first {images.data?.items.length} of {images.data?.total} images.
        </Text>
      ) : null}
    </Stack>
  );
}
