// The service worker keeps the app shell for offline use. It is registered in production
// builds only: in development it would serve stale modules.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('service worker not registered', error);
    });
  // after the page's own loading, so as not to compete with it; the app may start after 'load'
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register());
}
