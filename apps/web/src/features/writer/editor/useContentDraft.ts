import { useState } from 'react';
import { useForm } from '@mantine/form';
import { updateContentBodySchema, type Content } from '@igny8/contracts';
import { isApiError } from '../../../api/errors';
import { useUpdateContent } from '../../../api/queries/contents';
import { zodValidate } from '../../../lib/form';
import { notifySuccess } from '../../../lib/notify';
import { changedFields, draftOf, savedDraft, serverFieldErrors, type ContentDraft } from './draft';

/**
 * The editor's state: the form, the last saved state it is compared with (so "unsaved changes"
 * is exact, and only changed fields are sent) and the save itself.
 */
export function useContentDraft(accountId: string, siteId: string, content: Content) {
  const form = useForm<ContentDraft>({
    initialValues: draftOf(content),
    validate: zodValidate<ContentDraft>(updateContentBodySchema),
  });
  const [saved, setSaved] = useState<ContentDraft>(() => draftOf(content));
  const update = useUpdateContent(accountId, siteId, content.id);
  const changes = changedFields(saved, form.values);
  const dirty = Object.keys(changes).length > 0;

  /** The editor serialises the loaded body its own way: that form is the unchanged state. */
  const adoptEditorBody = (html: string) => {
    form.setFieldValue('bodyHtml', html);
    setSaved((s) => ({ ...s, bodyHtml: html }));
  };

  const save = () => {
    if (!dirty || update.isPending || form.validate().hasErrors) return;
    const body = form.values.bodyHtml;
    update.mutate(changes, {
      onSuccess: (answer) => {
        const next = savedDraft(draftOf(answer), body);
        setSaved(next);
        // Keep anything typed while the save was in flight; take the server's form of the rest.
        form.setValues((current) => {
          const merged = { ...current };
          for (const k of Object.keys(changes) as (keyof ContentDraft)[]) {
            if (k !== 'bodyHtml' && current[k] === changes[k]) Object.assign(merged, { [k]: next[k] });
          }
          return merged;
        });
        notifySuccess('Your changes are saved.', 'Article saved');
      },
      onError: (err) => {
        if (isApiError(err, 'validation_failed')) form.setErrors(serverFieldErrors(err.details));
      },
    });
  };

  return { form, dirty, save, saving: update.isPending, adoptEditorBody };
}
