import { Alert, Badge, Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { IconCreditCard } from '@tabler/icons-react';
import { useState } from 'react';
import type { BookableClinic, BookingCatalog } from '../api/booking-catalog.ts';
import { formatDuration, summarizeTreatment, type Treatment } from '../booking-choices.ts';
import { formatPrice } from '../format/booking-format.ts';
import { StepPage } from '../layout/step-page.tsx';

interface TreatmentStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  catalog: BookingCatalog;
  clinic: BookableClinic;
  initial: Treatment | undefined;
  onChoose: (treatment: Treatment) => void;
}

interface ChoiceCardProps {
  checked: boolean;
  onChange: () => void;
  name: string;
  description?: string | null | undefined;
  durationMinutes: number;
  priceCents: number | null;
  currency: string;
  requiresCard: boolean;
  detail?: string | undefined;
}

function ChoiceCard({
  checked,
  onChange,
  name,
  description,
  durationMinutes,
  priceCents,
  currency,
  requiresCard,
  detail,
}: ChoiceCardProps) {
  return (
    <Checkbox.Card className="book-choice" checked={checked} onClick={onChange} radius="md" aria-label={name} data-book-choice>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox.Indicator mt={2} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Text fw={600}>{name}</Text>
            <Text fw={600} ta="right" maw="45%">
              {formatPrice(priceCents, currency)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {formatDuration(durationMinutes)}
            {detail ? ` · ${detail}` : ''}
          </Text>
          {description && <Text size="sm">{description}</Text>}
          {requiresCard && (
            <Badge variant="light" color="gray" size="sm" tt="none" leftSection={<IconCreditCard size={12} aria-hidden="true" />} mt={2}>
              Card required to book
            </Badge>
          )}
        </Stack>
      </Group>
    </Checkbox.Card>
  );
}

/**
 * One or more services, or one package, among those the clinic offers online: each with its
 * duration and price. Choosing a package clears the services, and a service clears the package.
 */
export function TreatmentStep({ position, count, onBack, catalog, clinic, initial, onChoose }: TreatmentStepProps) {
  const [serviceIds, setServiceIds] = useState<string[]>(initial?.kind === 'services' ? initial.serviceIds : []);
  const [packageId, setPackageId] = useState<string | undefined>(initial?.kind === 'package' ? initial.packageId : undefined);
  const [missing, setMissing] = useState(false);
  const services = catalog.services.filter((service) => service.clinicIds.includes(clinic.id));
  const packages = catalog.packages.filter((bookable) => bookable.clinicIds.includes(clinic.id));
  const serviceNames = new Map(catalog.services.map((service) => [service.id, service.name]));

  const categories = new Map<string, typeof services>();
  for (const service of services) {
    const category = service.category ?? 'Services';
    categories.set(category, [...(categories.get(category) ?? []), service]);
  }

  const treatment: Treatment | undefined = packageId
    ? { kind: 'package', packageId }
    : serviceIds.length > 0
      ? { kind: 'services', serviceIds }
      : undefined;
  const summary = treatment ? summarizeTreatment(catalog, treatment) : undefined;

  function toggleService(serviceId: string) {
    setMissing(false);
    setPackageId(undefined);
    setServiceIds(serviceIds.includes(serviceId) ? serviceIds.filter((id) => id !== serviceId) : [...serviceIds, serviceId]);
  }

  function togglePackage(id: string) {
    setMissing(false);
    setServiceIds([]);
    setPackageId(packageId === id ? undefined : id);
  }

  return (
    <StepPage title="Choose a service" position={position} count={count} onBack={onBack}>
      <Text size="sm">At {clinic.name}. Choose one or more services, or a package.</Text>
      {services.length === 0 && packages.length === 0 && (
        <Alert color="gray" variant="light">
          {clinic.name} has nothing to book online right now. Call the clinic to book.
        </Alert>
      )}
      {[...categories].map(([category, list]) => (
        <Stack key={category} gap="xs" component="section" aria-label={category}>
          <Title order={2} size="h4">
            {category}
          </Title>
          {list.map((service) => (
            <ChoiceCard
              key={service.id}
              checked={serviceIds.includes(service.id)}
              onChange={() => toggleService(service.id)}
              name={service.name}
              description={service.description}
              durationMinutes={service.durationMinutes}
              priceCents={service.priceCents}
              currency={service.currency}
              requiresCard={service.requiresCard}
              detail={service.modes.includes('in_person') ? undefined : 'Virtual visit'}
            />
          ))}
        </Stack>
      ))}
      {packages.length > 0 && (
        <Stack gap="xs" component="section" aria-label="Packages">
          <Title order={2} size="h4">
            Packages
          </Title>
          {packages.map((bookable) => (
            <ChoiceCard
              key={bookable.id}
              checked={packageId === bookable.id}
              onChange={() => togglePackage(bookable.id)}
              name={bookable.name}
              durationMinutes={bookable.durationMinutes}
              priceCents={bookable.priceCents}
              currency={bookable.currency}
              requiresCard={bookable.requiresCard}
              detail={bookable.serviceIds.map((id) => serviceNames.get(id) ?? 'service').join(' + ')}
            />
          ))}
        </Stack>
      )}
      <div className="book-actions">
        {missing && (
          <Text size="sm" c="red.8" role="alert" mb="xs">
            Choose a service or a package to continue.
          </Text>
        )}
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm" aria-live="polite">
            {summary
              ? `${summary.names.length === 1 ? summary.names[0] : `${summary.names.length} services`} · ${formatDuration(summary.durationMinutes)} · ${formatPrice(summary.priceCents, summary.currency)}`
              : 'Nothing chosen yet'}
          </Text>
          <Button
            size="md"
            style={{ flexShrink: 0 }}
            onClick={() => {
              if (treatment && summary) onChoose(treatment);
              else setMissing(true);
            }}
          >
            Continue
          </Button>
        </Group>
      </div>
    </StepPage>
  );
}
