import type { PortalProfile } from '@glowdesk/contracts';
import { Alert, Button, Checkbox, Group, Radio, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { STALE_MESSAGE, type SectionSave } from './section-notice.ts';

/** How the clinic sends confirmations and reminders first, and whether it may send offers. */
export function PreferencesForm({
  profile,
  practiceName,
  section,
}: {
  profile: PortalProfile;
  practiceName: string;
  section: SectionSave;
}) {
  const { notice } = section;
  const [channel, setChannel] = useState(profile.preferences.preferredChannel);
  const [marketing, setMarketing] = useState(profile.preferences.marketingConsent);
  const problem = isApiProblem(section.error) ? section.error : undefined;
  const channelError = problem?.messageFor('preferences.preferredChannel');
  const formError =
    notice === 'stale'
      ? STALE_MESSAGE
      : problem
        ? channelError
          ? undefined
          : problem.status === 412
            ? STALE_MESSAGE
            : problem.detail
        : section.error
          ? 'The preferences were not saved. Check your connection and try again.'
          : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    section.clearNotice();
    section.save({ preferences: { preferredChannel: channel, marketingConsent: marketing } });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Communication preferences">
      <Stack gap="md">
        <Radio.Group
          label="Send appointment confirmations and reminders by"
          value={channel}
          error={channelError}
          onChange={(value) => {
            section.clearNotice();
            setChannel(value === 'sms' ? 'sms' : 'email');
          }}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="email" label="Email" description={profile.email ?? 'No email on file yet'} />
            <Radio value="sms" label="Text message" description={profile.phone ?? 'No phone number on file yet'} />
          </Stack>
        </Radio.Group>
        <Checkbox
          label={`Send me offers and news from ${practiceName}`}
          description="You can change this at any time."
          checked={marketing}
          onChange={(event) => {
            section.clearNotice();
            setMarketing(event.currentTarget.checked);
          }}
        />
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={section.saving}>
            Save preferences
          </Button>
          {notice === 'saved' && (
            <Group gap={4} c="teal.8" role="status">
              <IconCircleCheck size={18} aria-hidden="true" /> Preferences saved
            </Group>
          )}
        </Group>
      </Stack>
    </form>
  );
}
