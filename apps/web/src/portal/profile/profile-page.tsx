import type { PortalProfile } from '@glowdesk/contracts';
import { Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatCalendarDate } from '../../shared/format/person-dates.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalProfile, useUpdatePortalProfile } from '../api/portal-profile.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { usePortalMe } from '../api/portal-session.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { AddressForm } from './address-form.tsx';
import { ContactDetail } from './contact-detail.tsx';
import { PreferencesForm } from './preferences-form.tsx';
import type { SectionNotice, SectionSave } from './section-notice.ts';

type SectionName = 'address' | 'preferences';

/** A titled card of the Profile page. */
export function ProfileSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-label={title}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mt={2}>
          {description}
        </Text>
      )}
      <Stack gap="md" mt="md">
        {children}
      </Stack>
    </Paper>
  );
}

/** A label over a value, read-only. */
export function ProfileField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/**
 * The Profile page: name and date of birth (the clinic's to change), phone and email (changed
 * with a code sent to the new one), the address and how the clinic may reach the patient.
 */
export function ProfilePage() {
  usePageTitle('Profile');
  const practice = useCurrentPractice();
  const profile = usePortalProfile(practice.slug);
  const me = usePortalMe(practice.slug);
  const viewingOwn = !me.data || me.data.activeProfileId === me.data.patient.id;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {viewingOwn || !profile.data ? 'Profile' : `${profile.data.firstName}’s profile`}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          What {practice.name} has on file, and how they reach {viewingOwn ? 'you' : 'them'}.
        </Text>
      </div>
      {profile.isPending && <Skeleton h={240} radius="md" />}
      {profile.isError && <LoadError what="the profile" error={profile.error} onRetry={() => void profile.refetch()} />}
      {profile.data && <ProfileSections profile={profile.data} practiceName={practice.name} />}
    </Stack>
  );
}

function ProfileSections({ profile, practiceName }: { profile: PortalProfile; practiceName: string }) {
  const practice = useCurrentPractice();
  const update = useUpdatePortalProfile(practice.slug);
  const [last, setLast] = useState<{ section: SectionName; notice?: SectionNotice } | undefined>();
  const sectionSave = (section: SectionName): SectionSave => ({
    notice: last?.section === section ? last.notice : undefined,
    error: last?.section === section ? update.error : null,
    saving: update.isPending && last?.section === section,
    clearNotice: () => setLast((current) => (current?.section === section && current.notice ? { section } : current)),
    save: (changes) => {
      setLast({ section });
      update.mutate(
        { version: profile.version, changes },
        {
          onSuccess: () => setLast({ section, notice: 'saved' }),
          onError: (error) => {
            if (isApiProblem(error, 412)) setLast({ section, notice: 'stale' });
          },
        },
      );
    },
  });
  return (
    <>
      <ProfileSection title="Personal details" description={`To correct a name or date of birth, contact ${practiceName}.`}>
        <ProfileField label="Name">
          {profile.firstName} {profile.lastName}
        </ProfileField>
        <ProfileField label="Date of birth">{profile.dateOfBirth ? formatCalendarDate(profile.dateOfBirth) : 'Not on file'}</ProfileField>
      </ProfileSection>
      <ProfileSection title="Contact" description="A new phone number or email is saved once you enter the code we send to it.">
        <ContactDetail channel="sms" current={profile.phone} />
        <ContactDetail channel="email" current={profile.email} />
      </ProfileSection>
      <ProfileSection title="Address">
        <AddressForm key={`address-${profile.version}`} profile={profile} section={sectionSave('address')} />
      </ProfileSection>
      <ProfileSection title="Communication preferences">
        <PreferencesForm
          key={`preferences-${profile.version}`}
          profile={profile}
          practiceName={practiceName}
          section={sectionSave('preferences')}
        />
      </ProfileSection>
    </>
  );
}
