import { onlineManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { router } from './app/routes';
import { registerServiceWorker } from './app/service-worker';
import { initI18n } from './i18n';
import { Loading } from './ui';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not get better by asking again; a dropped connection may.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

// Opened offline, queries wait for the network (and show what is saved) rather than fail:
// TanStack Query otherwise assumes it is online until the first 'offline' event.
onlineManager.setOnline(navigator.onLine);

await initI18n();
registerServiceWorker();
void import('./citizen/outbox/sender').then((outbox) => outbox.startOutboxSender()); // reports kept offline

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* a screen's texts are fetched when it first shows: it waits here meanwhile */}
      <Suspense fallback={<Loading />}>
        <RouterProvider router={router} />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
