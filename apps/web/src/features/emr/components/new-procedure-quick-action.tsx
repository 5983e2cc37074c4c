import { Button } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../../auth/components/session-context.tsx';
import { chartsFor, newPatientProcedurePath } from '../emr-paths.ts';
import { ProcedureViewChoice } from './procedure-view-choice.tsx';

/** The client profile's Quick Actions "New Procedure": the view choice, then step 2 of a procedure for this patient. */
export function NewProcedureQuickAction({ patientId }: { patientId: string }) {
  const { staff } = useSession();
  const [choosing, setChoosing] = useState(false);
  if (!chartsFor(staff.role)) return null;
  return (
    <>
      <Button variant="light" leftSection={<IconFilePlus size={16} />} onClick={() => setChoosing(true)} fullWidth>
        New Procedure
      </Button>
      <ProcedureViewChoice
        title="New Procedure"
        target={choosing ? { pathFor: (view) => newPatientProcedurePath(patientId, view) } : null}
        onClose={() => setChoosing(false)}
      />
    </>
  );
}
