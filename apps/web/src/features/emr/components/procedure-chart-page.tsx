import type { Procedure, SoapNotes } from '@glowdesk/contracts';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconLock, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useClinics } from '../../appointments/api/get-clinics.ts';
import { formatClinicDate, formatClinicSpan, formatClinicTime } from '../../appointments/clinic-time.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useAddAddendum, useInventoryLots, useProcedure, useSaveChart, useSignChart } from '../api/emr-api.ts';
import { laserDraftOf, laserRequestOf } from '../laser-settings-draft.ts';
import { productsUsedDraftOf, productsUsedRequestOf } from '../products-used-draft.ts';
import { ConsentsSection } from './consents-section.tsx';
import {
  InjectablesEditor,
  InjectablesRecord,
  injectableRowsOf,
  injectablesRequestOf,
  type InjectableRow,
} from './injectables-section.tsx';
import { LaserSettingsEditor, LaserSettingsView } from './laser-settings-section.tsx';
import { PhotosSection } from './photos-section.tsx';
import { AllergiesBanner } from '../../medical-history/components/allergies-banner.tsx';
import { ProductsUsedEditor, ProductsUsedView } from './products-used-section.tsx';
import { PrescriptionsSection } from './prescriptions-section.tsx';

const soapFields: { key: keyof SoapNotes; label: string }[] = [
  { key: 'subjective', label: 'Subjective' },
  { key: 'objective', label: 'Objective' },
  { key: 'assessment', label: 'Assessment' },
  { key: 'plan', label: 'Plan' },
];

function problemText(error: unknown, fallback: string): string {
  return isApiProblem(error) ? error.detail : fallback;
}

/** "Mon, Dec 7, 2026, 9:30 AM" in the clinic's zone. */
function formatMoment(instant: string, timeZone: string): string {
  return `${formatClinicDate(instant, timeZone)}, ${formatClinicTime(instant, timeZone)}`;
}

