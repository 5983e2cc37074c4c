import { useParams } from 'react-router';
import { useSession } from '../../features/auth/components/session-context.tsx';
import { MembershipPage } from '../../features/memberships/components/membership-page.tsx';

export function MembershipRoute() {
  const { membershipId = '' } = useParams();
  const { practice } = useSession();
  return <MembershipPage key={membershipId} membershipId={membershipId} practiceTimeZone={practice.timezone} />;
}
