import type { WalletSettings as WalletSettingsValues } from '@glowdesk/contracts';
import { Alert, Button, Group, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useWalletSettings } from '../api/get-wallet-settings.ts';
import { useUpdateWalletSettings } from '../api/update-wallet-settings.ts';
import {
  readWalletSettingsDraft,
  walletSettingsDraftOf,
  type WalletSettingsDraft,
  type WalletSettingsField,
} from '../wallet-settings-draft.ts';

const TITLE = 'Wallet';

/** The server's field names on this form's fields. */
const formFields: Record<string, WalletSettingsField> = {
  currency: 'currency',
  rewardCentsPer100Dollars: 'rewardPer100',
  rewardValidDays: 'rewardValidDays',
};

function describeRule(settings: WalletSettingsValues): string {
  if (settings.rewardCentsPer100Dollars === 0) return 'No rewards are given.';
  const reward = `${formatMoney(settings.rewardCentsPer100Dollars, settings.currency)} per ${formatMoney(10_000, settings.currency)} paid`;
  return settings.rewardValidDays === null
    ? `Clients earn ${reward}; rewards never expire.`
    : `Clients earn ${reward}; each reward counts for ${settings.rewardValidDays} days.`;
}

/** Settings → Wallet: the currency credit is kept in and the reward rule. Owners and admins change them; others read them. */
export function WalletSettings({ canManage }: { canManage: boolean }) {
  const settings = useWalletSettings();
  // Kept above the form: a refused save (412) reloads the settings, which starts a new form.
  const [conflict, setConflict] = useState(false);
  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description="Client wallets hold dollar credits, rewards and prepaid services. When an invoice is paid in full, the client earns a reward on what it cost before tax, less what was sold into or paid from the wallet."
      />
      {settings.isError ? (
        <LoadError what="the wallet settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="md" role="status" aria-label="Loading the wallet settings">
            <Skeleton height={28} width="50%" />
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        </Paper>
      ) : (
        <Stack gap="md">
          {conflict && (
            <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              Someone else changed the wallet settings while you were editing. The form now shows their settings; make your change again.
            </Alert>
          )}
          <WalletSettingsForm key={settings.data.version} settings={settings.data} canManage={canManage} onConflict={setConflict} />
        </Stack>
      )}
    </>
  );
}

function WalletSettingsForm({
  settings,
  canManage,
  onConflict,
}: {
  settings: WalletSettingsValues;
  canManage: boolean;
  onConflict: (conflict: boolean) => void;
}) {
  const [draft, setDraft] = useState<WalletSettingsDraft>(() => walletSettingsDraftOf(settings));
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<WalletSettingsField, string>>>({});
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const update = useUpdateWalletSettings();
  const read = readWalletSettingsDraft(draft, settings);
  // What was saved always reads cleanly: a field that does not is a change too (and Save says why it cannot go).
  const changed = Object.keys(read.changes).length > 0 || Object.keys(read.errors).length > 0;
  const fieldError = (field: WalletSettingsField) => serverErrors[field] ?? (showErrors ? read.errors[field] : undefined);
  const currencyShown = /^[A-Za-z]{3}$/.test(draft.currency.trim()) ? draft.currency.trim().toUpperCase() : settings.currency;

  function edit(changes: Partial<WalletSettingsDraft>) {
    setDraft((current) => ({ ...current, ...changes }));
    setServerErrors({});
    setFormProblem(null);
    onConflict(false);
  }

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    setShowErrors(true);
    if (Object.keys(read.errors).length > 0 || !changed) return;
    update.mutate(
      { expectedVersion: settings.version, settings: read.changes },
      {
        onSuccess: (saved) => {
          onConflict(false);
          notifications.show({ color: 'lagoon', title: 'Wallet settings saved', message: describeRule(saved) });
        },
        onError: (error) => {
          if (!isApiProblem(error)) return setFormProblem('The wallet settings were not saved. Try again.');
          if (error.status === 412) return onConflict(true);
          const listed = error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.detail }] : [];
          const placed: Partial<Record<WalletSettingsField, string>> = {};
          for (const problem of listed) {
            const field = formFields[problem.field];
            if (field) placed[field] ??= problem.message;
          }
          setServerErrors(placed);
          if (Object.keys(placed).length === 0) setFormProblem(error.detail);
        },
      },
    );
  }

  return (
    <form onSubmit={save} noValidate aria-label="Wallet settings">
      <Paper withBorder radius="lg" bg="white" p="lg">
        <Stack gap="lg">
          {formProblem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {formProblem}
            </Alert>
          )}
          {!canManage && (
            <Text size="sm" c="dimmed">
              Owners and admins change these settings. {describeRule(settings)}
            </Text>
          )}
          <TextInput
            label="Currency"
            description="Credit, rewards and gift cards are kept in this currency, and only invoices in it are paid from the wallet. It changes only while no client holds credit or rewards."
            value={draft.currency}
            onChange={(event) => edit({ currency: event.currentTarget.value })}
            error={fieldError('currency')}
            maxLength={3}
            readOnly={!canManage}
            autoCapitalize="characters"
            maw={360}
            styles={{ wrapper: { maxWidth: 120 }, input: { textTransform: 'uppercase' } }}
          />
          <TextInput
            label={`Reward per ${formatMoney(10_000, currencyShown)} paid`}
            description="Credited to the client’s rewards when an invoice is paid in full. 0 turns rewards off."
            value={draft.rewardPer100}
            onChange={(event) => edit({ rewardPer100: event.currentTarget.value })}
            error={fieldError('rewardPer100')}
            readOnly={!canManage}
            inputMode="decimal"
            rightSection={
              <Text size="xs" c="dimmed">
                {currencyShown}
              </Text>
            }
            rightSectionWidth={44}
            maw={360}
            styles={{ wrapper: { maxWidth: 180 } }}
          />
          <TextInput
            label="Rewards count for"
            description="Days from the day a reward is earned. Leave empty: rewards never expire."
            value={draft.rewardValidDays}
            onChange={(event) => edit({ rewardValidDays: event.currentTarget.value })}
            error={fieldError('rewardValidDays')}
            readOnly={!canManage}
            inputMode="numeric"
            rightSection={
              <Text size="xs" c="dimmed">
                days
              </Text>
            }
            rightSectionWidth={44}
            maw={360}
            styles={{ wrapper: { maxWidth: 180 } }}
          />
          {canManage && (
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                disabled={!changed || update.isPending}
                onClick={() => {
                  setDraft(walletSettingsDraftOf(settings));
                  setShowErrors(false);
                  setServerErrors({});
                  setFormProblem(null);
                }}
              >
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!changed}>
                Save wallet settings
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    </form>
  );
}
