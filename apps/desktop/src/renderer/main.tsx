import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppStateStore, initialAppState } from './appState';
import { detectRuntime, loadAppInfo } from './bridgeClient';
import './styles.css';

const store = new AppStateStore(initialAppState(detectRuntime()));
loadAppInfo(store).catch((err: unknown) => console.error('Could not read app info', err));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
