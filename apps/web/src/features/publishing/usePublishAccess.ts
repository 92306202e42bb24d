import { canPublish } from '@igny8/contracts';
import { usePublishingSettings } from '../../api/queries/publishing';
import { useSite } from '../sites/context';

/** The site's publishing settings and whether the signed-in member may publish there. */
export function usePublishAccess() {
  const { accountId, siteId, membership } = useSite();
  const settings = usePublishingSettings(accountId, siteId);
  const policy = settings.data ?? { editorsCanPublish: false };
  return { settings, policy, canPublish: canPublish(membership.role, policy), role: membership.role };
}
