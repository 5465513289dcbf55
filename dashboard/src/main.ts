// Browser entry: reads ?site= and ?floor= from the address and starts the dashboard in #app.
import { startDashboard } from './start-dashboard.ts';

const root = document.getElementById('app');
const params = new URLSearchParams(location.search);
if (root) {
  void startDashboard({
    root,
    siteId: params.get('site'),
    floorId: params.get('floor'),
    // Keeps the chosen floor in the address so a reload or a shared link opens the same one.
    onFloorChange: (floorId) => {
      const url = new URL(location.href);
      url.searchParams.set('floor', floorId);
      history.replaceState(null, '', url);
    },
  });
}
