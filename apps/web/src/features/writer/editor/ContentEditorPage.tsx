import { Button, Skeleton, Stack } from '@mantine/core';
import { IconFileOff } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api/errors';
import { useContent } from '../../../api/queries/contents';
import { EmptyState } from '../../../components/EmptyState';
import { QueryError } from '../../../components/QueryError';
import { siteHomePath } from '../../sites/sitePaths';
import { useSite } from '../../sites/context';
import { ContentEditorForm } from './ContentEditorForm';

/** `content/:contentId`: one article, to edit and preview with its images. */
export function ContentEditorPage() {
  const { accountId, siteId, canEdit } = useSite();
  const { contentId = '' } = useParams();
  const content = useContent(accountId, siteId, contentId);

  if (content.isPending) {
    return (
      <Stack gap="md" data-testid="content-loading">
        <Skeleton h={32} w={360} />
        <Skeleton h={40} />
        <Skeleton h={420} />
      </Stack>
    );
  }
  if (content.isError) {
    if (isApiError(content.error) && content.error.status === 404) {
      return (
        <EmptyState
          icon={IconFileOff}
          title="Article not found"
          description="It does not exist on this site, or it was removed."
          action={
            <Button component={Link} to={siteHomePath(accountId, siteId, 'content')} variant="light" mt="sm">
              All content
            </Button>
          }
        />
      );
    }
    return <QueryError error={content.error} onRetry={() => void content.refetch()} />;
  }
  // Keyed by article: opening another one starts a fresh editor and form.
  return (
    <ContentEditorForm
      key={content.data.id}
      accountId={accountId}
      siteId={siteId}
      content={content.data}
      canEdit={canEdit}
    />
  );
}
