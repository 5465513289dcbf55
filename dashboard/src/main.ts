// Browser entry: starts the dashboard shell in #app; the address (#/view?params, ?site=) says what to show.
import { startApp } from './app/start-app.ts';

const root = document.getElementById('app');
if (root) void startApp({ root });
