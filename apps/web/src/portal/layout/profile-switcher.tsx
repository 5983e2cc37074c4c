import type { PortalMe } from '@glowdesk/contracts';
import { Alert, NativeSelect } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { forgetProfileData, useSwitchProfile } from '../api/portal-profile.ts';

/**
 * "Viewing: Me / Emma Smith" for a patient the clinic made a dependant's guardian: every page
 * then reads the chosen profile. Shown only when there is more than one to choose.
 */
export function ProfileSwitcher({ slug, me }: { slug: string; me: PortalMe }) {
  const switchProfile = useSwitchProfile(slug);
  if (me.profiles.length < 2) return null;
  return (
    <>
      <NativeSelect
        label="Viewing"
        size="sm"
        value={me.activeProfileId}
        disabled={switchProfile.isPending}
        onChange={(event) => switchProfile.mutate(event.currentTarget.value)}
        data={me.profiles.map((profile) => ({
          value: profile.id,
          label: profile.relation === 'self' ? `Me (${profile.firstName} ${profile.lastName})` : `${profile.firstName} ${profile.lastName}`,
        }))}
        mt="xs"
        maw={420}
        styles={{
          root: { display: 'flex', alignItems: 'center', gap: 8 },
          label: { flexShrink: 0, marginBottom: 0 },
          wrapper: { flex: 1, minWidth: 0 },
        }}
      />
      {switchProfile.isError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" mt="xs">
          {isApiProblem(switchProfile.error) ? switchProfile.error.detail : 'The profile was not switched. Try again.'}
        </Alert>
      )}
    </>
  );
}

/**
 * When the clinic revokes a guardian's access while they view the dependant's profile, the
 * next request is refused (403 profile_access_ended) and the session is back on their own
 * profile: reload everything for it and say why.
 */
export function useEndedProfileAccess(slug: string): string | undefined {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'error') return;
        const error: unknown = event.action.error;
        if (isApiProblem(error, 403) && error.code === 'profile_access_ended') {
          setNotice(error.detail);
          void forgetProfileData(queryClient, slug);
        }
      }),
    [queryClient, slug],
  );
  return notice;
}

export function EndedProfileAccessNotice({ notice }: { notice: string }) {
  return (
    <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} role="status" mb="md">
      {notice}
    </Alert>
  );
}
