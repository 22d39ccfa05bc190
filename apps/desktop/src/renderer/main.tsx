import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShellActions } from './actions';
import { App } from './App';
import { AppStateStore, initialAppState } from './appState';
import { detectRuntime } from './bridgeClient';
import { installRouteSync } from './shell/routeSync';
import { installShortcuts } from './shortcuts';
import { installModalInert } from './ui/modalInert';
import { installTheme } from './ui/theme';
import './ui';
import './styles.css';

installTheme();
const store = new AppStateStore(initialAppState(detectRuntime()));
const actions = new ShellActions(store);
installShortcuts(store, actions);
installRouteSync(store, actions);
actions.start();

// Web mode: an offline shell, so a reload works without the server. Registered once the page
// has loaded and settled: its first install fetches every chunk, which must not slow the start.
if (location.protocol.startsWith('http') && 'serviceWorker' in navigator) {
  const register = () =>
    navigator.serviceWorker.register('./sw.js').catch((err: unknown) => {
      console.warn('Offline shell unavailable', err);
    });
  if (navigator.serviceWorker.controller) void register();
  else window.addEventListener('load', () => setTimeout(register, 3000), { once: true });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
installModalInert(root);
createRoot(root).render(
  <StrictMode>
    <App store={store} actions={actions} />
  </StrictMode>,
);
