import { InventoryLotsPage } from '../../features/emr/components/inventory-lots-page.tsx';

export function InventoryLotsRoute() {
  return <InventoryLotsPage />;
}
