import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';
// The phone's and the simulator's styles ride with the page's stylesheet rather than their chunk: a
// chunk's own CSS file is one more name in the first page's preload map, and that page's JavaScript
// is at its budget (test/e2e/bundle-size.spec.ts). Their code still loads with the tab.
import './ui/phone/phone.css';
import './features/simulator/simulator.css';
import './features/menu/menu.css';
import './features/chores/chores.css';
import './features/console/console.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