function SignedChart({ procedure, timeZone }: { procedure: Procedure; timeZone: string }) {
  const addAddendum = useAddAddendum(procedure.id);
  const [text, setText] = useState('');
  return (
    <Stack gap="lg">
      {procedure.procedureType.sections.includes('clinical_notes') && (
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb="sm">
            Clinical notes (SOAP)
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {soapFields.map((field) => (
              <Stack key={field.key} gap={2}>
                <Text size="sm" fw={600}>
                  {field.label}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {procedure.notes[field.key] || '—'}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {procedure.procedureType.sections.includes('injectables') && <InjectablesRecord procedure={procedure} />}
      {procedure.procedureType.sections.includes('laser_settings') && <LaserSettingsView laser={procedure.laser} />}
      {procedure.procedureType.sections.includes('products_used') && <ProductsUsedView products={procedure.productsUsed} />}
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="md" mb="sm">
          Addenda
        </Title>
        <Stack gap="sm">
          {procedure.addenda.map((addendum) => (
            <Paper key={addendum.id} bg="var(--mantine-color-gray-0)" p="sm" radius="sm">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {addendum.text}
              </Text>
              <Text size="xs" c="dimmed">
                {addendum.createdBy.displayName} · {formatMoment(addendum.createdAt, timeZone)}
              </Text>
            </Paper>
          ))}
          <Textarea label="New addendum" value={text} onChange={(event) => setText(event.currentTarget.value)} autosize minRows={2} />
          {addAddendum.error && (
            <Alert color="red" role="alert">
              {problemText(addAddendum.error, 'The addendum was not saved.')}
            </Alert>
          )}
          <Group>
            <Button
              variant="light"
              loading={addAddendum.isPending}
              disabled={text.trim() === ''}
              onClick={() => addAddendum.mutate(text, { onSuccess: () => setText('') })}
            >
              Add addendum
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function OpenChart({ procedure }: { procedure: Procedure }) {
  const lots = useInventoryLots();
  const save = useSaveChart(procedure.id);
  const sign = useSignChart(procedure.id);
  const [notes, setNotes] = useState<SoapNotes>(procedure.notes);
  const [rows, setRows] = useState<InjectableRow[]>(() => injectableRowsOf(procedure));
  const [laser, setLaser] = useState(() => laserDraftOf(procedure.laser));
  const [products, setProducts] = useState(() => productsUsedDraftOf(procedure.productsUsed));
  const [saved, setSaved] = useState(false);
  const sections = procedure.procedureType.sections;
  const usable = (lots.data ?? []).filter(
    (lot) =>
      rows.some((row) => row.lotId === lot.id) ||
      products.some((product) => product.lotId === lot.id) ||
      (lot.quantityOnHand > 0 && lot.expiresOn >= procedure.appointment.start.slice(0, 10)),
  );
  const fieldError = (field: string) => (isApiProblem(save.error) ? save.error.messageFor(field) : undefined);

  function body() {
    return {
      ...(sections.includes('clinical_notes') ? { notes } : {}),
      ...(sections.includes('injectables') ? { injectables: injectablesRequestOf(rows, lots.data ?? []) } : {}),
      ...(sections.includes('laser_settings') ? { laser: laserRequestOf(laser) } : {}),
      ...(sections.includes('products_used') ? { productsUsed: productsUsedRequestOf(products) } : {}),
    };
  }

  function saveChart(then?: () => void) {
    setSaved(false);
    save.mutate(body(), {
      onSuccess: () => {
        setSaved(true);
        then?.();
      },
    });
  }

  return (
    <Stack gap="lg">
      {sections.includes('clinical_notes') && (
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb="sm">
            Clinical notes (SOAP)
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {soapFields.map((field) => (
              <Textarea
                key={field.key}
                label={field.label}
                value={notes[field.key]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setNotes((current) => ({ ...current, [field.key]: value }));
                }}
                autosize
                minRows={3}
                error={fieldError(`notes.${field.key}`)}
              />
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {sections.includes('injectables') && <InjectablesEditor rows={rows} onChange={setRows} lots={usable} fieldError={fieldError} />}
      {sections.includes('laser_settings') && (
        <LaserSettingsEditor
          clinicId={procedure.appointment.clinicId}
          savedDevice={procedure.laser?.device ?? null}
          draft={laser}
          onChange={setLaser}
          fieldError={fieldError}
        />
      )}
      {sections.includes('products_used') && (
        <ProductsUsedEditor rows={products} onChange={setProducts} lots={usable} fieldError={fieldError} />
      )}
      {(save.error ?? sign.error) && (
        <Alert color="red" role="alert">
          {problemText(save.error ?? sign.error, 'The chart was not saved.')}
        </Alert>
      )}
      {saved && !save.isPending && (
        <Text size="sm" c="teal" role="status">
          Chart saved.
        </Text>
      )}
      <Group>
        <Button variant="default" loading={save.isPending} onClick={() => saveChart()}>
          Save chart
        </Button>
        <Button leftSection={<IconLock size={16} />} loading={sign.isPending} onClick={() => saveChart(() => sign.mutate())}>
          Sign chart
        </Button>
      </Group>
    </Stack>
  );
}

/** Whether a medical director has co-signed the signed chart, and who and when. */
function CosignatureStatus({ procedure, timeZone }: { procedure: Procedure; timeZone: string }) {
  const { cosignedAt, cosignedBy } = procedure.cosignature;
  return cosignedAt ? (
    <Alert color="teal" variant="light" icon={<IconSignature size={18} aria-hidden />} title="Co-signed by the medical director">
      {cosignedBy?.displayName} · {formatMoment(cosignedAt, timeZone)}
    </Alert>
  ) : (
    <Alert color="yellow" variant="light" icon={<IconSignature size={18} aria-hidden />} title="Awaiting medical director co-signature">
      The chart is signed and locked; it waits in the medical director’s MD Review.
    </Alert>
  );
}

/**
 * A procedure's chart: the sections its type asks for (SOAP notes, injectables and products used from the practice's
 * lots, laser / device settings, photos), then signed (locked) with addenda after.
 */
export function ProcedureChartPage({ procedureId }: { procedureId: string }) {
  const procedure = useProcedure(procedureId);
  const clinics = useClinics();
  const { practice } = useSession();
  if (procedure.error) return <LoadError what="the chart" error={procedure.error} onRetry={() => void procedure.refetch()} />;
  if (!procedure.data) return <Text c="dimmed">Loading the chart…</Text>;
  const chart = procedure.data;
  const timeZone = clinics.data?.find((clinic) => clinic.id === chart.appointment.clinicId)?.timezone ?? practice.timezone;
  return (
    <Stack gap="lg">
      <PageHeader
        title={`${chart.patient.firstName} ${chart.patient.lastName}`}
        description={`${chart.procedureType.name} · ${chart.appointment.serviceNames.join(', ')} · ${formatClinicSpan(chart.appointment.start, chart.appointment.end, timeZone)}`}
        actions={
          chart.signedAt ? (
            <Group gap={6} c="teal.8" wrap="nowrap">
              <IconLock size={16} aria-hidden />
              <Text size="sm" fw={600} c="teal.8">
                Signed by {chart.signedBy?.displayName} · {formatMoment(chart.signedAt, timeZone)}
              </Text>
            </Group>
          ) : (
            <Badge color="grape" size="lg" tt="none">
              Unsigned
            </Badge>
          )
        }
      />
      <AllergiesBanner patientId={chart.patient.id} />
      {chart.procedureType.sections.includes('consents') && <ConsentsSection procedure={chart} timeZone={timeZone} />}
      {chart.signedAt && chart.cosignature.required && <CosignatureStatus procedure={chart} timeZone={timeZone} />}
      {chart.signedAt ? <SignedChart procedure={chart} timeZone={timeZone} /> : <OpenChart procedure={chart} />}
      {chart.procedureType.sections.includes('photos') && <PhotosSection procedure={chart} timeZone={timeZone} />}
      <PrescriptionsSection
        patientId={chart.patient.id}
        patientName={`${chart.patient.firstName} ${chart.patient.lastName}`}
        timeZone={timeZone}
        procedureId={chart.id}
      />
    </Stack>
  );
}
