import { useMemo } from 'react';
import { Alert, Anchor, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconPhotoOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useImages } from '../../../api/queries/images';
import { QueryError } from '../../../components/QueryError';
import { siteHomePath } from '../../sites/sitePaths';
import { useImageObjectUrls } from '../useImageObjectUrls';
import classes from './article.module.css';
import { placeImages } from './placeImages';

/** The article as a reader sees it: title, featured image, body with its in-article images and captions. */
export function ArticlePreview(props: {
  accountId: string;
  siteId: string;
  contentId: string;
  title: string;
  bodyHtml: string;
}) {
  const images = useImages(props.accountId, props.siteId, props.contentId);
  const generated = useMemo(
    () => (images.data?.items ?? []).filter((i) => i.status === 'generated' && i.fileUrl),
    [images.data],
  );
  const pending = (images.data?.items ?? []).filter((i) => i.status === 'queued' || i.status === 'generating').length;
  const files = useImageObjectUrls(generated);

  const placed = useMemo(
    () =>
      placeImages(
        props.bodyHtml,
        generated.map((i) => ({ ...i, src: files.urls[i.id] ?? null })),
      ),
    [props.bodyHtml, generated, files.urls],
  );
  const failedFiles = Object.keys(files.errors).length;

  return (
    <Stack gap="sm">
      {images.isError ? <QueryError error={images.error} onRetry={() => void images.refetch()} /> : null}
      {images.isSuccess && generated.length === 0 ? (
        <Alert variant="light" color="gray" icon={<IconPhotoOff size={18} />} data-testid="preview-no-images">
          {pending > 0
            ? `${pending} image${pending === 1 ? ' is' : 's are'} being generated; they appear here when ready.`
            : 'This article has no images yet. Generate image prompts, then images, from the Content list.'}{' '}
          <Anchor component={Link} to={siteHomePath(props.accountId, props.siteId, 'images')} size="sm">
            Open images
          </Anchor>
        </Alert>
      ) : null}
      {placed.unplaced.length > 0 ? (
        <Alert variant="light" color="yellow" icon={<IconInfoCircle size={18} />}>
          {placed.unplaced.length} in-article image{placed.unplaced.length === 1 ? '' : 's'} belong to a heading that is
          no longer in the article; {placed.unplaced.length === 1 ? 'it is' : 'they are'} shown at the end.
        </Alert>
      ) : null}
      {failedFiles > 0 ? (
        <Text size="sm" c="red">
          {failedFiles} image file{failedFiles === 1 ? '' : 's'} could not be loaded: {Object.values(files.errors)[0]}
        </Text>
      ) : null}
      <Paper withBorder radius="md" data-testid="content-preview">
        {images.isPending ? (
          <Stack p="lg" gap="md">
            <Skeleton h={36} w="70%" />
            <Skeleton h={280} />
            <Skeleton h={120} />
          </Stack>
        ) : (
          <article className={`${classes.article} ${classes.preview}`}>
            <h1>{props.title}</h1>
            {/* The body is the editor's schema-bound HTML (sanitised again by the server on save); the
                figures are built with escaped text and object URLs only. */}
            <div dangerouslySetInnerHTML={{ __html: placed.html }} />
          </article>
        )}
      </Paper>
    </Stack>
  );
}
