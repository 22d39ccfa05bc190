import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShellActions } from './actions';
import { App } from './App';
import { AppStateStore, initialAppState } from './appState';
import { detectRuntime } from './bridgeClient';
import './styles.css';

const runtime = detectRuntime();
const store = new AppStateStore(initialAppState(runtime));
const actions = new ShellActions(store);
if (runtime === 'desktop') void actions.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App store={store} actions={actions} />
  </StrictMode>,
);
