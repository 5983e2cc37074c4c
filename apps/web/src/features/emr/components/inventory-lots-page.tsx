import { createInventoryLotRequestSchema, type LotUnit } from '@glowdesk/contracts';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Input,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { formatLotAmount } from '../lot-amount.ts';
import { schemaResolver, useForm } from '@mantine/form';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { localToday } from '../../appointments/clinic-time.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useInventoryLots } from '../api/emr-api.ts';
import { useCreateLot } from '../api/inventory-lots-api.ts';
import { EMR_PATH, lotPath, managesEmrFor } from '../emr-paths.ts';
import { formatLocalDay, lotStateOf, lotToneColors } from '../lot-state.ts';

interface LotFormValues {
  productName: string;
  lotNumber: string;
  expiresOn: string;
  unit: LotUnit;
  quantity: number | string;
}

function AddLotModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateLot();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<LotFormValues>({
    initialValues: { productName: '', lotNumber: '', expiresOn: '', unit: 'units', quantity: '' },
    validate: (values) => {
      const errors = schemaResolver(createInventoryLotRequestSchema, { sync: true })({ ...values, quantity: Number(values.quantity) });
      if (values.expiresOn === '') errors.expiresOn = 'Enter the expiry date.';
      if (values.quantity === '') errors.quantity = values.unit === 'mL' ? 'Enter the mL received.' : 'Enter the units received.';
      return errors;
    },
  });

  function close() {
    form.reset();
    setProblem(null);
    create.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title="Add a lot" centered>
      <form
        noValidate
        aria-label="Add a lot"
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          create.mutate(
            {
              productName: values.productName,
              lotNumber: values.lotNumber,
              expiresOn: values.expiresOn,
              unit: values.unit,
              quantity: Number(values.quantity),
            },
            {
              onSuccess: close,
              onError: (error) => {
                if (!isApiProblem(error)) return setProblem('The lot was not saved.');
                const field = error.field;
                if (field && field in form.values) form.setFieldError(field, error.detail);
                else setProblem(error.detail);
              },
            },
          );
        })}
      >
        <Stack gap="sm">
          <TextInput label="Product" placeholder="Botox Cosmetic 100U" required {...form.getInputProps('productName')} />
          <TextInput label="Lot number" required {...form.getInputProps('lotNumber')} />
          <Input.Wrapper
            label="Counted in"
            labelElement="div"
            labelProps={{ id: 'lot-unit-label' }}
            description={
              form.values.unit === 'mL'
                ? 'Charted in mL to 0.01 mL, e.g. filler in a 1 mL syringe.'
                : 'Charted in whole units, e.g. units of toxin or tubes of cream.'
            }
            inputWrapperOrder={['label', 'input', 'description']}
          >
            <SegmentedControl
              aria-labelledby="lot-unit-label"
              fullWidth
              data={[
                { value: 'units', label: 'Units' },
                { value: 'mL', label: 'mL' },
              ]}
              {...form.getInputProps('unit')}
            />
          </Input.Wrapper>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label="Expires on" type="date" required {...form.getInputProps('expiresOn')} />
            <NumberInput
              label={form.values.unit === 'mL' ? 'mL received' : 'Units received'}
              min={form.values.unit === 'mL' ? 0.01 : 1}
              allowDecimal={form.values.unit === 'mL'}
              decimalScale={form.values.unit === 'mL' ? 2 : 0}
              required
              {...form.getInputProps('quantity')}
            />
          </SimpleGrid>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add lot
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The practice's inventory lots: stock, expiry and recalls; managers add lots and open one to see its treated patients. */
export function InventoryLotsPage() {
  const { staff, practice } = useSession();
  const manages = managesEmrFor(staff.role);
  const lots = useInventoryLots();
  const [adding, setAdding] = useState(false);
  const today = localToday(practice.timezone);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={EMR_PATH} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} /> EMR
        </Group>
      </Anchor>
      <PageHeader
        title="Inventory lots"
        description="Products received by lot. Each lot counts units or mL, and charting takes its amount from the lot; an expired or empty lot cannot be charted."
        actions={
          manages && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              Add lot
            </Button>
          )
        }
      />
      {lots.error && <LoadError what="the lots" error={lots.error} onRetry={() => void lots.refetch()} />}
      <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
        {lots.isPending ? (
          <Stack gap="xs" role="status" aria-label="Loading the lots">
            {[0, 1, 2].map((row) => (
              <Skeleton key={row} height={28} />
            ))}
          </Stack>
        ) : (lots.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            No lots yet.{manages ? ' Add the lots you receive to chart injectables from them.' : ''}
          </Text>
        ) : (
          <StackedTableContainer minWidth={760}>
            <Table className={stackedTableClass} aria-label="Inventory lots" highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Lot number</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th ta="right">Received</Table.Th>
                  <Table.Th ta="right">Remaining</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(lots.data ?? []).map((lot) => {
                  const state = lotStateOf(lot, today);
                  return (
                    <Table.Tr key={lot.id}>
                      <Table.Td data-label="Product">{lot.productName}</Table.Td>
                      <Table.Td data-label="Lot number" fw={600}>
                        {manages ? (
                          <Anchor
                            component={Link}
                            to={lotPath(lot.id)}
                            aria-label={`Open lot ${lot.lotNumber}`}
                            c="inherit"
                            underline="always"
                          >
                            {lot.lotNumber}
                          </Anchor>
                        ) : (
                          lot.lotNumber
                        )}
                      </Table.Td>
                      <Table.Td data-label="Expires" style={{ whiteSpace: 'nowrap' }}>
                        {formatLocalDay(lot.expiresOn)}
                      </Table.Td>
                      <Table.Td data-label="Received" ta="right">
                        {formatLotAmount(lot.quantityReceived, lot.unit)}
                      </Table.Td>
                      <Table.Td data-label="Remaining" ta="right">
                        {formatLotAmount(lot.quantityOnHand, lot.unit)}
                      </Table.Td>
                      <Table.Td data-label="Status">
                        <Text size="sm" fw={600} c={lotToneColors[state.tone]}>
                          {state.label}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </StackedTableContainer>
        )}
      </Paper>
      {manages && <AddLotModal opened={adding} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
