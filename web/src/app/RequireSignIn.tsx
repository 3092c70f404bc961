// Screens for signed-in citizens: others are sent to sign in and brought back afterwards.
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/session';
import { ErrorMessage, Loading } from '../ui';

export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  // who was signed in on this device is enough offline, even when asking the server failed
  if (me.data) return <Outlet />;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => me.refetch()} />;
  const next = encodeURIComponent(location.pathname + location.search);
  return <Navigate to={`/sign-in?next=${next}`} replace />;
}
